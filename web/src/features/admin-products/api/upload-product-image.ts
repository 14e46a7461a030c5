import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, buildUrl } from '../../../lib/api-client';
import { session } from '../../../lib/session';
import { adminProductKeys } from './query-keys';

/** Uploads one image file (multipart field `file`, optional `alt`) to a product. */
export async function uploadProductImage(productId: number, file: File, alt: string): Promise<unknown> {
  const form = new FormData();
  form.append('file', file);
  if (alt) form.append('alt', alt);
  const token = session.get()?.access_token;
  const res = await fetch(buildUrl(`/admin/products/${productId}/images`), {
    method: 'POST',
    body: form,
    headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    credentials: 'same-origin',
  }).catch(() => { throw new ApiError(0, { detail: 'network' }); });
  const text = await res.text();
  let data: Record<string, unknown> = {};
  try { data = text ? JSON.parse(text) : {}; } catch { data = { detail: text }; }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export function useUploadProductImage(productId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, alt }: { file: File; alt: string }) => uploadProductImage(productId, file, alt),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminProductKeys.details }),
  });
}
