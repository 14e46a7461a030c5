import { Link } from 'react-router';
import { useSystem, type HealthStatus, type SystemDependency } from '../api/get-system';
import { BackupsSection } from './BackupsSection';
import { Button } from '../../../components/Button';
import { ErrorState, Loading } from '../../../components/States';
import { formatDateTime } from '../../../lib/format';
import { translate, type MessageKey } from '../../../lib/i18n';

const STATUS_CLASS: Record<HealthStatus, string> = {
  ok: 'bg-green-100 text-green-800',
  warning: 'bg-amber-100 text-amber-900',
  error: 'bg-red-100 text-red-800',
};

function duration(seconds: number): string {
  const d = Math.floor(seconds / 86400), h = Math.floor((seconds % 86400) / 3600), m = Math.floor((seconds % 3600) / 60);
  return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
}

function gigabytes(bytes: unknown): string {
  return `${(Number(bytes) / 1e9).toLocaleString('es-CL', { maximumFractionDigits: 1 })} GB`;
}

/** The figures worth a glance for each dependency, as one line. */
function figures(d: SystemDependency): string {
  switch (d.name) {
    case 'database': return translate('system.figures.database', { ms: String(d.round_trip_ms), pending: String(d.migrations_pending), used: String(d.pool_in_use), size: String(d.pool_size) });
    case 'search_index': return translate('system.figures.search', { documents: String(d.documents), lag: String(d.lag_changes) });
    case 'disk': return translate('system.figures.disk', { free: gigabytes(d.free_bytes), size: gigabytes(d.size_bytes) });
    case 'cache': return translate('system.figures.cache', { entries: String(d.entries), ratio: `${Math.round(Number(d.hit_ratio) * 100)} %` });
    default: return '';
  }
}

export default function SystemPage() {
  const q = useSystem();
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const s = q.data;
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{translate('admin.system')}</h1>
        <Button variant="secondary" onClick={() => q.refetch()} disabled={q.isFetching}>{translate('system.refresh')}</Button>
      </div>
      <p className="text-sm text-slate-700" data-testid="system-node">
        {translate('system.node', { host: s.node.host, version: s.node.version, uptime: duration(s.node.uptime_seconds) })}
      </p>
      <div>
        <h2 className="mb-2 text-lg font-semibold">{translate('system.dependencies')}</h2>
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {s.dependencies.map((d) => (
            <li key={d.name} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid={`dep-${d.name}`}>
              <span className={`rounded px-2 py-0.5 text-xs font-semibold ${STATUS_CLASS[d.status]}`}>{translate(`system.status.${d.status}` as MessageKey)}</span>
              <span className="font-medium">{translate(`system.dep.${d.name}` as MessageKey)}</span>
              <span className="text-sm text-slate-600">{[d.detail, figures(d)].filter(Boolean).join(' · ')}</span>
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h2 className="mb-2 text-lg font-semibold">{translate('admin.jobs')}</h2>
        <p className="text-sm text-slate-700" data-testid="system-jobs">
          {translate('system.jobs', { backlog: s.jobs.backlog, running: s.jobs.running, dead: s.jobs.dead, done: s.jobs.done })}
        </p>
        {s.jobs.dead > 0 && <Link to="/admin/trabajos" className="text-sm font-medium text-indigo-700 underline">{translate('system.seeDeadJobs')}</Link>}
      </div>
      <BackupsSection />
      <div>
        <h2 className="mb-2 text-lg font-semibold">{translate('system.housekeeping')}</h2>
        <p className="mb-2 text-sm text-slate-700" data-testid="system-housekeeping">
          {s.housekeeping.last_success_at
            ? translate('system.housekeeping.last', { date: formatDateTime(s.housekeeping.last_success_at) })
            : translate('system.housekeeping.never')}
        </p>
        <table className="w-full max-w-xl text-sm">
          <caption className="sr-only">{translate('system.housekeeping')}</caption>
          <thead><tr className="text-left text-slate-600"><th className="py-1">{translate('system.table')}</th><th>{translate('system.retention')}</th><th>{translate('system.removed')}</th></tr></thead>
          <tbody>
            {s.housekeeping.tables.map((t) => (
              <tr key={t.table} className="border-t border-slate-100" data-testid={`hk-${t.table}`}>
                <td className="py-1 font-mono text-xs">{t.table}</td>
                <td>{translate('system.days', { n: t.retention_days })}</td>
                <td>{t.removed_since_start.toLocaleString('es-CL')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
