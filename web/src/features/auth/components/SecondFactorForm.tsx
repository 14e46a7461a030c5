import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { completeLogin } from '../api/login';
import { ApiError } from '../../../lib/api-client';
import { TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { translate } from '../../../lib/i18n';

/** The second step of a two-factor sign-in: the 6-digit code of the app, or a recovery code. */
export function SecondFactorForm({ challenge, onSignedIn, onRestart }: { challenge: string; onSignedIn: () => void; onRestart: () => void }) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const m = useMutation({ mutationFn: completeLogin, onSuccess: onSignedIn });
  const expired = m.error instanceof ApiError && m.error.status === 401;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = value.trim();
    m.mutate(useRecovery ? { challenge_token: challenge, recovery_code: v } : { challenge_token: challenge, code: v.replace(/\s/g, '') });
  };
  return (
    <form onSubmit={submit} className="space-y-4" noValidate data-testid="second-factor">
      <p className="text-sm text-slate-700">{translate(useRecovery ? 'auth.recoveryHelp' : 'auth.codeHelp')}</p>
      {expired ? (
        <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-800">
          {translate('auth.challengeExpired')}{' '}
          <button type="button" className="text-indigo-700 underline" onClick={onRestart}>{translate('auth.loginAgain')}</button>
        </p>
      ) : <FormError error={m.error} />}
      {useRecovery ? (
        <TextField key="recovery" label={translate('auth.recoveryCode')} name="recovery_code" autoComplete="off" autoFocus required
          value={value} onChange={(e) => setValue(e.target.value)} error={m.error} />
      ) : (
        <TextField key="code" label={translate('auth.code')} name="code" inputMode="numeric" autoComplete="one-time-code" autoFocus required
          maxLength={7} value={value} onChange={(e) => setValue(e.target.value)} error={m.error} />
      )}
      <Button type="submit" disabled={m.isPending || !value.trim()} className="w-full">{translate('auth.verify')}</Button>
      <button type="button" className="text-sm text-indigo-700 underline" onClick={() => { setUseRecovery(!useRecovery); setValue(''); m.reset(); }}>
        {translate(useRecovery ? 'auth.useApp' : 'auth.useRecovery')}
      </button>
    </form>
  );
}
