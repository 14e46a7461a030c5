import { apiRequest } from '../../../lib/api-client';
import type { Cart } from '../../../lib/types';
import { useCartMutation } from './use-cart-mutation';

export function removeCartItem(id: number): Promise<Cart> {
  return apiRequest(`/cart/items/${id}`, { method: 'DELETE' });
}

export function useRemoveCartItem() {
  return useCartMutation(removeCartItem);
}
