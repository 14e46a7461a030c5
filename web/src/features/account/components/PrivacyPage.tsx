import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { exportMe } from '../api/export-me';
import { deleteMe } from '../api/delete-me';
import { ApiError } from '../../../lib/api-client';
import { TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { fieldMessage, translate } from '../../../lib/i18n';

export default function PrivacyPage() {
  const [password, setPassword] = useState('');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const exp = useMutation({ mutationFn: exportMe });
  const del = useMutation({ mutationFn: deleteMe, onSuccess: () => { qc.clear(); navigate('/', { replace: true }); } });
  const submit = (e: FormEvent) => { e.preventDefault(); del.mutate(password); };
  const wrong = del.error instanceof ApiError && del.error.slug === 'wrong_password';
  return (
    <section aria-labelledby="privacy-title" className="space-y-8">
      <h2 id="privacy-title" className="text-xl font-semibold">{translate('account.privacy')}</h2>
      <div>
        <p className="mb-2 text-sm text-slate-700">{translate('account.exportHelp')}</p>
        <Button variant="secondary" onClick={() => exp.mutate()} disabled={exp.isPending}>{translate('account.export')}</Button>
        <FormError error={exp.error} />
      </div>
      <form onSubmit={submit} className="max-w-md space-y-3 rounded-lg border border-red-200 p-4" noValidate>
        <h3 className="font-semibold text-red-800">{translate('account.delete')}</h3>
        <p className="text-sm text-slate-700">{translate('account.deleteHelp')}</p>
        {!wrong && <FormError error={del.error} />}
        <TextField label={translate('auth.password')} name="password" type="password" autoComplete="current-password" value={password}
          onChange={(e) => setPassword(e.target.value)} error={del.error} />
        {wrong && <p className="text-sm text-red-700" data-field-error>{fieldMessage({ field: 'password', pointer: '/password', code: 'incorrect', message: 'The password is not correct.' })}</p>}
        <Button type="submit" variant="danger" disabled={del.isPending}>{translate('account.delete')}</Button>
      </form>
    </section>
  );
}
