import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useProduct, type AdminProduct } from '../api/get-product';
import { useCreateProduct } from '../api/create-product';
import { useUpdateProduct } from '../api/update-product';
import { useCategoryOptions } from '../api/get-category-options';
import { useBrandOptions } from '../api/get-brand-options';
import { ProductForm } from './ProductForm';
import { StockEditor } from './StockEditor';
import { ImageManager } from './ImageManager';
import { draftFromProduct, emptyProduct } from './product-payload';
import { Notice } from '../../../components/admin/Notice';
import { ErrorState, Skeleton } from '../../../components/States';
import { translate } from '../../../lib/i18n';
import { formatDate } from '../../../lib/format';
import { } from './product-labels'; 

export default function ProductEditPage() {
  const { id } = useParams();
  const creating = !id || id === 'nuevo';
  const product = useProduct(creating ? undefined : id);
  const categories = useCategoryOptions();
  const brands = useBrandOptions();
  if (product.isError) return <ErrorState error={product.error} onRetry={() => product.refetch()} />;
  if ((!creating && !product.data) || !categories.data || !brands.data) return <Skeleton className="h-96 w-full" />;
  return creating
    ? <CreateProduct categories={categories.data} brands={brands.data.data} />
    : <EditProduct product={product.data as AdminProduct} categories={categories.data} brands={brands.data.data} />;
}

type Options = { categories: { id: number; label: string }[]; brands: { id: number; name: string }[] };

function CreateProduct({ categories, brands }: Options) {
  const create = useCreateProduct();
  const navigate = useNavigate();
  return (
    <section className="space-y-4">
      <Link to="/admin/productos" className="text-sm text-indigo-700 underline">← {translate('admin.products')}</Link>
      <h1 className="text-2xl font-bold">{translate('products.new')}</h1>
      <ProductForm initial={emptyProduct()} creating categories={categories} brands={brands} pending={create.isPending} error={create.error}
        onSubmit={(body) => create.mutate(body, { onSuccess: (p) => navigate(`/admin/productos/${p.id}?creado=1`) })} />
    </section>
  );
}

function EditProduct({ product, categories, brands }: Options & { product: AdminProduct }) {
  const update = useUpdateProduct(product.id);
  const [notice, setNotice] = useState<string | null>(
    typeof window !== 'undefined' && window.location.search.includes('creado=1') ? translate('products.createdGoStock') : null);
  const skus = product.variants.length
    ? product.variants.map((v) => ({ sku: v.sku, label: v.name }))
    : [{ sku: product.sku, label: product.name }];
  // A deleted product can be looked at, not changed: the write routes answer 404 for it.
  const deleted = !!product.deleted_at;
  return (
    <section className="space-y-4">
      <Link to="/admin/productos" className="text-sm text-indigo-700 underline">← {translate('admin.products')}</Link>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{translate('products.edit')}: {product.name}</h1>
        {product.is_active && !deleted && <Link to={`/producto/${product.slug}`} className="text-sm text-indigo-700 underline">{translate('products.view')}</Link>}
      </div>
      {deleted && <p role="note" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">{translate('products.deletedNotice', { date: formatDate(product.deleted_at) })}</p>}
      {!deleted && !product.is_active && <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{translate('products.inactiveNotice')}</p>}
      <Notice text={notice} />
      <ProductForm key={product.updated_at + product.images.length} initial={draftFromProduct(product)} creating={false}
        categories={categories} brands={brands} pending={update.isPending} error={update.error} readOnly={deleted}
        onSubmit={(body) => update.mutate(body, { onSuccess: () => setNotice(translate('common.changesSaved')) })} />
      {!deleted && <ImageManager productId={product.id} images={product.images} />}
      <StockEditor productId={product.id} skus={skus} levels={product.stock_levels} readOnly={deleted} />
    </section>
  );
}
