import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminBrandKeys } from './query-keys';

/** Deletes a brand; 409 in_use while products refer to it. */
export function deleteBrand(id: number): Promise<void> {
  return apiRequest(`/brands/${id}`, { method: 'DELETE' });
}

export function useDeleteBrand() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteBrand, onSuccess: () => qc.invalidateQueries({ queryKey: adminBrandKeys.all }) });
}
