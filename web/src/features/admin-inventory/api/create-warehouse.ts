import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { inventoryKeys } from './query-keys';

export interface WarehousePayload { code?: string; name: string; city: string; region: string; priority: number | string; is_active: boolean }

export function createWarehouse(body: WarehousePayload): Promise<unknown> {
  return apiRequest('/warehouses', { method: 'POST', body });
}

export function useCreateWarehouse() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createWarehouse, onSuccess: () => qc.invalidateQueries({ queryKey: inventoryKeys.warehouses }) });
}
