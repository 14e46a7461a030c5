import { useState, type FormEvent } from 'react';
import { useAddresses } from '../api/get-addresses';
import { useCreateAddress } from '../api/create-address';
import { useUpdateAddress } from '../api/update-address';
import { useDeleteAddress } from '../api/delete-address';
import { AddressFields, emptyAddress, fromAddress, toAddressBody, type AddressDraft } from '../../../components/AddressFields';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { EmptyState, ErrorState, Skeleton } from '../../../components/States';
import { translate } from '../../../lib/i18n';

export default function AddressesPage() {
  const list = useAddresses();
  const create = useCreateAddress();
  const update = useUpdateAddress();
  const remove = useDeleteAddress();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [draft, setDraft] = useState<AddressDraft>(emptyAddress);
  const save = editing === 'new' ? create : update;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = toAddressBody(draft);
    const done = { onSuccess: () => setEditing(null) };
    if (editing === 'new') create.mutate(body, done);
    else if (typeof editing === 'number') update.mutate({ ...body, id: editing }, done);
  };
  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  return (
    <section aria-labelledby="addr-title">
      <div className="mb-3 flex items-center justify-between">
        <h2 id="addr-title" className="text-xl font-semibold">{translate('account.addresses')}</h2>
        {editing === null && <Button onClick={() => { setDraft(emptyAddress); create.reset(); setEditing('new'); }}>{translate('account.addAddress')}</Button>}
      </div>
      {editing !== null ? (
        <form onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 p-4" noValidate>
          <FormError error={save.error} />
          <AddressFields value={draft} onChange={setDraft} error={save.error} />
          <div className="flex gap-2">
            <Button type="submit" disabled={save.isPending}>{translate('common.save')}</Button>
            <Button variant="secondary" onClick={() => setEditing(null)}>{translate('common.cancel')}</Button>
          </div>
        </form>
      ) : list.isPending ? <Skeleton className="h-32" /> : list.data.data.length === 0 ? <EmptyState title={translate('account.noAddresses')} /> : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {list.data.data.map((a) => (
            <li key={a.id} className="rounded-lg border border-slate-200 p-4 text-sm">
              <p className="font-semibold">{a.label ?? a.recipient_name}{a.is_default_shipping && <span className="ml-2 rounded bg-indigo-50 px-2 text-xs text-indigo-800">{translate('address.default')}</span>}</p>
              <p>{a.recipient_name}</p>
              <p>{a.street} {a.number}{a.apartment ? `, ${a.apartment}` : ''}</p>
              <p>{a.comuna}, {a.city}</p>
              <p>{a.region}</p>
              <div className="mt-2 flex gap-3">
                <Button variant="link" onClick={() => { setDraft(fromAddress(a)); update.reset(); setEditing(a.id!); }}>{translate('common.edit')}</Button>
                {!a.is_default_shipping && <Button variant="link" onClick={() => update.mutate({ id: a.id!, is_default_shipping: true } as never)}>{translate('address.makeDefault')}</Button>}
                <Button variant="link" className="text-red-700" onClick={() => remove.mutate(a.id!)}>{translate('common.delete')}</Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
