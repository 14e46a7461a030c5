// Money and dates the Chilean way: $12.990, 28-11-2026.
import { getLocale } from './i18n';

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Formats an amount in minor units of `currency` (CLP has none): 12990 -> "$12.990". */
export function formatMoney(amount: number, currency = 'CLP'): string {
  const key = currency;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat('es-CL', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
    moneyFormats.set(key, f);
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 0;
  return f.format(amount / 10 ** digits);
}

/** A date as dd-mm-aaaa (es-CL) or the English long date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return getLocale() === 'en'
    ? d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })
    : d.toLocaleDateString('es-CL', { day: '2-digit', month: '2-digit', year: 'numeric' });
}

/** A date and time, in Chile's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(getLocale() === 'en' ? 'en-GB' : 'es-CL', {
    day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
    timeZone: 'America/Santiago',
  });
}

/** Percentage off when a compare price is above the price, else null. */
export function discountPercent(price: number, compare: number | null | undefined): number | null {
  if (!compare || compare <= price) return null;
  return Math.round(((compare - price) / compare) * 100);
}
