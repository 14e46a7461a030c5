import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminProductKeys } from './query-keys';

export function deleteProductImage(productId: number, imageId: number): Promise<void> {
  return apiRequest(`/admin/products/${productId}/images/${imageId}`, { method: 'DELETE' });
}

export function useDeleteProductImage(productId: number) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (imageId: number) => deleteProductImage(productId, imageId), onSuccess: () => qc.invalidateQueries({ queryKey: adminProductKeys.details }) });
}
