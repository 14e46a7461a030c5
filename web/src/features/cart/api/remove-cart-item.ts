import { apiRequest } from '../../../lib/api-client';
import type { Cart } from './get-cart';
import { useCartMutation } from './use-cart-mutation';

export function removeCartItem(id: number): Promise<Cart> {
  return apiRequest(`/cart/items/${id}`, { method: 'DELETE' });
}

export function useRemoveCartItem() {
  return useCartMutation(removeCartItem);
}
