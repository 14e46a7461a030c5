import { useMutation, useQueryClient } from '@tanstack/react-query';
import { session } from '../../../lib/session';
import { cartKeys } from './query-keys';
import type { Cart } from '../../../lib/types';

/** A mutation whose answer is the new cart: written straight into the cart query. */
export function useCartMutation<V>(fn: (v: V) => Promise<Cart>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (cart) => qc.setQueryData(cartKeys.forUser(session.get()?.user.id), cart),
  });
}
