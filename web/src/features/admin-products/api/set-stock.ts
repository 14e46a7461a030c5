import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminProductKeys } from './query-keys';

export interface SetStock { sku: string; warehouse: string; quantity: number; reason?: string }

/** Sets the units of one SKU in one warehouse (PUT /inventory/{sku}/{warehouse}). */
export function setStock({ sku, warehouse, ...body }: SetStock): Promise<unknown> {
  return apiRequest(`/inventory/${encodeURIComponent(sku)}/${encodeURIComponent(warehouse)}`, { method: 'PUT', body });
}

export function useSetStock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: setStock,
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: adminProductKeys.stockLevels });
      qc.invalidateQueries({ queryKey: adminProductKeys.details });
    },
  });
}
