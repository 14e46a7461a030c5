import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Address } from '../../../lib/types';
import { accountKeys } from './query-keys';

export function getAddresses(): Promise<{ data: Address[] }> {
  return apiRequest('/me/addresses');
}

export function useAddresses(enabled = true) {
  return useQuery({ queryKey: accountKeys.addresses, queryFn: getAddresses, enabled });
}
