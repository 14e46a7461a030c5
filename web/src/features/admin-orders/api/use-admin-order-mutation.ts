import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adminOrderKeys } from './query-keys';

/** A change to one order: afterwards the detail (with its allowed transitions) and the list are read again. */
export function useAdminOrderMutation<V, R>(orderId: number, fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: adminOrderKeys.detail(orderId) });
      qc.invalidateQueries({ queryKey: adminOrderKeys.lists });
    },
  });
}
