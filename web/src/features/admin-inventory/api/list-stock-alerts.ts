import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Page } from '../../../lib/types';
import { inventoryKeys } from './query-keys';

export interface StockAlert {
  id: number; inventory_id: number; product_id: number; variant_id: number | null; sku: string; name: string;
  warehouse: string; available_at_alert: number; available: number; reorder_point: number;
  status: 'open' | 'resolved'; created_at: string; resolved_at: string | null;
}

export function listStockAlerts(status: 'open' | 'resolved', page: number): Promise<Page<StockAlert>> {
  return apiRequest('/admin/inventory/alerts', { query: { status, page, limit: 20 } });
}

export function useStockAlerts(status: 'open' | 'resolved', page: number) {
  return useQuery({ queryKey: inventoryKeys.alertPage(status, page), queryFn: () => listStockAlerts(status, page), placeholderData: keepPreviousData, staleTime: 0 });
}
