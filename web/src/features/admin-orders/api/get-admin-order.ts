import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { OrderDetail, OrderStatus } from '../../../lib/types';
import { adminOrderKeys } from './query-keys';

export interface AdminOrder extends OrderDetail {
  user_id: number;
  customer_email: string;
  allowed_transitions: OrderStatus[];
}

export function getAdminOrder(id: string): Promise<AdminOrder> {
  return apiRequest(`/admin/orders/${encodeURIComponent(id)}`);
}

export function useAdminOrder(id: string) {
  return useQuery({ queryKey: adminOrderKeys.detail(id), queryFn: () => getAdminOrder(id) });
}
