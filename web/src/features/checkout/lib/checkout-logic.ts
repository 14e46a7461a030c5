import type { ShippingMethod } from '../api/get-shipping-methods';
import type { OrderRequest } from '../api/place-order';
import { toAddressBody, type AddressDraft } from '../../../components/AddressFields';
import { newIdempotencyKey } from '../../../lib/idempotency';

export interface CheckoutState {
  addressId: number | 'new' | null;
  draft: AddressDraft;
  shippingMethod: string;
  paymentMethod: string;
  cardToken: string;
  notes: string;
}

/** The body of POST /orders for what the shopper chose. */
export function buildOrderRequest(s: CheckoutState): OrderRequest {
  const body: OrderRequest = { from_cart: true, shipping_method: s.shippingMethod, payment_method: s.paymentMethod };
  if (typeof s.addressId === 'number') body.shipping_address_id = s.addressId;
  else body.shipping_address = toAddressBody(s.draft);
  if (s.paymentMethod === 'sandbox') body.payment_token = s.cardToken;
  if (s.notes.trim()) body.notes = s.notes.trim();
  return body;
}

/** What a method costs for this subtotal (free over its threshold). */
export function shippingPrice(m: Pick<ShippingMethod, 'price' | 'free_over'>, subtotal: number): number {
  return m.free_over !== null && subtotal >= m.free_over ? 0 : m.price;
}

/**
 * One Idempotency-Key per order body: a double click or a retry of the same order sends the
 * same key (the server answers with the first order), a changed order gets a new key.
 */
export class OrderKeys {
  private body = '';
  private key = '';
  constructor(private readonly make: () => string = newIdempotencyKey) {}

  keyFor(request: OrderRequest): string {
    const body = JSON.stringify(request);
    if (body !== this.body || !this.key) {
      this.body = body;
      this.key = this.make();
    }
    return this.key;
  }
}
