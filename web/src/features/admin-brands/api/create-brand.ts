import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminBrandKeys } from './query-keys';

export interface BrandPayload { name: string; slug?: string; description: string | null; logo_url: string | null }

export function createBrand(body: BrandPayload): Promise<unknown> {
  return apiRequest('/brands', { method: 'POST', body });
}

export function useCreateBrand() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createBrand, onSuccess: () => qc.invalidateQueries({ queryKey: adminBrandKeys.all }) });
}
