import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Address } from '../../../lib/types';
import { accountKeys } from './query-keys';

export function updateAddress(a: Address & { id: number }): Promise<Address> {
  const { id, ...body } = a;
  return apiRequest(`/me/addresses/${id}`, { method: 'PUT', body });
}

export function useUpdateAddress() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateAddress, onSuccess: () => qc.invalidateQueries({ queryKey: accountKeys.addresses }) });
}
