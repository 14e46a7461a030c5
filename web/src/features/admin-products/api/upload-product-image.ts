import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRawRequest } from '../../../lib/api-client';
import { adminProductKeys } from './query-keys';

/** Uploads one image file (multipart field `file`, optional `alt`) to a product. */
export function uploadProductImage(productId: number, file: File, alt: string): Promise<unknown> {
  const form = new FormData();
  form.append('file', file);
  if (alt) form.append('alt', alt);
  return apiRawRequest(`/admin/products/${productId}/images`, { method: 'POST', body: form });
}

export function useUploadProductImage(productId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, alt }: { file: File; alt: string }) => uploadProductImage(productId, file, alt),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminProductKeys.details }),
  });
}
