import { Link, useSearchParams } from 'react-router';
import { useSearchProducts } from '../api/search-products';
import { ProductGrid } from '../../../components/ProductCard';
import { Pagination } from '../../../components/Pagination';
import { EmptyState, ErrorState } from '../../../components/States';
import { translate, type MessageKey } from '../../../lib/i18n';
import { formatMoney } from '../../../lib/format';

const SORTS = ['relevance', 'price_asc', 'price_desc', 'newest', 'rating'] as const;

function priceLabel(range: string): string {
  const [from, to] = range.split('-');
  if (range.endsWith('+')) return `${formatMoney(Number(range.slice(0, -1)))} +`;
  return `${formatMoney(Number(from))} – ${formatMoney(Number(to))}`;
}

/** Search results with facet counts, "did you mean" and a helpful empty state; all state in the URL. */
export default function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const sort = params.get('sort') ?? 'relevance';
  const category = params.get('category') ?? undefined;
  const brand = params.get('brand') ?? undefined;
  const price = params.get('price') ?? undefined;
  const [pmin, pmax] = price ? price.replace('+', '-').split('-') : [];
  const result = useSearchProducts({
    q, page, sort, category, brand,
    price_min: pmin ? Number(pmin) : undefined,
    price_max: pmax ? Number(pmax) - 1 : undefined,
  });
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) v ? next.set(k, v) : next.delete(k);
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  const data = result.data;
  const suggestion = data?.suggestions.find((s) => s.toLowerCase() !== q.toLowerCase());
  const facet = (title: string, key: string, entries: [string, number][], label: (k: string) => string = (k) => k) => (
    <fieldset className="mb-4">
      <legend className="mb-1 font-semibold">{title}</legend>
      <ul className="space-y-1 text-sm">
        {entries.filter(([, n]) => n > 0).map(([k, n]) => (
          <li key={k}>
            <button type="button" aria-pressed={params.get(key) === k} onClick={() => set({ [key]: params.get(key) === k ? null : k })}
              className={`text-left hover:underline ${params.get(key) === k ? 'font-bold text-indigo-800' : ''}`}>
              {label(k)} ({n})
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <h1 className="text-2xl font-bold">{translate('search.results', { q })}</h1>
      {suggestion && (
        <p className="mt-2 text-lg" data-testid="did-you-mean">
          {translate('search.didYouMean')}{' '}
          <Link to={`/buscar?q=${encodeURIComponent(suggestion)}`} className="font-semibold text-indigo-700 underline">{suggestion}</Link>?
        </p>
      )}
      {result.isError ? <div className="mt-4"><ErrorState error={result.error} onRetry={() => result.refetch()} /></div> : (
        <div className="mt-4 grid gap-6 md:grid-cols-4">
          <aside aria-label={translate('catalog.filters')}>
            {data && facet(translate('search.categories'), 'category', Object.entries(data.aggregations.categories))}
            {data && facet(translate('search.brands'), 'brand', Object.entries(data.aggregations.brands))}
            {data && facet(translate('search.prices'), 'price', Object.entries(data.aggregations.price_ranges), priceLabel)}
          </aside>
          <section className="md:col-span-3">
            <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
              <p className="text-sm" data-testid="result-count">{data ? translate('catalog.products', { n: data.total }) : '\u00a0'}</p>
              <label className="text-sm">
                {translate('catalog.sort')}{' '}
                <select value={sort} onChange={(e) => set({ sort: e.target.value === 'relevance' ? null : e.target.value })}
                  className="rounded-md border border-slate-300 bg-white px-2 py-1">
                  {SORTS.map((s) => <option key={s} value={s}>{translate(`catalog.sort.${s}` as MessageKey)}</option>)}
                </select>
              </label>
            </div>
            {data && data.total === 0 ? (
              <EmptyState title={translate('search.empty', { q })}>
                <p>{translate('search.emptyHelp')}</p>
                <Link to="/" className="mt-2 inline-block text-indigo-700 underline">{translate('common.home')}</Link>
              </EmptyState>
            ) : <ProductGrid products={data?.results} loading={result.isPending} count={12} eagerFirst={3} />}
            {data && <Pagination page={data.page} pages={Math.ceil(data.total / data.limit)} onPage={(p) => set({ page: String(p) })} />}
          </section>
        </div>
      )}
    </div>
  );
}
