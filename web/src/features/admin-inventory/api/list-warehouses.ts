import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { inventoryKeys } from './query-keys';

export interface Warehouse { id: number; code: string; name: string; city: string; region: string; priority: number; is_active: boolean; created_at: string }

export function listWarehouses(): Promise<{ data: Warehouse[] }> {
  return apiRequest('/warehouses');
}

export function useWarehouseList() {
  return useQuery({ queryKey: inventoryKeys.warehouses, queryFn: listWarehouses, staleTime: 0 });
}
