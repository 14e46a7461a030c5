import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminProductKeys } from './query-keys';

/** Puts a product's images in the order of `ids` (PUT /admin/products/{id}/images/order). */
export function reorderProductImages(productId: number, ids: number[]): Promise<unknown> {
  return apiRequest(`/admin/products/${productId}/images/order`, { method: 'PUT', body: { ids } });
}

export function useReorderProductImages(productId: number) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (ids: number[]) => reorderProductImages(productId, ids), onSuccess: () => qc.invalidateQueries({ queryKey: adminProductKeys.details }) });
}
