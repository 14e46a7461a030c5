import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { newIdempotencyKey } from '../../../lib/idempotency';
import type { OrderDetail } from '../../../lib/types';
import { orderKeys } from './query-keys';

export function cancelOrder(id: number, key: string): Promise<OrderDetail> {
  return apiRequest(`/orders/${id}/cancel`, { method: 'POST', body: {}, headers: { 'Idempotency-Key': key } });
}

export function useCancelOrder(id: number) {
  const qc = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  return useMutation({
    mutationFn: () => cancelOrder(id, key),
    onSuccess: (o) => {
      qc.setQueryData(orderKeys.detail(id), o);
      qc.invalidateQueries({ queryKey: orderKeys.lists });
    },
  });
}
