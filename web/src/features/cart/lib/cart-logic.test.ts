import { describe, expect, it } from 'vitest';
import { canCheckout, quantityOptions, unitCount, warningText } from './cart-logic';
import type { Cart, CartItem } from '../../../lib/types';

const line = (over: Partial<CartItem> = {}): CartItem => ({
  id: 1, product_id: 1, variant_id: null, sku: 'A', name: 'A', slug: 'a', variant_name: null, image_url: null,
  unit_price: 1000, price_when_added: 1000, quantity: 1, line_total: 1000, available: 5, warnings: [], ...over,
});
const cart = (items: CartItem[]): Cart => ({
  items, item_count: items.length, currency: 'CLP', subtotal: 0, discount_amount: 0, shipping_amount: 0, tax_amount: 0,
  total_amount: 0, coupon: null, shipping_estimate: null,
});

describe('cart logic', () => {
  it('checks out only a non-empty cart whose lines can all be bought', () => {
    expect(canCheckout(undefined)).toBe(false);
    expect(canCheckout(cart([]))).toBe(false);
    expect(canCheckout(cart([line()]))).toBe(true);
    expect(canCheckout(cart([line({ warnings: ['price_changed'] })]))).toBe(true);
    expect(canCheckout(cart([line(), line({ id: 2, warnings: ['stock_short'] })]))).toBe(false);
    expect(canCheckout(cart([line({ warnings: ['unavailable'] })]))).toBe(false);
  });

  it('offers quantities up to the stock, never below the current one, capped at 100', () => {
    expect(quantityOptions({ available: 3, quantity: 1 })).toEqual([1, 2, 3]);
    expect(quantityOptions({ available: 2, quantity: 4 })).toHaveLength(4);
    expect(quantityOptions({ available: 0, quantity: 0 })).toEqual([1]);
    expect(quantityOptions({ available: 500, quantity: 1 })).toHaveLength(100);
  });

  it('counts units for the header badge', () => {
    expect(unitCount(cart([line({ quantity: 2 }), line({ id: 2, quantity: 3 })]))).toBe(5);
    expect(unitCount(undefined)).toBe(0);
  });

  it('explains each warning in Spanish', () => {
    expect(warningText('stock_short', { available: 2 })).toBe('Solo quedan 2 unidades.');
    expect(warningText('price_changed', { available: 2 })).toMatch(/precio cambió/);
    expect(warningText('unavailable', { available: 0 })).toMatch(/ya no está disponible/);
  });
});
