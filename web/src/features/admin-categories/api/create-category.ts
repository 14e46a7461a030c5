import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminCategoryKeys } from './query-keys';

export interface CategoryPayload {
  name: string;
  slug?: string;
  description: string | null;
  parent_id: number | null;
  sort_order: number;
  is_active?: boolean;
}

export function createCategory(body: CategoryPayload): Promise<unknown> {
  return apiRequest('/categories', { method: 'POST', body });
}

export function useCreateCategory() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createCategory, onSuccess: () => qc.invalidateQueries({ queryKey: adminCategoryKeys.all }) });
}
