import { apiRequest } from '../../../lib/api-client';
import type { Cart } from '../../../lib/types';
import { useCartMutation } from './use-cart-mutation';

export interface AddItem {
  product_id: number;
  variant_id?: number | null;
  quantity: number;
}

export function addCartItem(item: AddItem): Promise<Cart> {
  return apiRequest('/cart/items', { method: 'POST', body: item });
}

export function useAddCartItem() {
  return useCartMutation(addCartItem);
}
