// The dashboard charts (Recharts, lazy-loaded with this file): revenue by day, orders by status,
// top products and sales by category, from GET /admin/analytics over the dashboard's range.
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAnalytics } from '../api/get-analytics';
import { ErrorState, Skeleton } from '../../../components/States';
import { formatMoney } from '../../../lib/format';
import { type MessageKey, translate } from '../../../lib/i18n';

const COLORS = ['#4338ca', '#0f766e', '#b45309', '#be123c', '#6d28d9', '#15803d', '#0369a1', '#a16207'];
const money = (v: unknown) => formatMoney(Number(v));
const shortMoney = (v: number) => (v >= 1_000_000 ? `$${(v / 1_000_000).toLocaleString('es-CL', { maximumFractionDigits: 1 })}M` : v >= 1000 ? `$${Math.round(v / 1000)}k` : `$${v}`);
const dayLabel = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}`;

function ChartCard({ title, testId, empty, children }: { title: string; testId: string; empty: boolean; children: ReactNode }) {
  return (
    <figure className="rounded-lg bg-white p-4 shadow-sm" data-testid={testId}>
      <figcaption className="mb-2 font-semibold">{title}</figcaption>
      {empty ? <p className="flex h-64 items-center justify-center text-sm text-slate-600">{translate('dash.noData')}</p>
        : <div className="h-64 w-full">{children}</div>}
    </figure>
  );
}

export default function DashboardCharts({ from, to, ordersByStatus }: { from: string; to: string; ordersByStatus: Record<string, number> }) {
  const analytics = useAnalytics({ from, to, group_by: 'day' });
  if (analytics.isError) return <ErrorState error={analytics.error} onRetry={() => analytics.refetch()} />;
  if (!analytics.data) {
    return <div className="grid gap-4 lg:grid-cols-2">{[0, 1, 2, 3].map((i) => <Skeleton key={i} className="h-72 w-full" />)}</div>;
  }
  const a = analytics.data;
  const series = a.series.map((p) => ({ ...p, label: dayLabel(p.period) }));
  const statuses = Object.entries(ordersByStatus).filter(([, n]) => n > 0)
    .map(([status, n]) => ({ name: translate(`status.${status}` as MessageKey), value: n }));
  const top = (a.top_products?.by_revenue ?? []).slice(0, 8).map((p) => ({ ...p, short: p.name.length > 24 ? `${p.name.slice(0, 23)}…` : p.name }));
  const categories = (a.sales_by_category ?? []).slice(0, 8);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartCard title={translate('dash.revenueByDay')} testId="chart-revenue" empty={series.length === 0}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={series} margin={{ left: 8, right: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={shortMoney} tick={{ fontSize: 12 }} width={56} />
            <Tooltip formatter={money} />
            <Bar dataKey="revenue" name={translate('dash.revenue')} fill="#4338ca" maxBarSize={48} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard title={translate('dash.ordersByStatus')} testId="chart-status" empty={statuses.length === 0}>
        <ResponsiveContainer width="100%" height="100%">
          <PieChart>
            <Pie data={statuses} dataKey="value" nameKey="name" outerRadius="75%" isAnimationActive={false}>
              {statuses.map((s, i) => <Cell key={s.name} fill={COLORS[i % COLORS.length]} />)}
            </Pie>
            <Tooltip />
            <Legend />
          </PieChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard title={translate('dash.topProducts')} testId="chart-top-products" empty={top.length === 0}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={top} layout="vertical" margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tickFormatter={shortMoney} tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="short" width={150} tick={{ fontSize: 11 }} />
            <Tooltip formatter={money} />
            <Bar dataKey="revenue" name={translate('dash.revenue')} fill="#0f766e" maxBarSize={48} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard title={translate('dash.salesByCategory')} testId="chart-categories" empty={categories.length === 0}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={categories} margin={{ left: 8, right: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
            <YAxis tickFormatter={shortMoney} tick={{ fontSize: 12 }} width={56} />
            <Tooltip formatter={money} />
            <Bar dataKey="revenue" name={translate('dash.revenue')} fill="#b45309" maxBarSize={48} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
    </div>
  );
}
