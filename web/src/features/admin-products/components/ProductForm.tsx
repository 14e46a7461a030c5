import { useState, type FormEvent, type ReactNode } from 'react';
import { SelectField, TextAreaField, TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { messagesFor, translate } from '../../../lib/i18n';
import type { CategoryOption } from '../api/get-category-options';
import type { BrandOption } from '../api/get-brand-options';
import { buildProductPayload, emptyVariant, type ProductDraft, type ProductPayload, type VariantDraft } from './product-payload';

export interface ProductFormProps {
  initial: ProductDraft;
  creating: boolean;
  categories: CategoryOption[];
  brands: BrandOption[];
  pending: boolean;
  error: unknown;
  readOnly?: boolean;
  onSubmit: (payload: ProductPayload) => void;
  /** Extra content in the images section (the upload control of an existing product). */
  imageTools?: ReactNode;
}

function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg bg-white p-4 shadow-sm">
      <legend className="px-1 font-semibold">{legend}</legend>
      <div className="grid gap-3 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}

function Check({ label, checked, onChange, name, error }: { label: string; checked: boolean; onChange: (v: boolean) => void; name: string; error: unknown }) {
  const messages = messagesFor(error, name);
  return (
    <div>
      <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
        <input type="checkbox" name={name} checked={checked} onChange={(e) => onChange(e.target.checked)} className="h-4 w-4" />
        {label}
      </label>
      {messages.length > 0 && <p className="text-sm text-red-700" data-field-error>{messages.join(' ')}</p>}
    </div>
  );
}

/** The create/edit form of a product; server errors show on their fields (`variants[1].sku`). */
export function ProductForm({ initial, creating, categories, brands, pending, error, readOnly, onSubmit, imageTools }: ProductFormProps) {
  const [d, setD] = useState<ProductDraft>(initial);
  const [imagesDirty, setImagesDirty] = useState(false);
  const set = <K extends keyof ProductDraft>(k: K) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });
  const setVariant = (i: number, k: keyof VariantDraft, v: string) =>
    setD({ ...d, variants: d.variants.map((x, j) => (j === i ? { ...x, [k]: v } : x)) });
  const setImages = (images: ProductDraft['images']) => { setD({ ...d, images }); setImagesDirty(true); };
  const move = (i: number, by: number) => {
    const next = [...d.images];
    const [img] = next.splice(i, 1);
    next.splice(i + by, 0, img);
    setImages(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(buildProductPayload(d, creating, creating || imagesDirty));
  };
  const imageErrors = messagesFor(error, 'images');
  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label={creating ? translate('products.new') : translate('products.edit')}>
      <FormError error={error} />
      <fieldset disabled={readOnly} className="space-y-4">
        <Fieldset legend={translate('products.basics')}>
          <TextField label={translate('common.name')} name="name" value={d.name} onChange={set('name')} error={error} required />
          <TextField label={translate('products.sku')} name="sku" value={d.sku} onChange={set('sku')} error={error} required />
          <TextField label={translate('products.price')} name="price" inputMode="numeric" value={d.price} onChange={set('price')} error={error} required />
          <TextField label={translate('products.comparePrice')} name="compare_price" inputMode="numeric" value={d.compare_price} onChange={set('compare_price')} error={error} />
          <TextField label={translate('products.costPrice')} name="cost_price" inputMode="numeric" value={d.cost_price} onChange={set('cost_price')} error={error} />
          <TextField label={translate('products.weight')} name="weight_grams" inputMode="numeric" value={d.weight_grams} onChange={set('weight_grams')} error={error} />
          <SelectField label={translate('products.category')} name="category_id" value={d.category_id} onChange={set('category_id')} error={error} required>
            <option value="">{translate('products.chooseCategory')}</option>
            {categories.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
          </SelectField>
          <SelectField label={translate('products.brand')} name="brand_id" value={d.brand_id} onChange={set('brand_id')} error={error}>
            <option value="">{translate('products.noBrand')}</option>
            {brands.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </SelectField>
          {creating && d.variants.length === 0 && (
            <TextField label={translate('products.initialStock')} name="stock" inputMode="numeric" value={d.stock} onChange={set('stock')} error={error} />
          )}
          <TextAreaField className="sm:col-span-2" label={translate('products.shortDescription')} name="short_description" rows={2} value={d.short_description} onChange={set('short_description')} error={error} />
          <TextAreaField className="sm:col-span-2" label={translate('common.description')} name="description" rows={5} value={d.description} onChange={set('description')} error={error} />
          <Check label={translate('products.active')} name="is_active" checked={d.is_active} onChange={(v) => setD({ ...d, is_active: v })} error={error} />
          <Check label={translate('products.featured')} name="is_featured" checked={d.is_featured} onChange={(v) => setD({ ...d, is_featured: v })} error={error} />
        </Fieldset>

        <Fieldset legend={translate('products.seo')}>
          <TextField label={translate('common.slug')} name="slug" value={d.slug} onChange={set('slug')} error={error} />
          <TextField label={translate('products.metaTitle')} name="meta_title" value={d.meta_title} onChange={set('meta_title')} error={error} />
          <TextAreaField className="sm:col-span-2" label={translate('products.metaDescription')} name="meta_description" rows={2} value={d.meta_description} onChange={set('meta_description')} error={error} />
        </Fieldset>

        <fieldset className="rounded-lg bg-white p-4 shadow-sm" data-testid="variants">
          <legend className="px-1 font-semibold">{translate('products.variants')}</legend>
          {messagesFor(error, 'variants').map((m) => <p key={m} className="text-sm text-red-700" data-field-error>{m}</p>)}
          {d.variants.length === 0 && <p className="text-sm text-slate-600">{translate('products.noVariants')}</p>}
          <ol className="space-y-3">
            {d.variants.map((v, i) => (
              <li key={v.id ?? `new-${i}`} className="rounded border border-slate-200 p-3">
                <fieldset>
                  <legend className="text-sm font-semibold">{translate('products.variant', { n: i + 1 })}</legend>
                  <div className="grid gap-3 sm:grid-cols-3">
                    <TextField label={translate('products.variantName')} name={`variants[${i}].name`} value={v.name} onChange={(e) => setVariant(i, 'name', e.target.value)} error={error} />
                    <TextField label={translate('products.variantSku')} name={`variants[${i}].sku`} value={v.sku} onChange={(e) => setVariant(i, 'sku', e.target.value)} error={error} />
                    <TextField label={translate('products.variantPrice')} name={`variants[${i}].price`} inputMode="numeric" value={v.price} onChange={(e) => setVariant(i, 'price', e.target.value)} error={error} />
                    <TextField label={translate('products.options')} name={`variants[${i}].options`} value={v.options} onChange={(e) => setVariant(i, 'options', e.target.value)} error={error} />
                    {creating && (
                      <TextField label={translate('products.initialStock')} name={`variants[${i}].stock`} inputMode="numeric" value={v.stock} onChange={(e) => setVariant(i, 'stock', e.target.value)} error={error} />
                    )}
                    <div className="flex items-end">
                      <Button variant="secondary" onClick={() => setD({ ...d, variants: d.variants.filter((_, j) => j !== i) })}>
                        {translate('products.removeVariant', { n: i + 1 })}
                      </Button>
                    </div>
                  </div>
                </fieldset>
              </li>
            ))}
          </ol>
          <Button variant="secondary" className="mt-3" onClick={() => setD({ ...d, variants: [...d.variants, emptyVariant()] })}>
            + {translate('products.addVariant')}
          </Button>
        </fieldset>

        {creating && <fieldset className="rounded-lg bg-white p-4 shadow-sm" data-testid="images">
          <legend className="px-1 font-semibold">{translate('products.images')}</legend>
          {imageErrors.map((m) => <p key={m} className="text-sm text-red-700" data-field-error>{m}</p>)}
          {d.images.length === 0 && <p className="text-sm text-slate-600">{translate('products.noImages')}</p>}
          <ol className="space-y-2">
            {d.images.map((img, i) => (
              <li key={`${img.url}-${i}`} className="flex flex-wrap items-end gap-3 rounded border border-slate-200 p-2">
                {img.url && <img src={img.url} alt="" width={64} height={64} className="h-16 w-16 rounded bg-slate-100 object-cover" />}
                <TextField className="min-w-48 flex-1" label={translate('products.imageUrl')} name={`images[${i}].url`} value={img.url}
                  onChange={(e) => setImages(d.images.map((x, j) => (j === i ? { ...x, url: e.target.value } : x)))} error={error} />
                <TextField className="min-w-48 flex-1" label={translate('products.imageAlt')} name={`images[${i}].alt`} value={img.alt}
                  onChange={(e) => setImages(d.images.map((x, j) => (j === i ? { ...x, alt: e.target.value } : x)))} error={error} />
                <div className="flex gap-1">
                  <Button variant="secondary" aria-label={translate('products.moveUp', { n: i + 1 })} disabled={i === 0} onClick={() => move(i, -1)}>↑</Button>
                  <Button variant="secondary" aria-label={translate('products.moveDown', { n: i + 1 })} disabled={i === d.images.length - 1} onClick={() => move(i, 1)}>↓</Button>
                  <Button variant="secondary" aria-label={translate('products.removeImage', { n: i + 1 })} onClick={() => setImages(d.images.filter((_, j) => j !== i))}>✕</Button>
                </div>
              </li>
            ))}
          </ol>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <Button variant="secondary" onClick={() => setImages([...d.images, { url: '', alt: '' }])}>+ {translate('products.addImageUrl')}</Button>
            {imageTools}
          </div>
        </fieldset>}
      </fieldset>
      {!readOnly && (
        <div className="flex gap-3">
          <Button type="submit" disabled={pending} aria-busy={pending || undefined}>{pending ? translate('common.saving') : creating ? translate('common.create') : translate('common.save')}</Button>
        </div>
      )}
    </form>
  );
}
