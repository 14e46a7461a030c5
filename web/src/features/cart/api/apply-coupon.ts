import { apiRequest } from '../../../lib/api-client';
import type { Cart } from '../../../lib/types';
import { useCartMutation } from './use-cart-mutation';

export function applyCoupon(code: string): Promise<Cart> {
  return apiRequest('/cart/coupon', { method: 'POST', body: { code } });
}

export function useApplyCoupon() {
  return useCartMutation(applyCoupon);
}
