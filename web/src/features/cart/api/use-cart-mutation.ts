import { useMutation, useQueryClient } from '@tanstack/react-query';
import { session } from '../../../lib/session';
import { cartKey } from './get-cart';
import type { Cart } from '../../../lib/types';

/** A mutation whose answer is the new cart: written straight into the cart query. */
export function useCartMutation<V>(fn: (v: V) => Promise<Cart>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (cart) => qc.setQueryData(cartKey(session.get()?.user.id), cart),
  });
}
