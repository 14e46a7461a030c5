import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ProductDetail } from './get-product';
import type { ProductPayload } from '../components/product-payload';
import { adminProductKeys } from './query-keys';

export function updateProduct(id: number, body: Partial<ProductPayload>): Promise<ProductDetail> {
  return apiRequest(`/products/${id}`, { method: 'PUT', body });
}

export function useUpdateProduct(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<ProductPayload>) => updateProduct(id, body),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: adminProductKeys.lists });
      qc.invalidateQueries({ queryKey: adminProductKeys.details });
    },
  });
}
