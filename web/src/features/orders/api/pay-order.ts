import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { OrderDetail } from '../../../lib/types';
import { orderKeys } from './query-keys';

/** A new attempt to pay my open order on the provider's page: the order with next_action. */
export function payOrder(id: number | string): Promise<OrderDetail> {
  return apiRequest(`/orders/${encodeURIComponent(String(id))}/pay`, { method: 'POST' });
}

export function usePayOrder(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => payOrder(id),
    onSuccess: (o) => qc.setQueryData(orderKeys.detail(id), o),
  });
}
