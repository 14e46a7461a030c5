// The search feature's TanStack Query keys.
import type { SearchParams } from './search-products';

export const searchKeys = {
  results: (p: SearchParams) => ['search', p] as const,
  suggestions: (q: string) => ['suggestions', q] as const,
};
