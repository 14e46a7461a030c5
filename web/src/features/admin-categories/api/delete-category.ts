import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminCategoryKeys } from './query-keys';

/** Deletes a category; 409 in_use while products or subcategories refer to it. */
export function deleteCategory(id: number): Promise<void> {
  return apiRequest(`/categories/${id}`, { method: 'DELETE' });
}

export function useDeleteCategory() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteCategory, onSuccess: () => qc.invalidateQueries({ queryKey: adminCategoryKeys.all }) });
}
