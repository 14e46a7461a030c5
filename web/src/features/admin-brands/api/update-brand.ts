import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { BrandPayload } from './create-brand';
import { adminBrandKeys } from './query-keys';

export function updateBrand({ id, body }: { id: number; body: BrandPayload }): Promise<unknown> {
  return apiRequest(`/brands/${id}`, { method: 'PUT', body });
}

export function useUpdateBrand() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateBrand, onSuccess: () => qc.invalidateQueries({ queryKey: adminBrandKeys.all }) });
}
