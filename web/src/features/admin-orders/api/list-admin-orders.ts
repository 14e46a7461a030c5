import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { OrderSummary, Page } from '../../../lib/types';
import { adminOrderKeys } from './query-keys';

export interface AdminOrderFilters {
  status?: string;
  payment_status?: string;
  from?: string;
  to?: string;
  q?: string;
  page?: number;
}

export interface AdminOrderSummary extends OrderSummary {
  user_id: number;
  customer_email: string;
  shipping_region: string | null;
}

export function listAdminOrders(f: AdminOrderFilters): Promise<Page<AdminOrderSummary>> {
  return apiRequest('/admin/orders', { query: { ...f, limit: 25 } });
}

export function useAdminOrders(f: AdminOrderFilters) {
  return useQuery({ queryKey: adminOrderKeys.list(f), queryFn: () => listAdminOrders(f), placeholderData: keepPreviousData });
}
