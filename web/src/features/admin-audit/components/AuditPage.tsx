import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useAuditLog } from '../api/list-audit-log';
import { TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { Pagination } from '../../../components/Pagination';
import { AdminTable, Td } from '../../../components/admin/AdminTable';
import { formatDateTime } from '../../../lib/format';
import { translate } from '../../../lib/i18n';

const KEYS = ['actor', 'action', 'entity', 'entity_id', 'from', 'to'] as const;
type Key = (typeof KEYS)[number];

export default function AuditPage() {
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<Key, string>;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState(filter);
  const log = useAuditLog({ ...filter, page });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const p = new URLSearchParams();
    Object.entries(draft).forEach(([k, v]) => { if (v.trim()) p.set(k, v.trim()); });
    setParams(p);
  };
  const set = (k: Key) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const labels: Record<Key, string> = { actor: translate('audit.actor'), action: translate('audit.action'), entity: translate('audit.entity'), entity_id: translate('audit.entityId'), from: translate('admin.from'), to: translate('admin.to') };
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{translate('admin.audit')}</h1>
      <form onSubmit={apply} noValidate className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-7" aria-label={translate('common.filter')}>
        {KEYS.map((k) => (
          <TextField key={k} label={labels[k]} name={k} type={k === 'from' || k === 'to' ? 'date' : 'text'} value={draft[k]} onChange={set(k)} error={log.error} />
        ))}
        <div className="flex items-end"><Button type="submit">{translate('common.filter')}</Button></div>
      </form>
      {log.isError && <FormError error={log.error} />}
      <AdminTable caption={translate('admin.audit')} query={{ ...log, isError: log.isError && !(log.error as { isValidation?: boolean }).isValidation, data: log.data?.data ?? (log.isError ? [] : undefined) }} testId="audit-table"
        head={[translate('common.date'), translate('audit.actor'), translate('audit.action'), translate('audit.entity'), translate('audit.details'), translate('audit.ip')]}
        row={(r) => (
          <tr key={r.id} data-testid="audit-row">
            <Td className="whitespace-nowrap">{formatDateTime(r.created_at)}</Td>
            <Td>{r.actor_user_id ?? '—'}{r.actor_role ? ` (${r.actor_role})` : ''}</Td>
            <Td className="font-mono text-xs">{r.action}</Td>
            <Td>{r.entity}{r.entity_id ? ` #${r.entity_id}` : ''}</Td>
            <Td><code className="block max-w-md overflow-x-auto whitespace-pre-wrap break-all text-xs">{r.details == null ? '' : JSON.stringify(r.details)}</code></Td>
            <Td className="text-xs">{r.ip}</Td>
          </tr>
        )} />
      {log.data && <Pagination page={page} pages={log.data.pagination.pages} onPage={(n) => { const p = new URLSearchParams(params); p.set('page', String(n)); setParams(p); }} />}
    </section>
  );
}
