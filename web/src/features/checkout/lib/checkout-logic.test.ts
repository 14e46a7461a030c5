import { describe, expect, it } from 'vitest';
import { buildOrderRequest, OrderKeys, shippingPrice, type CheckoutState } from './checkout-logic';
import { emptyAddress } from '../../../components/AddressFields';

const base: CheckoutState = {
  addressId: 'new',
  draft: { ...emptyAddress, street: ' Av. Providencia ', number: '1234', comuna: 'Providencia', city: 'Santiago', region: 'CL-RM' },
  shippingMethod: 'standard', paymentMethod: 'manual', cardToken: 'tok_visa', notes: '',
};

describe('buildOrderRequest', () => {
  it('orders the cart to a new address, blanks as null and no card token for a transfer', () => {
    const body = buildOrderRequest(base);
    expect(body).toEqual({
      from_cart: true, shipping_method: 'standard', payment_method: 'manual',
      shipping_address: {
        label: null, recipient_name: null, street: 'Av. Providencia', number: '1234', apartment: null,
        comuna: 'Providencia', city: 'Santiago', region: 'CL-RM', postal_code: null, phone: null, country: 'CL',
      },
    });
  });

  it('uses a saved address by id, and sends the card token for a sandbox card', () => {
    const body = buildOrderRequest({ ...base, addressId: 7, paymentMethod: 'sandbox', notes: ' Dejar en conserjería ' });
    expect(body.shipping_address_id).toBe(7);
    expect(body.shipping_address).toBeUndefined();
    expect(body.payment_token).toBe('tok_visa');
    expect(body.notes).toBe('Dejar en conserjería');
  });
});

describe('shippingPrice', () => {
  it('is free from the threshold on', () => {
    expect(shippingPrice({ price: 3990, free_over: 50000 }, 49999)).toBe(3990);
    expect(shippingPrice({ price: 3990, free_over: 50000 }, 50000)).toBe(0);
    expect(shippingPrice({ price: 6990, free_over: null }, 900000)).toBe(6990);
  });
});

describe('OrderKeys', () => {
  it('gives a double click the same Idempotency-Key and a changed order a new one', () => {
    let n = 0;
    const keys = new OrderKeys(() => `key-${++n}`);
    const body = buildOrderRequest(base);
    expect(keys.keyFor(body)).toBe('key-1');
    expect(keys.keyFor(buildOrderRequest(base))).toBe('key-1');
    expect(keys.keyFor(buildOrderRequest({ ...base, shippingMethod: 'express' }))).toBe('key-2');
    expect(keys.keyFor(buildOrderRequest({ ...base, shippingMethod: 'express' }))).toBe('key-2');
  });
});
