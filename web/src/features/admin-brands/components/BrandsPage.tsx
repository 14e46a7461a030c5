import { useState, type FormEvent } from 'react';
import { useBrands, type Brand } from '../api/list-brands';
import { useCreateBrand, type BrandPayload } from '../api/create-brand';
import { useUpdateBrand } from '../api/update-brand';
import { useDeleteBrand } from '../api/delete-brand';
import { TextAreaField, TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { AdminTable, Td } from '../../../components/admin/AdminTable';
import { Notice, confirmAction } from '../../../components/admin/Notice';
import { translate } from '../../../lib/i18n';

interface Draft { id?: number; name: string; slug: string; description: string; logo_url: string }
const blank: Draft = { name: '', slug: '', description: '', logo_url: '' };

function payload(d: Draft): BrandPayload {
  const body: BrandPayload = { name: d.name.trim(), description: d.description.trim() || null, logo_url: d.logo_url.trim() || null };
  if (d.slug.trim()) body.slug = d.slug.trim();
  return body;
}

export default function BrandsPage() {
  const brands = useBrands();
  const create = useCreateBrand();
  const update = useUpdateBrand();
  const del = useDeleteBrand();
  const [draft, setDraft] = useState<Draft>(blank);
  const [notice, setNotice] = useState<string | null>(null);
  const save = draft.id ? update : create;
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const done = (text: string) => () => { setNotice(text); setDraft(blank); };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.id) update.mutate({ id: draft.id, body: payload(draft) }, { onSuccess: done(translate('common.changesSaved')) });
    else create.mutate(payload(draft), { onSuccess: done(translate('common.created')) });
  };
  const edit = (b: Brand) => { create.reset(); update.reset(); setDraft({ id: b.id, name: b.name, slug: b.slug, description: b.description ?? '', logo_url: b.logo_url ?? '' }); };
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{translate('admin.brands')}</h1>
      <Notice text={notice} />
      <FormError error={del.error} />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <AdminTable caption={translate('admin.brands')} query={{ ...brands, data: brands.data?.data }} testId="brands-table"
          head={[translate('common.name'), translate('common.slug'), translate('admin.products'), translate('common.actions')]}
          row={(b) => (
            <tr key={b.id}>
              <Td>{b.name}</Td><Td className="font-mono text-xs">{b.slug}</Td><Td>{b.product_count}</Td>
              <Td>
                <div className="flex gap-2">
                  <Button variant="link" onClick={() => edit(b)} aria-label={`${translate('common.edit')} ${b.name}`}>{translate('common.edit')}</Button>
                  <Button variant="link" disabled={del.isPending} aria-label={`${translate('common.delete')} ${b.name}`}
                    onClick={() => confirmAction(translate('common.confirmDelete', { name: b.name })) && del.mutate(b.id, { onSuccess: () => setNotice(translate('common.deleted')) })}>{translate('common.delete')}</Button>
                </div>
              </Td>
            </tr>
          )} />
        <form onSubmit={submit} className="space-y-3 rounded-lg bg-white p-4 shadow-sm" noValidate aria-labelledby="brand-form-title">
          <h2 id="brand-form-title" className="font-semibold">{draft.id ? `${translate('common.edit')}: ${draft.name}` : translate('brands.new')}</h2>
          <FormError error={save.error} />
          <TextField label={translate('common.name')} name="name" value={draft.name} onChange={set('name')} error={save.error} required />
          <TextField label={translate('common.slug')} name="slug" value={draft.slug} onChange={set('slug')} error={save.error} />
          <TextField label={translate('brands.logo')} name="logo_url" value={draft.logo_url} onChange={set('logo_url')} error={save.error} />
          <TextAreaField label={translate('common.description')} name="description" rows={3} value={draft.description} onChange={set('description')} error={save.error} />
          <div className="flex gap-2">
            <Button type="submit" disabled={save.isPending}>{save.isPending ? translate('common.saving') : draft.id ? translate('common.save') : translate('common.create')}</Button>
            {draft.id && <Button variant="secondary" onClick={() => setDraft(blank)}>{translate('common.cancel')}</Button>}
          </div>
        </form>
      </div>
    </section>
  );
}
