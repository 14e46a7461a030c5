import { useBackups, useRequestBackup } from '../api/backups';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { ErrorState, Loading } from '../../../components/States';
import { formatDateTime } from '../../../lib/format';
import { translate } from '../../../lib/i18n';

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toLocaleString('es-CL', { maximumFractionDigits: 1 })} MB`;
}

/** The Sistema page's backups: the last success on any node, this node's archives, "back up now". */
export function BackupsSection() {
  const q = useBackups();
  const request = useRequestBackup();
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const b = q.data;
  const busy = request.isPending || b.pending !== null;
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{translate('system.backups')}</h2>
        <Button onClick={() => request.mutate()} disabled={!b.ready || busy}>
          {busy ? translate('system.backups.running') : translate('system.backups.now')}
        </Button>
      </div>
      <p className="text-sm text-slate-700" data-testid="backups-last">
        {b.last_success_at ? translate('system.backups.last', { date: formatDateTime(b.last_success_at) }) : translate('system.backups.never')}
        {' · '}
        {b.schedule ? translate('system.backups.schedule', { schedule: b.schedule }) : translate('system.backups.noSchedule')}
        {' · '}
        {translate('system.backups.keep', { daily: b.keep_daily, weekly: b.keep_weekly })}
      </p>
      {!b.ready && b.not_ready_reason && <p role="alert" className="mt-1 text-sm text-amber-900">{b.not_ready_reason}</p>}
      <FormError error={request.error} />
      {b.archives.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{translate('system.backups.none', { dir: b.directory })}</p>
      ) : (
        <table className="mt-2 w-full max-w-xl text-sm" data-testid="backups-table">
          <caption className="sr-only">{translate('system.backups')}</caption>
          <thead><tr className="text-left text-slate-600"><th className="py-1">{translate('system.backups.archive')}</th><th>{translate('system.backups.made')}</th><th>{translate('system.backups.size')}</th></tr></thead>
          <tbody>
            {b.archives.map((a) => (
              <tr key={a.name} className="border-t border-slate-100">
                <td className="py-1 font-mono text-xs">{a.name}</td>
                <td>{formatDateTime(a.created_at)}</td>
                <td>{megabytes(a.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
