import { useState } from 'react';
import { useStockLevels, type StockLevel } from '../api/get-stock-levels';
import { useWarehouses } from '../api/get-warehouses';
import { useSetStock } from '../api/set-stock';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { ErrorState, Skeleton } from '../../../components/States';
import { Notice } from '../../../components/admin/Notice';
import { messagesFor, translate } from '../../../lib/i18n';

/**
 * Stock of each SKU of a product in each warehouse, with a "set quantity" per cell; `levels` are
 * the product's stock_levels as loaded with it. `readOnly` (a deleted product) shows the numbers only.
 */
export function StockEditor({ productId, skus, levels: initial, readOnly = false }: {
  productId: number;
  skus: { sku: string; label: string }[];
  levels?: StockLevel[];
  readOnly?: boolean;
}) {
  const levels = useStockLevels(productId, initial);
  const warehouses = useWarehouses();
  const setStock = useSetStock();
  const [values, setValues] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  if (levels.isError || warehouses.isError) return <ErrorState error={levels.error ?? warehouses.error} onRetry={() => { levels.refetch(); warehouses.refetch(); }} />;
  if (!levels.data || !warehouses.data) return <Skeleton className="h-32 w-full" />;
  const level = (sku: string, warehouseId: number) => levels.data.find((l) => l.sku === sku && l.warehouse_id === warehouseId);
  const key = (sku: string, wh: string) => `${sku}@${wh}`;
  return (
    <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="stock-title" data-testid="stock-editor">
      <h2 id="stock-title" className="font-semibold">{translate('products.stockPerWarehouse')}</h2>
      {!readOnly && <p className="mb-2 text-sm text-slate-600">{translate('products.stockHint')}</p>}
      <FormError error={setStock.error} />
      {messagesFor(setStock.error, 'quantity').map((m) => <p key={m} className="text-sm text-red-700">{m}</p>)}
      <Notice text={notice} />
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{translate('products.stockPerWarehouse')}</caption>
          <thead><tr><th scope="col" className="py-1">SKU</th>{warehouses.data.data.map((w) => <th key={w.id} scope="col">{w.code}</th>)}</tr></thead>
          <tbody>
            {skus.map((s) => (
              <tr key={s.sku} className="border-t border-slate-100">
                <th scope="row" className="py-2 pr-2 font-normal"><span className="font-mono text-xs">{s.sku}</span><br />{s.label}</th>
                {warehouses.data.data.map((w) => {
                  const l = level(s.sku, w.id);
                  const k = key(s.sku, w.code);
                  return (
                    <td key={w.id} className="py-2 pr-2" data-testid={`stock-${k}`}>
                      {readOnly ? <span>{l?.quantity ?? 0}</span> : (
                        <form className="flex items-center gap-1" onSubmit={(e) => {
                          e.preventDefault();
                          setStock.mutate({ sku: s.sku, warehouse: w.code, quantity: Number(values[k] ?? l?.quantity ?? 0), reason: 'ajuste desde administración' },
                            { onSuccess: () => setNotice(translate('inventory.adjusted', { sku: s.sku, warehouse: w.code, quantity: values[k] ?? '' })) });
                        }}>
                          <label className="sr-only" htmlFor={`q-${k}`}>{`${translate('products.quantity')} ${s.sku} ${w.code}`}</label>
                          <input id={`q-${k}`} type="number" min={0} className="w-20 rounded border border-slate-300 px-2 py-1"
                            value={values[k] ?? String(l?.quantity ?? 0)} onChange={(e) => setValues({ ...values, [k]: e.target.value })} />
                          <Button type="submit" variant="secondary" className="px-2 py-1" disabled={setStock.isPending} aria-label={`${translate('products.set')} ${s.sku} ${w.code}`}>{translate('products.set')}</Button>
                        </form>
                      )}
                      {l && l.reserved > 0 && <span className="text-xs text-slate-600">{translate('inventory.reserved')}: {l.reserved}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
