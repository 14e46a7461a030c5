import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { forgotPassword } from '../api/forgot-password';
import { AuthCard } from './AuthCard';
import { TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { translate } from '../../../lib/i18n';

export default function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const m = useMutation({ mutationFn: forgotPassword });
  const submit = (e: FormEvent) => { e.preventDefault(); m.mutate(email); };
  return (
    <AuthCard title={translate('auth.forgotTitle')}>
      {m.isSuccess ? <p role="status" className="text-green-900">{translate('auth.forgotSent')}</p> : (
        <form onSubmit={submit} className="space-y-4" noValidate>
          <FormError error={m.error} />
          <TextField label={translate('auth.email')} name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={m.error} />
          <Button type="submit" disabled={m.isPending} className="w-full">{translate('auth.forgotSend')}</Button>
        </form>
      )}
    </AuthCard>
  );
}
