import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { useSession } from '../../../lib/use-session';
import type { Cart } from '../../../lib/types';
import { cartKeys } from './query-keys';

// The guest cart travels in the HttpOnly `cart_token` cookie the server sets; a signed-in
// call that carries it merges the guest cart into the user's (docs/API.md, Cart).
export function getCart(region?: string): Promise<Cart> {
  return apiRequest('/cart', { query: { region } });
}

export function useCart() {
  const s = useSession();
  return useQuery({ queryKey: cartKeys.forUser(s?.user.id), queryFn: () => getCart() });
}
