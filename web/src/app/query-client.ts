import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../lib/api-client';

/** Queries retry network failures and 5xx once; client errors (4xx) never. */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, err) => count < 1 && (!(err instanceof ApiError) || err.status === 0 || err.status >= 500),
      },
      mutations: { retry: false },
    },
  });
}
