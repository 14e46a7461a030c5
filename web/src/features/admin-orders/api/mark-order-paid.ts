import { useState } from 'react';
import { apiRequest } from '../../../lib/api-client';
import { newIdempotencyKey } from '../../../lib/idempotency';
import { useAdminOrderMutation } from './use-admin-order-mutation';

export function markOrderPaid(id: number, reference: string, key: string): Promise<unknown> {
  return apiRequest(`/admin/orders/${id}/mark-paid`, {
    method: 'POST', body: reference ? { reference } : {}, headers: { 'Idempotency-Key': key },
  });
}

export function useMarkOrderPaid(id: number) {
  const [key] = useState(newIdempotencyKey);
  return useAdminOrderMutation(id, (reference: string) => markOrderPaid(id, reference, key));
}
