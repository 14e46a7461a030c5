import { apiRequest } from '../../../lib/api-client';
import { newIdempotencyKey } from '../../../lib/idempotency';
import { useAdminOrderMutation } from './use-admin-order-mutation';
import type { AdminOrder } from './get-admin-order';

export interface RefundRequest {
  amount?: number;
  reason?: string;
}

export function refundOrder(id: number, body: RefundRequest, key: string): Promise<AdminOrder> {
  return apiRequest(`/admin/orders/${id}/refund`, { method: 'POST', body, headers: { 'Idempotency-Key': key } });
}

export function useRefundOrder(id: number) {
  return useAdminOrderMutation(id, (b: RefundRequest & { key: string }) => {
    const { key, ...body } = b;
    return refundOrder(id, body, key);
  });
}

export { newIdempotencyKey };
