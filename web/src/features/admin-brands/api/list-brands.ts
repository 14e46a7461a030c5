import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminBrandKeys } from './query-keys';

export interface Brand { id: number; name: string; slug: string; description: string | null; logo_url: string | null; product_count: number }

/** The active brands (GET /brands). */
export function listBrands(): Promise<{ data: Brand[] }> {
  return apiRequest('/brands');
}

export function useBrands() {
  return useQuery({ queryKey: adminBrandKeys.all, queryFn: listBrands, staleTime: 0 });
}
