import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { OrderDetail, OrderStatus } from '../../../lib/types';

export interface AdminOrder extends OrderDetail {
  user_id: number;
  customer_email: string;
  allowed_transitions: OrderStatus[];
}

export function getAdminOrder(id: string): Promise<AdminOrder> {
  return apiRequest(`/admin/orders/${encodeURIComponent(id)}`);
}

export function useAdminOrder(id: string) {
  return useQuery({ queryKey: ['admin-order', id], queryFn: () => getAdminOrder(id) });
}
