import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { searchKeys } from './query-keys';

export interface Suggestion {
  text: string;
  type: 'brand' | 'category' | 'product';
  slug: string;
  id?: number;
}

export function getSuggestions(q: string, signal?: AbortSignal): Promise<{ q: string; suggestions: Suggestion[] }> {
  return apiRequest('/search/suggestions', { query: { q, limit: 8 }, anonymous: true, signal });
}

/** Suggestions for an already debounced query; nothing for fewer than 2 characters. */
export function useSuggestions(q: string) {
  return useQuery({
    queryKey: searchKeys.suggestions(q),
    queryFn: ({ signal }) => getSuggestions(q, signal),
    enabled: q.trim().length >= 2,
    staleTime: 60_000,
  });
}
