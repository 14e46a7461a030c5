import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { catalogKeys } from './query-keys';

export interface Brand {
  id: number;
  name: string;
  slug: string;
  product_count: number;
}

export function getBrands(): Promise<{ data: Brand[] }> {
  return apiRequest('/brands', { anonymous: true });
}

export function useBrands() {
  return useQuery({ queryKey: catalogKeys.brands, queryFn: getBrands, staleTime: 5 * 60_000 });
}
