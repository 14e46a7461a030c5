import { apiRequest } from '../../../lib/api-client';
import type { Cart } from '../../../lib/types';
import { useCartMutation } from './use-cart-mutation';

export function removeCoupon(): Promise<Cart> {
  return apiRequest('/cart/coupon', { method: 'DELETE' });
}

export function useRemoveCoupon() {
  return useCartMutation(removeCoupon);
}
