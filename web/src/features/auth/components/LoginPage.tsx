import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { isChallenge, login } from '../api/login';
import { SecondFactorForm } from './SecondFactorForm';
import { AuthCard } from './AuthCard';
import { TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { translate } from '../../../lib/i18n';

/** `onSignedIn` runs once the session exists (the app refreshes the cart, which merges the guest one). */
export default function LoginPage({ onSignedIn }: { onSignedIn?: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const navigate = useNavigate();
  const location = useLocation();
  const [challenge, setChallenge] = useState<string | null>(null);
  const next = new URLSearchParams(location.search).get('next') ?? '/cuenta';
  const done = () => {
    onSignedIn?.();
    navigate(next.startsWith('/') ? next : '/cuenta', { replace: true });
  };
  const mutation = useMutation({
    mutationFn: login,
    onSuccess: (r) => {
      if (isChallenge(r)) setChallenge(r.challenge_token);
      else done();
    },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); mutation.mutate({ email, password }); };
  const registered = new URLSearchParams(location.search).get('registered');
  if (challenge) {
    return (
      <AuthCard title={translate('auth.secondStepTitle')}>
        <SecondFactorForm challenge={challenge} onSignedIn={done} onRestart={() => { setChallenge(null); setPassword(''); mutation.reset(); }} />
      </AuthCard>
    );
  }
  return (
    <AuthCard title={translate('auth.loginTitle')}>
      {registered && <p role="status" className="mb-4 rounded bg-green-50 p-3 text-sm text-green-900">{translate('auth.registered')}</p>}
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormError error={mutation.error} />
        <TextField label={translate('auth.email')} name="email" type="email" autoComplete="email" required value={email}
          onChange={(e) => setEmail(e.target.value)} error={mutation.error} />
        <TextField label={translate('auth.password')} name="password" type="password" autoComplete="current-password" required
          value={password} onChange={(e) => setPassword(e.target.value)} error={mutation.error} />
        <Button type="submit" disabled={mutation.isPending} className="w-full">{translate('auth.login')}</Button>
      </form>
      <div className="mt-4 space-y-1 text-sm">
        <p><Link to="/recuperar" className="text-indigo-700 underline">{translate('auth.forgot')}</Link></p>
        <p>{translate('auth.noAccount')} <Link to={`/registro${next !== '/cuenta' ? `?next=${encodeURIComponent(next)}` : ''}`} className="text-indigo-700 underline">{translate('auth.register')}</Link></p>
      </div>
    </AuthCard>
  );
}
