import { lazy, Suspense, useState } from 'react';
import { useDashboard, type DashboardPeriod } from '../api/get-dashboard';
import { buildKpis, formatChange } from './kpis';
import { ErrorState, Skeleton } from '../../../components/States';
import { translate } from '../../../lib/i18n';

// Recharts is heavy: it loads only here, in its own chunk, after the KPIs.
const DashboardCharts = lazy(() => import('./DashboardCharts'));

const PERIODS: DashboardPeriod[] = ['today', '7d', '30d'];

export default function DashboardPage() {
  const [period, setPeriod] = useState<DashboardPeriod>('7d');
  const dash = useDashboard(period);
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{translate('admin.dashboard')}</h1>
        <div role="group" aria-label={translate('dash.period')} className="inline-flex overflow-hidden rounded-md border border-slate-300 bg-white">
          {PERIODS.map((p) => (
            <button key={p} type="button" aria-pressed={period === p} onClick={() => setPeriod(p)}
              className={`px-4 py-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 ${period === p ? 'bg-indigo-700 text-white' : 'text-slate-800 hover:bg-slate-50'}`}>
              {translate(`dash.${p}`)}
            </button>
          ))}
        </div>
      </div>
      {dash.isError ? <ErrorState error={dash.error} onRetry={() => dash.refetch()} /> : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5" aria-busy={!dash.data || undefined} data-testid="kpis">
          {!dash.data
            ? Array.from({ length: 5 }, (_, i) => <li key={i}><Skeleton className="h-28 w-full" /></li>)
            : buildKpis(dash.data).map((k) => (
              <li key={k.id} className="rounded-lg bg-white p-4 shadow-sm" data-testid={`kpi-${k.id}`}>
                <p className="text-sm text-slate-600">{translate(k.label)}</p>
                <p className="mt-1 text-2xl font-bold text-slate-900" data-testid="kpi-value">{k.value}</p>
                <p className="mt-1 text-xs text-slate-600">
                  {k.hint ? translate(k.hint) : k.change === null ? translate('dash.noPrevious') : (
                    <span className={k.change >= 0 ? 'text-green-800' : 'text-red-700'}>{translate('dash.vsPrevious', { delta: formatChange(k.change) })}</span>
                  )}
                </p>
              </li>
            ))}
        </ul>
      )}
      {dash.data && (
        <Suspense fallback={<p role="status" className="text-slate-600">{translate('dash.chartsLoading')}</p>}>
          <DashboardCharts from={dash.data.current.from} to={dash.data.current.to} ordersByStatus={dash.data.current.orders_by_status ?? {}} />
        </Suspense>
      )}
    </section>
  );
}
