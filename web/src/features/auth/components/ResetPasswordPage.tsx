import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { resetPassword } from '../api/reset-password';
import { AuthCard } from './AuthCard';
import { TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { translate } from '../../../lib/i18n';

/** The page behind the mailed link /restablecer?token=... */
export default function ResetPasswordPage() {
  const [params] = useSearchParams();
  const [password, setPassword] = useState('');
  const m = useMutation({ mutationFn: resetPassword });
  const submit = (e: FormEvent) => { e.preventDefault(); m.mutate({ token: params.get('token') ?? '', password }); };
  return (
    <AuthCard title={translate('auth.resetTitle')}>
      {m.isSuccess ? (
        <p role="status" className="text-green-900">{translate('auth.resetDone')} <Link to="/ingresar" className="underline">{translate('auth.login')}</Link></p>
      ) : (
        <form onSubmit={submit} className="space-y-4" noValidate>
          <FormError error={m.error} />
          {m.error && (m.error as { errorsFor?: (f: string) => unknown[] }).errorsFor?.('token').length ? (
            <p className="text-sm text-red-700" data-field-error>El enlace no es válido o ya expiró. <Link to="/recuperar" className="underline">{translate('auth.forgot')}</Link></p>
          ) : null}
          <TextField label={translate('auth.newPassword')} name="password" type="password" autoComplete="new-password" value={password}
            onChange={(e) => setPassword(e.target.value)} error={m.error} hint={translate('auth.passwordHint')} />
          <Button type="submit" disabled={m.isPending} className="w-full">{translate('common.save')}</Button>
        </form>
      )}
    </AuthCard>
  );
}
