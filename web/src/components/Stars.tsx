import { translate } from '../lib/i18n';

export function Stars({ rating, count }: { rating: number | null; count?: number }) {
  if (rating === null || rating === undefined) return null;
  const full = Math.round(rating);
  return (
    <span className="inline-flex items-center gap-1 text-sm text-slate-700">
      <span aria-hidden="true" className="text-amber-600">{'★'.repeat(full)}{'☆'.repeat(5 - full)}</span>
      <span className="sr-only">{translate('product.stars', { n: rating.toFixed(1) })}</span>
      {count !== undefined && <span>({count})</span>}
    </span>
  );
}
