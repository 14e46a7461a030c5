import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { register } from '../api/register';
import { login } from '../api/login';
import { AuthCard } from './AuthCard';
import { TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { translate } from '../../../lib/i18n';

/** Creates the account, then signs in with it (the server's register does not sign in). */
/** `onSignedIn` runs once the session exists (the app refreshes the cart, which merges the guest one). */
export default function RegisterPage({ onSignedIn }: { onSignedIn?: () => void }) {
  const [form, setForm] = useState({ name: '', email: '', password: '', phone: '' });
  const navigate = useNavigate();
  const location = useLocation();
  const next = new URLSearchParams(location.search).get('next') ?? '/cuenta';
  const mutation = useMutation({
    mutationFn: async () => {
      await register(form);
      await login({ email: form.email, password: form.password });
    },
    onSuccess: () => {
      onSignedIn?.();
      navigate(next.startsWith('/') ? next : '/cuenta', { replace: true });
    },
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => { e.preventDefault(); mutation.mutate(); };
  return (
    <AuthCard title={translate('auth.registerTitle')}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormError error={mutation.error} />
        <TextField label={translate('auth.name')} name="name" autoComplete="name" value={form.name} onChange={set('name')} error={mutation.error} />
        <TextField label={translate('auth.email')} name="email" type="email" autoComplete="email" value={form.email} onChange={set('email')} error={mutation.error} />
        <TextField label={translate('auth.password')} name="password" type="password" autoComplete="new-password" value={form.password}
          onChange={set('password')} error={mutation.error} hint={translate('auth.passwordHint')} />
        <TextField label={translate('auth.phone')} name="phone" type="tel" autoComplete="tel" value={form.phone} onChange={set('phone')} error={mutation.error} />
        <Button type="submit" disabled={mutation.isPending} className="w-full">{translate('auth.register')}</Button>
      </form>
      <p className="mt-4 text-sm">{translate('auth.haveAccount')} <Link to="/ingresar" className="text-indigo-700 underline">{translate('auth.login')}</Link></p>
    </AuthCard>
  );
}
