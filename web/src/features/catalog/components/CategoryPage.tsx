import { Link, useParams, useSearchParams } from 'react-router';
import { useCategory } from '../api/get-category';
import { useProducts } from '../api/get-products';
import { Filters, type FilterValues } from './Filters';
import { ProductGrid } from '../../../components/ProductCard';
import { Pagination } from '../../../components/Pagination';
import { EmptyState, ErrorState, Skeleton } from '../../../components/States';
import { translate, type MessageKey } from '../../../lib/i18n';

const SORTS = ['newest', 'price_asc', 'price_desc', 'name', 'rating', 'popularity'] as const;

/** A category with its subcategories, filters, sorting and pages; every choice lives in the URL. */
export default function CategoryPage() {
  const { slug = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const category = useCategory(slug);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const sort = SORTS.includes(params.get('sort') as (typeof SORTS)[number]) ? params.get('sort')! : 'newest';
  const filters: FilterValues = {
    brand: params.get('brand') ?? '',
    price_min: params.get('price_min') ?? '',
    price_max: params.get('price_max') ?? '',
    in_stock: params.get('in_stock') === 'true',
  };
  const products = useProducts({
    category: slug, page, limit: 24, sort,
    brand: filters.brand || undefined,
    price_min: filters.price_min ? Number(filters.price_min) : undefined,
    price_max: filters.price_max ? Number(filters.price_max) : undefined,
    in_stock: filters.in_stock || undefined,
  });
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '' || v === 'false') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  if (category.isError) return <div className="mx-auto max-w-7xl px-4 py-6"><ErrorState error={category.error} onRetry={() => category.refetch()} /></div>;
  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <nav aria-label="Migas de pan" className="mb-2 text-sm text-slate-600">
        <Link to="/" className="hover:underline">Inicio</Link>
        {category.data?.breadcrumbs.map((b) => (
          <span key={b.id}> / <Link to={`/categoria/${b.slug}`} className="hover:underline">{b.name}</Link></span>
        ))}
      </nav>
      <h1 className="text-2xl font-bold">{category.data?.name ?? <Skeleton className="h-8 w-48" />}</h1>
      {category.data && category.data.children.length > 0 && (
        <ul className="mt-3 flex flex-wrap gap-2" aria-label={translate('catalog.subcategories')}>
          {category.data.children.map((c) => (
            <li key={c.id}><Link to={`/categoria/${c.slug}`} className="inline-block rounded-full border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50">{c.name} ({c.product_count})</Link></li>
          ))}
        </ul>
      )}
      <div className="mt-4 grid gap-6 md:grid-cols-4">
        <aside className="md:col-span-1">
          <Filters value={filters} error={products.error} onApply={(v) => update({
            brand: v.brand, price_min: v.price_min, price_max: v.price_max, in_stock: v.in_stock ? 'true' : null,
          })} />
        </aside>
        <section className="md:col-span-3" aria-live="polite">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-slate-700" data-testid="result-count">
              {products.data ? translate('catalog.products', { n: products.data.pagination.total }) : '\u00a0'}
            </p>
            <label className="text-sm">
              {translate('catalog.sort')}{' '}
              <select name="sort" value={sort} onChange={(e) => update({ sort: e.target.value === 'newest' ? null : e.target.value })}
                className="rounded-md border border-slate-300 bg-white px-2 py-1">
                {SORTS.map((s) => <option key={s} value={s}>{translate(`catalog.sort.${s}` as MessageKey)}</option>)}
              </select>
            </label>
          </div>
          {products.isError ? <ErrorState error={products.error} onRetry={() => products.refetch()} />
            : products.data && products.data.data.length === 0 ? <EmptyState title={translate('catalog.empty')} />
            : <ProductGrid products={products.data?.data} loading={products.isPending} count={12} eagerFirst={3} />}
          {products.data && (
            <Pagination page={products.data.pagination.page} pages={products.data.pagination.pages}
              onPage={(p) => { update({ page: p === 1 ? null : String(p) }); window.scrollTo(0, 0); }} />
          )}
        </section>
      </div>
    </div>
  );
}
