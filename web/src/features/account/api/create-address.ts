import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Address } from '../../../lib/types';
import { accountKeys } from './query-keys';

export function createAddress(a: Address): Promise<Address> {
  return apiRequest('/me/addresses', { method: 'POST', body: a });
}

export function useCreateAddress() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createAddress, onSuccess: () => qc.invalidateQueries({ queryKey: accountKeys.addresses }) });
}
