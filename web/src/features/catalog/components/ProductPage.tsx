import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useProduct, type ProductDetail, type Variant } from '../api/get-product';
import { useProducts } from '../api/get-products';
import { Price } from '../../../components/Price';
import { Stars } from '../../../components/Stars';
import { ProductGrid } from '../../../components/ProductCard';
import { ErrorState, Skeleton } from '../../../components/States';
import { translate } from '../../../lib/i18n';

/** What the page hands to its buy slot: the line chosen and the quantity select to show beside the button. */
export interface BuyBoxProps {
  productId: number;
  variantId: number | null;
  quantity: number;
  disabled: boolean;
  label: string;
  quantityField: ReactNode;
}

/** The pieces other features supply (composed in app/pages/ProductPage). */
export interface ProductPageSlots {
  /** The add-to-cart block (button, its error and confirmation). */
  buyBox: (props: BuyBoxProps) => ReactNode;
  /** The reviews section under the description. */
  reviews: (productId: number) => ReactNode;
}

export default function ProductPage(slots: ProductPageSlots) {
  const { slug = '' } = useParams();
  const product = useProduct(slug);
  useEffect(() => {
    if (product.data) document.title = product.data.meta_title ?? `${product.data.name} | Moderno`;
  }, [product.data]);
  if (product.isError) return <div className="mx-auto max-w-7xl px-4 py-6"><ErrorState error={product.error} onRetry={() => product.refetch()} /></div>;
  if (!product.data) return <ProductSkeleton />;
  return <ProductView key={product.data.id} product={product.data} slots={slots} />;
}

function ProductSkeleton() {
  return (
    // The same boxes as the page (breadcrumb line, square image), so nothing moves when it loads.
    <div className="mx-auto max-w-7xl px-4 py-6" aria-busy="true">
      <div className="mb-3 h-5" />
      <div className="grid gap-8 md:grid-cols-2">
        <Skeleton className="aspect-square w-full" />
        <div className="space-y-3"><Skeleton className="h-8 w-3/4" /><Skeleton className="h-10 w-1/3" /><Skeleton className="h-24 w-full" /></div>
      </div>
    </div>
  );
}

function ProductView({ product, slots }: { product: ProductDetail & { meta_title?: string | null }; slots: ProductPageSlots }) {
  const [imageIndex, setImageIndex] = useState(0);
  const [variant, setVariant] = useState<Variant | null>(null);
  const [quantity, setQuantity] = useState(1);
  const hasVariants = product.variants.length > 0;
  const price = variant?.price ?? product.price;
  const compare = variant ? variant.compare_price : product.compare_price;
  const stock = variant ? variant.stock : hasVariants ? null : product.stock;
  const canAdd = hasVariants ? !!variant && variant.in_stock : product.in_stock;
  const maxQty = Math.max(1, Math.min(10, stock ?? 10));
  const image = product.images[imageIndex];

  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <nav aria-label="Migas de pan" className="mb-3 text-sm text-slate-600">
        <Link to="/" className="hover:underline">Inicio</Link>
        {product.breadcrumbs.map((b) => <span key={b.id}> / <Link to={`/categoria/${b.slug}`} className="hover:underline">{b.name}</Link></span>)}
      </nav>
      <div className="grid gap-8 md:grid-cols-2">
        <div>
          <img src={image?.url ?? '/media/placeholder/0-0.svg'} alt={image?.alt ?? product.name} width={600} height={600}
            fetchPriority="high" className="aspect-square w-full rounded-lg bg-slate-100 object-cover" />
          {product.images.length > 1 && (
            <ul className="mt-3 flex gap-2" aria-label="Galería">
              {product.images.map((img, i) => (
                <li key={img.id}>
                  <button type="button" onClick={() => setImageIndex(i)} aria-pressed={i === imageIndex}
                    aria-label={`Imagen ${i + 1}`} className={`rounded border-2 ${i === imageIndex ? 'border-indigo-700' : 'border-transparent'}`}>
                    <img src={img.url} alt="" width={72} height={72} loading="lazy" className="rounded" />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          {product.brand && <p className="text-sm font-semibold uppercase tracking-wide text-slate-600">{product.brand.name}</p>}
          <h1 className="text-2xl font-bold sm:text-3xl">{product.name}</h1>
          <div className="mt-1"><Stars rating={product.rating} count={product.reviews_count} /></div>
          <div className="mt-3"><Price price={price} compare={compare} currency={product.currency} size="lg" /></div>
          <p className="mt-1 text-xs text-slate-600">{translate('product.sku')}: {variant?.sku ?? product.sku}</p>
          {product.short_description && <p className="mt-3 text-slate-800">{product.short_description}</p>}

          {hasVariants && (
            <fieldset className="mt-4">
              <legend className="text-sm font-semibold">{translate('product.chooseVariant')}</legend>
              <div className="mt-2 flex flex-wrap gap-2">
                {product.variants.map((v) => (
                  <label key={v.id} className={`cursor-pointer rounded-md border px-3 py-2 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-600 ${variant?.id === v.id ? 'border-indigo-700 bg-indigo-50 font-semibold' : 'border-slate-300'} ${v.in_stock ? '' : 'text-slate-500 line-through'}`}>
                    <input type="radio" name="variant" value={v.id} className="sr-only" checked={variant?.id === v.id}
                      onChange={() => { setVariant(v); setQuantity(1); }} />
                    {v.name}
                  </label>
                ))}
              </div>
            </fieldset>
          )}

          <p className="mt-3 text-sm font-medium" role="status" data-testid="stock-status">
            {stock === null ? '\u00a0'
              : stock <= 0 ? <span className="text-red-700">{translate('catalog.outOfStock')}</span>
              : stock <= 5 ? <span className="text-amber-800">{translate('catalog.lowStock', { n: stock })}</span>
              : <span className="text-green-800">{translate('catalog.inStockLabel')}</span>}
          </p>

          {slots.buyBox({
            productId: product.id,
            variantId: variant?.id ?? null,
            quantity,
            disabled: !canAdd,
            label: hasVariants && !variant ? translate('product.chooseVariant') : translate('product.addToCart'),
            quantityField: (
              <label className="text-sm">
                {translate('product.quantity')}
                <select value={quantity} onChange={(e) => setQuantity(Number(e.target.value))} name="quantity"
                  className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2">
                  {Array.from({ length: maxQty }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{n}</option>)}
                </select>
              </label>
            ),
          })}
        </div>
      </div>

      {product.description && (
        <section className="mt-10 max-w-3xl" aria-labelledby="desc-title">
          <h2 id="desc-title" className="text-xl font-bold">{translate('product.description')}</h2>
          <p className="mt-2 whitespace-pre-line text-slate-800">{product.description}</p>
        </section>
      )}
      {slots.reviews(product.id)}
      <Related product={product} />
    </div>
  );
}

function Related({ product }: { product: ProductDetail }) {
  const related = useProducts({ category: product.category?.slug, limit: 5, sort: 'popularity' });
  const items = related.data?.data.filter((p) => p.id !== product.id).slice(0, 4);
  if (!product.category) return null;
  return (
    <section className="mt-10" aria-labelledby="related-title">
      <h2 id="related-title" className="mb-3 text-xl font-bold">{translate('product.related')}</h2>
      <ProductGrid products={items} loading={related.isPending} count={4} />
    </section>
  );
}
