import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { useSession } from '../../../lib/use-session';

export type CartWarning = 'price_changed' | 'stock_short' | 'unavailable';

export interface CartItem {
  id: number;
  product_id: number;
  variant_id: number | null;
  sku: string;
  name: string;
  slug: string;
  variant_name: string | null;
  image_url: string | null;
  unit_price: number;
  price_when_added: number;
  quantity: number;
  line_total: number;
  available: number;
  warnings: CartWarning[];
}

export interface Cart {
  items: CartItem[];
  item_count: number;
  currency: string;
  subtotal: number;
  discount_amount: number;
  shipping_amount: number;
  tax_amount: number;
  total_amount: number;
  coupon: { code: string; [k: string]: unknown } | null;
  coupon_warning?: string | null;
  shipping_estimate: { method: string; name: string; amount: number } | null;
}

// The guest cart travels in the HttpOnly `cart_token` cookie the server sets; a signed-in
// call that carries it merges the guest cart into the user's (docs/API.md, Cart).
export function getCart(region?: string): Promise<Cart> {
  return apiRequest('/cart', { query: { region } });
}

/** The cart query key; it changes with the signed-in user so signing in refetches (and merges). */
export function cartKey(userId: number | undefined) {
  return ['cart', userId ?? 'guest'] as const;
}

export function useCart() {
  const s = useSession();
  return useQuery({ queryKey: cartKey(s?.user.id), queryFn: () => getCart() });
}
