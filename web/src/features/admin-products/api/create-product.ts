import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ProductDetail } from './get-product';
import type { ProductPayload } from '../components/product-payload';
import { adminProductKeys } from './query-keys';

export function createProduct(body: ProductPayload): Promise<ProductDetail> {
  return apiRequest('/products', { method: 'POST', body });
}

export function useCreateProduct() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createProduct, onSuccess: () => qc.invalidateQueries({ queryKey: adminProductKeys.lists }) });
}
