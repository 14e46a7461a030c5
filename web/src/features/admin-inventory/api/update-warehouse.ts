import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { WarehousePayload } from './create-warehouse';
import { inventoryKeys } from './query-keys';

export function updateWarehouse({ id, body }: { id: number; body: WarehousePayload }): Promise<unknown> {
  return apiRequest(`/warehouses/${id}`, { method: 'PUT', body });
}

export function useUpdateWarehouse() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateWarehouse, onSuccess: () => qc.invalidateQueries({ queryKey: inventoryKeys.warehouses }) });
}
