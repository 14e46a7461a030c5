import { apiRequest } from '../../../lib/api-client';
import { useAdminOrderMutation } from './use-admin-order-mutation';

export interface StatusChangeRequest {
  status: string;
  tracking_number?: string;
  note?: string;
}

export function setOrderStatus(id: number, body: StatusChangeRequest): Promise<unknown> {
  return apiRequest(`/orders/${id}/status`, { method: 'PUT', body });
}

export function useSetOrderStatus(id: number) {
  return useAdminOrderMutation(id, (b: StatusChangeRequest) => setOrderStatus(id, b));
}
