import { useState } from 'react';
import { useJobs, type JobStatus } from '../api/list-jobs';
import { useRetryJob } from '../api/retry-job';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { Pagination } from '../../../components/Pagination';
import { AdminTable, Td } from '../../../components/admin/AdminTable';
import { Notice } from '../../../components/admin/Notice';
import { ReadOnlyBanner } from '../../../components/admin/ReadOnlyBanner';
import { hasRole } from '../../../lib/session';
import { useSession } from '../../../lib/use-session';
import { formatDateTime } from '../../../lib/format';
import { translate } from '../../../lib/i18n';

const FILTERS: (JobStatus | '')[] = ['', 'dead', 'queued', 'running', 'done'];

export default function JobsPage() {
  const s = useSession();
  const canRetry = hasRole(s?.user.role, 'admin');
  const [status, setStatus] = useState<JobStatus | ''>('');
  const [page, setPage] = useState(1);
  const jobs = useJobs(status, page);
  const retry = useRetryJob();
  const [notice, setNotice] = useState<string | null>(null);
  const c = jobs.data?.counts;
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{translate('admin.jobs')}</h1>
      {!canRetry && <ReadOnlyBanner />}
      {c && <p className="text-sm text-slate-700" data-testid="job-counts">{translate('jobs.counts', { queued: c.queued ?? 0, running: c.running ?? 0, done: c.done ?? 0, dead: c.dead ?? 0 })}</p>}
      <div role="group" aria-label={translate('common.status')} className="inline-flex flex-wrap overflow-hidden rounded-md border border-slate-300 bg-white">
        {FILTERS.map((f) => (
          <button key={f || 'all'} type="button" aria-pressed={status === f} onClick={() => { setStatus(f); setPage(1); }}
            className={`px-3 py-1.5 text-sm ${status === f ? 'bg-indigo-700 text-white' : 'hover:bg-slate-50'}`}>{f ? translate(`jobs.status.${f}`) : translate('common.all')}</button>
        ))}
      </div>
      <Notice text={notice} />
      <FormError error={retry.error} />
      <AdminTable caption={translate('admin.jobs')} query={{ ...jobs, data: jobs.data?.data }} testId="jobs-table"
        head={['#', translate('jobs.kind'), translate('common.status'), translate('jobs.attempts'), translate('jobs.lastError'), translate('common.date'), ...(canRetry ? [translate('common.actions')] : [])]}
        row={(j) => (
          <tr key={j.id}>
            <Td>{j.id}</Td><Td className="font-mono text-xs">{j.kind}</Td>
            <Td className={j.status === 'dead' ? 'font-semibold text-red-700' : ''}>{translate(`jobs.status.${j.status}`)}{j.progress.total > 0 ? ` (${j.progress.done}/${j.progress.total})` : ''}</Td>
            <Td>{j.attempts}/{j.max_attempts}</Td>
            <Td className="max-w-xs break-words text-xs">{j.last_error}</Td>
            <Td className="whitespace-nowrap">{formatDateTime(j.updated_at)}</Td>
            {canRetry && <Td>{(j.status === 'dead' || j.status === 'done') && (
              <Button variant="secondary" className="px-2 py-1" disabled={retry.isPending} aria-label={`${translate('jobs.retry')} #${j.id}`}
                onClick={() => retry.mutate(j.id, { onSuccess: () => setNotice(translate('jobs.retried', { id: j.id })) })}>{translate('jobs.retry')}</Button>)}</Td>}
          </tr>
        )} />
      {jobs.data && <Pagination page={page} pages={jobs.data.pagination.pages} onPage={setPage} />}
    </section>
  );
}
