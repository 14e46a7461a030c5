import { apiRequest } from '../../../lib/api-client';
import type { Cart } from '../../../lib/types';
import { useCartMutation } from './use-cart-mutation';

export function updateCartItem(v: { id: number; quantity: number }): Promise<Cart> {
  return apiRequest(`/cart/items/${v.id}`, { method: 'PUT', body: { quantity: v.quantity } });
}

export function useUpdateCartItem() {
  return useCartMutation(updateCartItem);
}
