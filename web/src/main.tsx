import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { App } from './app/App';
import { getLocale } from './lib/i18n';

document.documentElement.lang = getLocale() === 'en' ? 'en' : 'es-CL';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
