import { useState, type FormEvent } from 'react';
import { useCategoryTree, type CategoryNode } from '../api/list-categories';
import { useCreateCategory, type CategoryPayload } from '../api/create-category';
import { useUpdateCategory } from '../api/update-category';
import { useDeleteCategory } from '../api/delete-category';
import { SelectField, TextAreaField, TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { ErrorState, Skeleton } from '../../../components/States';
import { Notice, confirmAction } from '../../../components/admin/Notice';
import { translate } from '../../../lib/i18n';

interface Draft { id?: number; name: string; slug: string; description: string; parent_id: string; sort_order: string }
const blank: Draft = { name: '', slug: '', description: '', parent_id: '', sort_order: '0' };

function flatten(nodes: CategoryNode[], depth = 0, out: { node: CategoryNode; depth: number }[] = []) {
  nodes.forEach((n) => { out.push({ node: n, depth }); flatten(n.children ?? [], depth + 1, out); });
  return out;
}

function descendants(n: CategoryNode): Set<number> {
  const s = new Set<number>([n.id]);
  (n.children ?? []).forEach((c) => descendants(c).forEach((x) => s.add(x)));
  return s;
}

/** The payload of the category form; slug only when typed (the server makes one from the name). */
export function buildCategoryPayload(d: Draft): CategoryPayload {
  const body: CategoryPayload = {
    name: d.name.trim(),
    description: d.description.trim() || null,
    parent_id: d.parent_id ? Number(d.parent_id) : null,
    sort_order: Number(d.sort_order || 0),
  };
  if (d.slug.trim()) body.slug = d.slug.trim();
  return body;
}

export default function CategoriesPage() {
  const tree = useCategoryTree();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const del = useDeleteCategory();
  const [draft, setDraft] = useState<Draft>(blank);
  const [notice, setNotice] = useState<string | null>(null);
  const save = draft.id ? update : create;
  const flat = tree.data ? flatten(tree.data.data) : [];
  const editing = draft.id ? flat.find((f) => f.node.id === draft.id)?.node : undefined;
  const forbidden = editing ? descendants(editing) : new Set<number>();
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const onSuccess = () => { setNotice(draft.id ? translate('common.changesSaved') : translate('common.created')); setDraft(blank); };
    if (draft.id) update.mutate({ id: draft.id, body: buildCategoryPayload(draft) }, { onSuccess });
    else create.mutate(buildCategoryPayload(draft), { onSuccess });
  };
  const edit = (n: CategoryNode) => {
    create.reset();
    update.reset();
    setDraft({ id: n.id, name: n.name, slug: n.slug, description: n.description ?? '', parent_id: n.parent_id ? String(n.parent_id) : '', sort_order: String(n.sort_order) });
  };
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{translate('admin.categories')}</h1>
      <Notice text={notice} />
      <FormError error={del.error} />
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="rounded-lg bg-white p-4 shadow-sm">
          <h2 className="mb-2 font-semibold">{translate('categories.tree')}</h2>
          {tree.isError ? <ErrorState error={tree.error} onRetry={() => tree.refetch()} />
            : !tree.data ? <Skeleton className="h-64 w-full" />
            : flat.length === 0 ? <p className="text-slate-600">{translate('common.empty')}</p> : (
              <ul className="space-y-1" data-testid="category-tree">
                {flat.map(({ node, depth }) => (
                  <li key={node.id} style={{ paddingLeft: `${depth * 1.25}rem` }} className="flex flex-wrap items-center gap-2 border-b border-slate-100 py-1">
                    <span className="flex-1">{depth > 0 && <span aria-hidden="true">└ </span>}{node.name} <span className="text-xs text-slate-600">({translate('categories.products', { n: node.product_count })})</span></span>
                    <Button variant="link" onClick={() => edit(node)} aria-label={`${translate('common.edit')} ${node.name}`}>{translate('common.edit')}</Button>
                    <Button variant="link" disabled={del.isPending} aria-label={`${translate('common.delete')} ${node.name}`}
                      onClick={() => confirmAction(translate('common.confirmDelete', { name: node.name })) && del.mutate(node.id, { onSuccess: () => setNotice(translate('common.deleted')) })}>
                      {translate('common.delete')}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
        </div>
        <form onSubmit={submit} className="space-y-3 rounded-lg bg-white p-4 shadow-sm" noValidate aria-labelledby="category-form-title">
          <h2 id="category-form-title" className="font-semibold">{editing ? translate('categories.editing', { name: editing.name }) : translate('categories.new')}</h2>
          <FormError error={save.error} />
          <TextField label={translate('common.name')} name="name" value={draft.name} onChange={set('name')} error={save.error} required />
          <TextField label={translate('common.slug')} name="slug" value={draft.slug} onChange={set('slug')} error={save.error} />
          <SelectField label={translate('categories.parent')} name="parent_id" value={draft.parent_id} onChange={set('parent_id')} error={save.error}>
            <option value="">{translate('categories.root')}</option>
            {flat.filter((f) => !forbidden.has(f.node.id)).map((f) => (
              <option key={f.node.id} value={f.node.id}>{'\u00a0\u00a0'.repeat(f.depth)}{f.node.name}</option>
            ))}
          </SelectField>
          <TextField label={translate('categories.sortOrder')} name="sort_order" type="number" value={draft.sort_order} onChange={set('sort_order')} error={save.error} />
          <TextAreaField label={translate('common.description')} name="description" rows={3} value={draft.description} onChange={set('description')} error={save.error} />
          <div className="flex gap-2">
            <Button type="submit" disabled={save.isPending}>{save.isPending ? translate('common.saving') : draft.id ? translate('common.save') : translate('common.create')}</Button>
            {draft.id && <Button variant="secondary" onClick={() => { setDraft(blank); update.reset(); }}>{translate('common.cancel')}</Button>}
          </div>
        </form>
      </div>
    </section>
  );
}
