import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminProductKeys } from './query-keys';

export interface WarehouseOption { id: number; code: string; name: string; is_active: boolean }

export function getWarehouses(): Promise<{ data: WarehouseOption[] }> {
  return apiRequest('/warehouses');
}

export function useWarehouses() {
  return useQuery({ queryKey: adminProductKeys.warehouseOptions, queryFn: getWarehouses });
}
