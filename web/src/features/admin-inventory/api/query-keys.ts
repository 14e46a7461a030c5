// Warehouses and inventory pages: TanStack Query keys, all under 'admin-inventory' so they never
// meet another feature's (admin-products keeps its own warehouse options and stock levels).
import type { StockLevelQuery } from './get-stock-levels';
export const inventoryKeys = {
  all: ['admin-inventory'] as const,
  warehouses: ['admin-inventory', 'warehouses'] as const,
  /** Every page of alerts (prefix). */
  alerts: ['admin-inventory', 'stock-alerts'] as const,
  alertPage: (status: 'open' | 'resolved', page: number) => ['admin-inventory', 'stock-alerts', status, page] as const,
  /** Every page of stock levels (prefix). */
  levels: ['admin-inventory', 'stock-levels'] as const,
  levelPage: (q: StockLevelQuery) => ['admin-inventory', 'stock-levels', q] as const,
};
