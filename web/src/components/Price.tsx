import { discountPercent, formatMoney } from '../lib/format';

export function Price({ price, compare, currency = 'CLP', size = 'md' }: { price: number; compare?: number | null; currency?: string; size?: 'md' | 'lg' }) {
  const off = discountPercent(price, compare);
  return (
    <div className="flex flex-wrap items-baseline gap-x-2">
      <span className={size === 'lg' ? 'text-3xl font-bold' : 'text-lg font-bold'} data-testid="price">{formatMoney(price, currency)}</span>
      {off !== null && compare && (
        <>
          <s className="text-sm text-slate-600">{formatMoney(compare, currency)}</s>
          <span className="rounded bg-red-700 px-1.5 py-0.5 text-xs font-bold text-white">-{off}%</span>
        </>
      )}
    </div>
  );
}
