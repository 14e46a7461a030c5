import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminProductKeys } from './query-keys';

export interface BrandOption { id: number; name: string }

export function getBrandOptions(): Promise<{ data: BrandOption[] }> {
  return apiRequest('/brands');
}

export function useBrandOptions() {
  return useQuery({ queryKey: adminProductKeys.brandOptions, queryFn: getBrandOptions });
}
