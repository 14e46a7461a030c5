import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Page } from '../../../lib/types';
import { inventoryKeys } from './query-keys';

/** One SKU in one warehouse (GET /admin/inventory). */
export interface StockLevel {
  inventory_id: number;
  sku: string;
  product_id: number;
  product: string;
  variant_id: number | null;
  variant: string | null;
  warehouse: string;
  quantity: number;
  reserved: number;
  available: number;
  reorder_point: number;
  /** available <= reorder_point */
  low_stock: boolean;
  /** Whether the product is active (inactive ones still hold stock). */
  active: boolean;
}

export interface StockLevelQuery {
  page: number;
  /** 1 to 100 (the server's default is 20). */
  limit: number;
  /** SKU prefix or part of the product name, any case. */
  q?: string;
  /** A warehouse code. */
  warehouse?: string;
  /** Only rows with available <= reorder_point. */
  low_stock?: boolean;
}

/** Stock per SKU and warehouse, ordered by product name, SKU and warehouse code; manager and up. */
export function getStockLevels(q: StockLevelQuery): Promise<Page<StockLevel>> {
  return apiRequest('/admin/inventory', {
    query: { page: q.page, limit: q.limit, q: q.q?.trim(), warehouse: q.warehouse, low_stock: q.low_stock ? 'true' : undefined },
  });
}

export function useStockLevels(q: StockLevelQuery) {
  return useQuery({ queryKey: inventoryKeys.levelPage(q), queryFn: () => getStockLevels(q), placeholderData: keepPreviousData, staleTime: 0 });
}
