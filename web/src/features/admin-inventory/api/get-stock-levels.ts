import { useQuery } from '@tanstack/react-query';
import { ApiError, buildUrl } from '../../../lib/api-client';
import { parseCsv } from '../../../lib/csv';
import { session } from '../../../lib/session';
import { inventoryKeys } from './query-keys';

export interface StockRow { sku: string; product: string; variant: string; warehouse: string; quantity: number; reserved: number; available: number; reorder_point: number; low_stock: boolean }

/** Stock per SKU and warehouse from the inventory report (the API has no JSON read of it). */
export async function getStockRows(): Promise<StockRow[]> {
  const token = session.get()?.access_token;
  const res = await fetch(buildUrl('/admin/reports/inventory.csv'), { headers: token ? { Authorization: `Bearer ${token}` } : {}, credentials: 'same-origin' });
  if (!res.ok || res.status === 202) {
    let body: Record<string, unknown> = {};
    try { body = await res.json(); } catch { /* not JSON */ }
    throw new ApiError(res.status === 202 ? 503 : res.status, body);
  }
  return parseCsv(await res.text()).map((r) => ({
    sku: r.sku, product: r.product, variant: r.variant, warehouse: r.warehouse, quantity: Number(r.quantity),
    reserved: Number(r.reserved), available: Number(r.available), reorder_point: Number(r.reorder_point), low_stock: r.low_stock === 'yes',
  }));
}

export function useStockRows() {
  return useQuery({ queryKey: inventoryKeys.levelRows, queryFn: getStockRows, staleTime: 0 });
}
