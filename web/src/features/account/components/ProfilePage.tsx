import { useEffect, useState, type FormEvent } from 'react';
import { useMe } from '../api/get-me';
import { useUpdateMe } from '../api/update-me';
import { TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { ErrorState, Skeleton } from '../../../components/States';
import { translate } from '../../../lib/i18n';

export default function ProfilePage() {
  const me = useMe();
  const update = useUpdateMe();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  useEffect(() => { if (me.data) { setName(me.data.name); setPhone(me.data.phone ?? ''); } }, [me.data]);
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data) return <Skeleton className="h-48" />;
  const submit = (e: FormEvent) => { e.preventDefault(); update.mutate({ name, phone: phone.trim() || null }); };
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title" className="mb-3 text-xl font-semibold">{translate('account.profile')}</h2>
      {!me.data.email_verified && <p className="mb-3 rounded bg-amber-50 p-3 text-sm text-amber-900">{translate('account.unverified')}</p>}
      <form onSubmit={submit} className="max-w-md space-y-4" noValidate>
        <FormError error={update.error} />
        <TextField label={translate('auth.email')} name="email" value={me.data.email} readOnly disabled />
        <TextField label={translate('auth.name')} name="name" value={name} onChange={(e) => setName(e.target.value)} error={update.error} />
        <TextField label={translate('address.phone')} name="phone" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} error={update.error} />
        <Button type="submit" disabled={update.isPending}>{translate('common.save')}</Button>
        {update.isSuccess && <p role="status" className="text-sm text-green-800">{translate('common.saved')}</p>}
      </form>
    </section>
  );
}
