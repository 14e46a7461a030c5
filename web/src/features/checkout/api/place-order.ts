import { apiRequest } from '../../../lib/api-client';
import type { Address, OrderDetail } from '../../../lib/types';

export interface OrderRequest {
  from_cart: true;
  shipping_address?: Address;
  shipping_address_id?: number;
  shipping_method: string;
  payment_method: string;
  payment_token?: string;
  notes?: string;
}

/** Places the order; the same key and body never order twice (the server replays the first answer). */
export function placeOrder(body: OrderRequest, idempotencyKey: string): Promise<OrderDetail> {
  return apiRequest('/orders', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });
}
