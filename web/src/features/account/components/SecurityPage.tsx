import { useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  disableTwoFactor, enableTwoFactor, regenerateRecoveryCodes, setupTwoFactor, useTwoFactor, type TwoFactorSetup,
} from '../api/two-factor';
import { accountKeys } from '../api/query-keys';
import { QrCode } from './QrCode';
import { TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { ErrorState, Skeleton } from '../../../components/States';
import { translate } from '../../../lib/i18n';
import { formatDate } from '../../../lib/format';

/** Shown once: the recovery codes, to write down or print. */
function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-4" data-testid="recovery-codes">
      <p className="mb-2 text-sm font-semibold text-amber-900">{translate('twofa.saveCodes')}</p>
      <ul className="grid grid-cols-2 gap-1 font-mono text-sm">{codes.map((c) => <li key={c}>{c}</li>)}</ul>
    </div>
  );
}

/** Turning it on: a secret (QR and text), confirmed by the first code of the app. */
function Enrol({ onDone }: { onDone: (codes: string[]) => void }) {
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [code, setCode] = useState('');
  const start = useMutation({ mutationFn: setupTwoFactor, onSuccess: setSetup });
  const enable = useMutation({ mutationFn: enableTwoFactor, onSuccess: (r) => onDone(r.recovery_codes) });
  if (!setup) {
    return (
      <div className="space-y-3">
        <FormError error={start.error} />
        <p className="text-sm text-slate-700">{translate('twofa.intro')}</p>
        <Button onClick={() => start.mutate()} disabled={start.isPending}>{translate('twofa.start')}</Button>
      </div>
    );
  }
  const submit = (e: FormEvent) => { e.preventDefault(); enable.mutate(code.replace(/\s/g, '')); };
  return (
    <form onSubmit={submit} className="max-w-md space-y-4" noValidate>
      <p className="text-sm text-slate-700">{translate('twofa.scan')}</p>
      <QrCode text={setup.otpauth_uri} label={translate('twofa.qrLabel')} />
      <p className="text-sm">{translate('twofa.manual')} <code className="break-all rounded bg-slate-100 px-1" data-testid="totp-secret">{setup.secret}</code></p>
      <FormError error={enable.error} />
      <TextField label={translate('auth.code')} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7}
        value={code} onChange={(e) => setCode(e.target.value)} error={enable.error} />
      <Button type="submit" disabled={enable.isPending || !code.trim()}>{translate('twofa.confirm')}</Button>
    </form>
  );
}

/** Turning it off: the password and a code (not offered when the shop requires it). */
function Disable({ onDone }: { onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const m = useMutation({ mutationFn: disableTwoFactor, onSuccess: () => { setPassword(''); setCode(''); onDone(); } });
  const submit = (e: FormEvent) => { e.preventDefault(); m.mutate({ password, code: code.replace(/\s/g, '') }); };
  return (
    <form onSubmit={submit} className="max-w-md space-y-3" noValidate aria-labelledby="twofa-off">
      <h3 id="twofa-off" className="font-semibold">{translate('twofa.disable')}</h3>
      <FormError error={m.error} />
      <TextField label={translate('auth.password')} name="password" type="password" autoComplete="current-password"
        value={password} onChange={(e) => setPassword(e.target.value)} error={m.error} />
      <TextField label={translate('auth.code')} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7}
        value={code} onChange={(e) => setCode(e.target.value)} error={m.error} />
      <Button type="submit" variant="danger" disabled={m.isPending}>{translate('twofa.disable')}</Button>
    </form>
  );
}

function Regenerate({ onDone }: { onDone: (codes: string[]) => void }) {
  const [code, setCode] = useState('');
  const m = useMutation({ mutationFn: regenerateRecoveryCodes, onSuccess: (r) => { setCode(''); onDone(r.recovery_codes); } });
  const submit = (e: FormEvent) => { e.preventDefault(); m.mutate({ code: code.replace(/\s/g, '') }); };
  return (
    <form onSubmit={submit} className="max-w-md space-y-3" noValidate aria-labelledby="twofa-regen">
      <h3 id="twofa-regen" className="font-semibold">{translate('twofa.regenerate')}</h3>
      <FormError error={m.error} />
      <TextField label={translate('auth.code')} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7}
        value={code} onChange={(e) => setCode(e.target.value)} error={m.error} />
      <Button type="submit" variant="secondary" disabled={m.isPending}>{translate('twofa.regenerate')}</Button>
    </form>
  );
}

/** The staff member's two-factor sign-in: status, enrolment, recovery codes, turning it off. */
export default function SecurityPage() {
  const status = useTwoFactor();
  const client = useQueryClient();
  const location = useLocation();
  const [codes, setCodes] = useState<string[] | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: accountKeys.twoFactor });
  if (status.isError) return <ErrorState error={status.error} onRetry={() => status.refetch()} />;
  if (!status.data) return <Skeleton className="h-48" />;
  const s = status.data;
  return (
    <section aria-labelledby="security-title" className="space-y-6">
      <h2 id="security-title" className="text-xl font-semibold">{translate('twofa.title')}</h2>
      {s.required && !s.enabled && (
        <p role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-900">
          {translate(new URLSearchParams(location.search).has('required') ? 'twofa.requiredBlocked' : 'twofa.required')}
        </p>
      )}
      <p data-testid="twofa-status" className="text-sm">
        {s.enabled
          ? translate('twofa.on', { date: formatDate(s.enabled_at ?? ''), left: s.recovery_codes_left })
          : translate('twofa.off')}
      </p>
      {codes && <RecoveryCodes codes={codes} />}
      {!s.enabled && <Enrol onDone={(c) => { setCodes(c); refresh(); }} />}
      {s.enabled && <Regenerate onDone={(c) => { setCodes(c); refresh(); }} />}
      {s.enabled && !s.required && <Disable onDone={() => { setCodes(null); refresh(); }} />}
    </section>
  );
}
