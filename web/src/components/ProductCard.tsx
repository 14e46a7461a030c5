import { Link } from 'react-router';
import type { ProductSummary } from '../lib/types';
import { translate } from '../lib/i18n';
import { Price } from './Price';
import { Stars } from './Stars';
import { Skeleton } from './States';

/** One product in a grid; the image box keeps its square size before the image loads (no layout shift). */
export function ProductCard({ product, eager = false }: { product: ProductSummary; eager?: boolean }) {
  return (
    <article className="group flex flex-col rounded-lg border border-slate-200 bg-white p-3 hover:shadow-md" data-testid="product-card">
      <Link to={`/producto/${product.slug}`} className="flex flex-1 flex-col focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600">
        <img
          src={product.images[0] ?? '/media/placeholder/0-0.svg'}
          alt=""
          width={300}
          height={300}
          loading={eager ? 'eager' : 'lazy'}
          decoding="async"
          sizes="(min-width: 1024px) 25vw, (min-width: 640px) 33vw, 50vw"
          className="aspect-square w-full rounded-md bg-slate-100 object-cover"
        />
        <h3 className="mt-2 line-clamp-2 min-h-[2.5rem] text-sm font-medium text-slate-900">{product.name}</h3>
        {product.brand && <p className="text-xs text-slate-600">{product.brand.name}</p>}
        <div className="mt-auto pt-2">
          <Price price={product.price} compare={product.compare_price} currency={product.currency} />
          <div className="flex min-h-[1.25rem] items-center justify-between">
            <Stars rating={product.rating} count={product.reviews_count} />
            {!product.in_stock && <span className="text-xs font-semibold text-red-700">{translate('catalog.outOfStock')}</span>}
          </div>
        </div>
      </Link>
    </article>
  );
}

export function ProductGrid({ products, loading, count = 8, eagerFirst = 0 }: { products?: ProductSummary[]; loading?: boolean; count?: number; eagerFirst?: number }) {
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
      {loading || !products
        ? Array.from({ length: count }, (_, i) => (
            <div key={i} className="rounded-lg border border-slate-200 p-3">
              <Skeleton className="aspect-square w-full" />
              <Skeleton className="mt-2 h-10 w-full" />
              <Skeleton className="mt-2 h-6 w-1/2" />
            </div>
          ))
        : products.map((p, i) => <ProductCard key={p.id} product={p} eager={i < eagerFirst} />)}
    </div>
  );
}
