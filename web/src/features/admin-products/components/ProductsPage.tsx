import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useProducts, type ProductSort, type ProductSortKey, type ProductStatus } from '../api/list-products';
import { useDeleteProduct } from '../api/delete-product';
import { AdminTable, Td } from '../../../components/admin/AdminTable';
import { Notice, confirmAction } from '../../../components/admin/Notice';
import { SortHeader } from '../../../components/admin/SortHeader';
import { Pagination } from '../../../components/Pagination';
import { FormError } from '../../../components/FormError';
import { Button } from '../../../components/Button';
import { formatDate, formatMoney } from '../../../lib/format';
import { translate } from '../../../lib/i18n';
import { STATUSES, rowStatus} from './product-labels'; 

const SORT_KEYS: ProductSortKey[] = ['name', 'price', 'stock', 'updated_at', 'created_at'];
const DEFAULT_SORT: ProductSort = '-created_at';

function readSort(v: string | null): ProductSort {
  const key = v?.replace(/^-/, '');
  return v && SORT_KEYS.includes(key as ProductSortKey) ? (v as ProductSort) : DEFAULT_SORT;
}

function readStatus(v: string | null): ProductStatus | undefined {
  return STATUSES.includes(v as ProductStatus) ? (v as ProductStatus) : undefined;
}

const STATUS_STYLE = { active: 'bg-green-100 text-green-800', inactive: 'bg-amber-100 text-amber-900', deleted: 'bg-red-100 text-red-800' };

/** The staff product table: search, status filter and sort live in the URL (?q=&status=&sort=&page=). */
export default function ProductsPage() {
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const status = readStatus(params.get('status'));
  const sort = readSort(params.get('sort'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState(search);
  const [notice, setNotice] = useState<string | null>(null);
  const products = useProducts({ q: search || undefined, status, sort, page });
  const del = useDeleteProduct();
  const go = (next: Record<string, string>) => {
    const p = new URLSearchParams(params);
    Object.entries(next).forEach(([k, v]) => (v ? p.set(k, v) : p.delete(k)));
    if (!('page' in next)) p.delete('page');
    setParams(p);
  };
  const onSearch = (e: FormEvent) => { e.preventDefault(); go({ q: draft.trim() }); };
  // A first click sorts names and prices up, stock and dates down; the next click turns it round.
  const sortBy = (key: ProductSortKey, firstDescending = false) => () =>
    go({ sort: sort === key ? `-${key}` : sort === `-${key}` ? key : firstDescending ? `-${key}` : key });
  const dir = (key: ProductSortKey) => (sort === key ? 'asc' : sort === `-${key}` ? 'desc' : null);
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{translate('admin.products')}</h1>
        <Link to="/admin/productos/nuevo" className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800">+ {translate('products.new')}</Link>
      </div>
      <form role="search" onSubmit={onSearch} className="flex flex-wrap items-end gap-2">
        <div className="flex-1">
          <label htmlFor="product-search" className="block text-sm font-medium">{translate('products.searchLabel')}</label>
          <input id="product-search" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="product-status" className="block text-sm font-medium">{translate('common.status')}</label>
          <select id="product-status" value={status ?? ''} onChange={(e) => go({ status: e.target.value })}
            className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2">
            <option value="">{translate('products.status.default')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{translate(`products.status.${s}`)}</option>)}
          </select>
        </div>
        <Button type="submit">{translate('common.search')}</Button>
      </form>
      <Notice text={notice} />
      <FormError error={del.error} />
      <AdminTable
        caption={translate('admin.products')}
        testId="products-table"
        query={{ ...products, data: products.data?.items }}
        empty={translate('products.empty')}
        head={[
          translate('products.sku'),
          <SortHeader key="n" label={translate('common.name')} active={dir('name')} onSort={sortBy('name')} />,
          translate('products.category'),
          <SortHeader key="p" label={translate('products.price')} active={dir('price')} onSort={sortBy('price')} />,
          <SortHeader key="s" label={translate('products.stock')} active={dir('stock')} onSort={sortBy('stock', true)} />,
          translate('common.status'),
          <SortHeader key="u" label={translate('products.updated')} active={dir('updated_at')} onSort={sortBy('updated_at', true)} />,
          translate('common.actions'),
        ]}
        row={(p) => {
          const state = rowStatus(p);
          return (
            <tr key={p.id} data-testid="product-row">
              <Td className="font-mono text-xs">{p.sku}</Td>
              <Td>
                <div className="flex items-center gap-2">
                  {p.image && <img src={p.image} alt="" loading="lazy" className="h-8 w-8 shrink-0 rounded object-cover" />}
                  <div>
                    <Link to={`/admin/productos/${p.id}`} className="text-indigo-700 underline">{p.name}</Link>
                    {p.variants_count > 0 && <div className="text-xs text-slate-600">{translate('products.variantsCount', { n: p.variants_count })}</div>}
                  </div>
                </div>
              </Td>
              <Td>{p.category?.name}</Td>
              <Td>{formatMoney(p.price, p.currency)}{p.compare_price ? <s className="ml-1 text-xs text-slate-600">{formatMoney(p.compare_price, p.currency)}</s> : null}</Td>
              <Td className={p.stock === 0 ? 'font-semibold text-red-700' : ''}>{p.stock}</Td>
              <Td><span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[state]}`}>{translate(`products.row.${state}`)}</span></Td>
              <Td className="whitespace-nowrap">{formatDate(p.updated_at)}</Td>
              <Td>
                <div className="flex gap-2">
                  <Link to={`/admin/productos/${p.id}`} className="text-indigo-700 underline" aria-label={`${translate('common.edit')} ${p.name}`}>{translate('common.edit')}</Link>
                  {state !== 'deleted' && (
                    <Button variant="link" disabled={del.isPending} aria-label={`${translate('common.delete')} ${p.name}`}
                      onClick={() => confirmAction(translate('products.deleteConfirm', { name: p.name })) && del.mutate(p.id, { onSuccess: () => setNotice(translate('common.deleted')) })}>
                      {translate('common.delete')}
                    </Button>
                  )}
                </div>
              </Td>
            </tr>
          );
        }}
      />
      {products.data && <p className="text-sm text-slate-600">{translate('common.total', { n: products.data.total })}</p>}
      {products.data && <Pagination page={page} pages={products.data.pages} onPage={(n) => go({ page: String(n) })} />}
    </section>
  );
}
