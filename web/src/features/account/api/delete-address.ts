import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { accountKeys } from './query-keys';

export function deleteAddress(id: number): Promise<void> {
  return apiRequest(`/me/addresses/${id}`, { method: 'DELETE' });
}

export function useDeleteAddress() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteAddress, onSuccess: () => qc.invalidateQueries({ queryKey: accountKeys.addresses }) });
}
