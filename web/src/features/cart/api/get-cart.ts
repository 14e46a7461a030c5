import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { useSession } from '../../../lib/use-session';
import type { Cart } from '../../../lib/types';

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
