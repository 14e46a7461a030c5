import { useRef } from 'react';
import type { ProductImage } from '../api/get-product';
import { useUploadProductImage } from '../api/upload-product-image';
import { useReorderProductImages } from '../api/reorder-product-images';
import { useDeleteProductImage } from '../api/delete-product-image';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { confirmAction } from '../../../components/admin/Notice';
import { ApiError } from '../../../lib/api-client';
import { messagesFor, translate } from '../../../lib/i18n';

/** The images of a saved product: upload (multipart), reorder and delete through the image routes. */
export function ImageManager({ productId, images }: { productId: number; images: ProductImage[] }) {
  const upload = useUploadProductImage(productId);
  const reorder = useReorderProductImages(productId);
  const remove = useDeleteProductImage(productId);
  const input = useRef<HTMLInputElement>(null);
  const unavailable = [upload.error, reorder.error, remove.error].some((e) => e instanceof ApiError && (e.status === 404 || e.status === 405));
  const ids = images.map((i) => i.id).filter((id): id is number => typeof id === 'number');
  const move = (i: number, by: number) => {
    const next = [...ids];
    const [id] = next.splice(i, 1);
    next.splice(i + by, 0, id);
    reorder.mutate(next);
  };
  const busy = upload.isPending || reorder.isPending || remove.isPending;
  return (
    <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="images-title" data-testid="image-manager">
      <h2 id="images-title" className="mb-2 font-semibold">{translate('products.images')}</h2>
      {unavailable ? <p role="alert" className="text-sm text-red-700">{translate('products.uploadUnavailable')}</p>
        : <FormError error={upload.error ?? reorder.error ?? remove.error} />}
      {messagesFor(upload.error, 'file').map((m) => <p key={m} className="text-sm text-red-700">{m}</p>)}
      {images.length === 0 && <p className="text-sm text-slate-600">{translate('products.noImages')}</p>}
      <ol className="flex flex-wrap gap-3">
        {images.map((img, i) => (
          <li key={img.id ?? img.url} className="w-36 rounded border border-slate-200 p-2 text-xs">
            <img src={img.url} alt={img.alt ?? ''} width={128} height={128} loading="lazy" className="h-32 w-32 rounded bg-slate-100 object-cover" />
            <p className="mt-1 truncate">{img.alt || '—'}</p>
            <div className="mt-1 flex gap-1">
              <Button variant="secondary" className="px-2 py-1" aria-label={translate('products.moveUp', { n: i + 1 })} disabled={busy || i === 0 || img.id === undefined} onClick={() => move(i, -1)}>↑</Button>
              <Button variant="secondary" className="px-2 py-1" aria-label={translate('products.moveDown', { n: i + 1 })} disabled={busy || i === images.length - 1 || img.id === undefined} onClick={() => move(i, 1)}>↓</Button>
              <Button variant="secondary" className="px-2 py-1" aria-label={translate('products.removeImage', { n: i + 1 })} disabled={busy || img.id === undefined}
                onClick={() => img.id !== undefined && confirmAction(translate('common.confirmDelete', { name: img.alt || img.url })) && remove.mutate(img.id)}>✕</Button>
            </div>
          </li>
        ))}
      </ol>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <label htmlFor="image-file" className="text-sm font-medium">{translate('products.upload')}</label>
        <input ref={input} id="image-file" type="file" accept="image/jpeg,image/png,image/webp" className="text-sm" disabled={busy}
          onChange={(e) => { const f = e.target.files?.[0]; if (f) upload.mutate({ file: f, alt: '' }, { onSettled: () => { if (input.current) input.current.value = ''; } }); }} />
        {upload.isPending && <span role="status">{translate('products.uploading')}</span>}
      </div>
    </section>
  );
}
