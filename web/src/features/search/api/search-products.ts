import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ProductSummary } from '../../../lib/types';
import { searchKeys } from './query-keys';

export interface SearchParams {
  q: string;
  category?: string;
  brand?: string;
  price_min?: number;
  price_max?: number;
  in_stock?: boolean;
  sort?: string;
  page?: number;
}

export interface SearchResult {
  results: ProductSummary[];
  aggregations: {
    categories: Record<string, number>;
    brands: Record<string, number>;
    price_ranges: Record<string, number>;
  };
  suggestions: string[];
  total: number;
  page: number;
  limit: number;
}

export function searchProducts(p: SearchParams): Promise<SearchResult> {
  return apiRequest('/search/products', {
    anonymous: true,
    query: {
      q: p.q,
      'filters[category]': p.category,
      'filters[brand]': p.brand,
      'filters[price_min]': p.price_min,
      'filters[price_max]': p.price_max,
      'filters[in_stock]': p.in_stock ? 'true' : undefined,
      sort: p.sort,
      page: p.page,
      limit: 24,
    },
  });
}

export function useSearchProducts(p: SearchParams) {
  return useQuery({ queryKey: searchKeys.results(p), queryFn: () => searchProducts(p), placeholderData: keepPreviousData });
}
