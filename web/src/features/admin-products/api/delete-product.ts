import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminProductKeys } from './query-keys';

/** A soft delete: the product leaves the store; its SKU and slug stay taken. */
export function deleteProduct(id: number): Promise<void> {
  return apiRequest(`/products/${id}`, { method: 'DELETE' });
}

export function useDeleteProduct() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteProduct, onSuccess: () => qc.invalidateQueries({ queryKey: adminProductKeys.lists }) });
}
