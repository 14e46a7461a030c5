import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { inventoryKeys } from './query-keys';

export interface Adjustment { sku: string; warehouse: string; delta: number | string; reason: string }
export interface StockLevelAnswer { sku: string; warehouse: string; quantity: number; available: number }

/** Adds (or removes, with a negative delta) units of a SKU in a warehouse. */
export function adjustInventory(body: Adjustment): Promise<StockLevelAnswer> {
  return apiRequest('/inventory/adjust', { method: 'POST', body });
}

export function useAdjustInventory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: adjustInventory,
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: inventoryKeys.alerts });
      qc.invalidateQueries({ queryKey: inventoryKeys.levels });
    },
  });
}
