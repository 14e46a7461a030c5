import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { CategoryPayload } from './create-category';
import { adminCategoryKeys } from './query-keys';

/** Renames or moves (parent_id) a category; the server refuses cycles. */
export function updateCategory({ id, body }: { id: number; body: CategoryPayload }): Promise<unknown> {
  return apiRequest(`/categories/${id}`, { method: 'PUT', body });
}

export function useUpdateCategory() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateCategory, onSuccess: () => qc.invalidateQueries({ queryKey: adminCategoryKeys.all }) });
}
