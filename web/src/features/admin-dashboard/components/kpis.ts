// The KPI cards of the dashboard, computed from the current and previous figures.
import type { Dashboard } from '../api/get-dashboard';
import { formatMoney } from '../../../lib/format';
import { type AdminMessageKey } from '../../../lib/i18n';

export interface Kpi {
  id: string;
  label: AdminMessageKey;
  value: string;
  /** Change against the previous period as a fraction (0.1 = +10 %), or null when not comparable. */
  change: number | null;
  hint?: AdminMessageKey;
}

function change(current: number | undefined, previous: number | undefined): number | null {
  if (current === undefined || previous === undefined || previous === 0) return null;
  return (current - previous) / previous;
}

const percent = (rate: number) => `${(rate * 100).toLocaleString('es-CL', { maximumFractionDigits: 1 })} %`;

export function buildKpis(d: Dashboard): Kpi[] {
  const c = d.current;
  const p = d.previous;
  const kpis: Kpi[] = [
    { id: 'revenue', label: 'dash.revenue', value: formatMoney(c.revenue), change: change(c.revenue, p?.revenue) },
    { id: 'orders', label: 'dash.orders', value: c.orders.toLocaleString('es-CL'), change: change(c.orders, p?.orders) },
    { id: 'aov', label: 'dash.aov', value: formatMoney(c.average_order_value), change: change(c.average_order_value, p?.average_order_value) },
  ];
  // Conversion is shown only when the server measures it.
  if (c.conversion_rate !== undefined) {
    kpis.push({ id: 'conversion', label: 'dash.conversion', value: percent(c.conversion_rate), change: change(c.conversion_rate, p?.conversion_rate) });
  }
  if (d.low_stock !== undefined) {
    kpis.push({ id: 'low-stock', label: 'dash.lowStock', value: String(d.low_stock), change: null, hint: 'dash.lowStockHint' });
  }
  return kpis;
}

/** "+12,5 %" / "−3 %" for a change fraction. */
export function formatChange(fraction: number): string {
  const pct = Math.round(fraction * 1000) / 10;
  const sign = pct > 0 ? '+' : pct < 0 ? '−' : '±';
  return `${sign}${Math.abs(pct).toLocaleString('es-CL')} %`;
}
