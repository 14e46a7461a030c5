import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { verifyEmail } from '../api/verify-email';
import { AuthCard } from './AuthCard';
import { messagesFor, translate } from '../../../lib/i18n';
import { FormError } from '../../../components/FormError';

/** The page behind the mailed link /verificar?token=... */
export default function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const m = useMutation({ mutationFn: verifyEmail });
  const sent = useRef('');
  // A token is usable once: send it once even when effects run twice.
  useEffect(() => { if (sent.current !== token) { sent.current = token; m.mutate(token); } }, [token]); // once per token: m is a new object every render
  return (
    <AuthCard title={translate('auth.verifyTitle')}>
      {m.isSuccess ? <p role="status" className="text-green-900">{translate('auth.verifyDone')} <Link to="/" className="underline">{translate('common.home')}</Link></p>
        : m.isError ? (messagesFor(m.error, 'token').length
          ? <p role="alert" className="text-red-700">{messagesFor(m.error, 'token')[0]}</p>
          : <FormError error={m.error} />)
        : <p role="status">{translate('auth.verifying')}</p>}
    </AuthCard>
  );
}
