import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { changePassword } from '../api/change-password';
import { TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { translate } from '../../../lib/i18n';

export default function PasswordPage() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const m = useMutation({ mutationFn: changePassword, onSuccess: () => { setCurrent(''); setNext(''); } });
  const submit = (e: FormEvent) => { e.preventDefault(); m.mutate({ current_password: current, new_password: next }); };
  return (
    <section aria-labelledby="pw-title">
      <h2 id="pw-title" className="mb-3 text-xl font-semibold">{translate('account.password')}</h2>
      <form onSubmit={submit} className="max-w-md space-y-4" noValidate>
        <FormError error={m.error} />
        <TextField label={translate('auth.currentPassword')} name="current_password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} error={m.error} />
        <TextField label={translate('auth.newPassword')} name="new_password" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} error={m.error} hint={translate('auth.passwordHint')} />
        <Button type="submit" disabled={m.isPending}>{translate('common.save')}</Button>
        {m.isSuccess && <p role="status" className="text-sm text-green-800">{translate('account.passwordChanged')}</p>}
      </form>
    </section>
  );
}
