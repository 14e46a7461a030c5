import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { makeQueryClient } from './query-client';
import { AppRoutes } from './AppRoutes';
import { LiveUpdates } from './LiveUpdates';
import { useT } from '../lib/i18n';

export function App() {
  const [client] = useState(makeQueryClient);
  const { locale } = useT();
  return (
    <QueryClientProvider client={client}>
      <LiveUpdates>
        <BrowserRouter>
          {/* Re-mount on a language switch so every text is translated again. */}
          <AppRoutes key={locale} />
        </BrowserRouter>
      </LiveUpdates>
    </QueryClientProvider>
  );
}
