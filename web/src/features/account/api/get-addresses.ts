import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Address } from '../../../lib/types';

export function getAddresses(): Promise<{ data: Address[] }> {
  return apiRequest('/me/addresses');
}

export function useAddresses(enabled = true) {
  return useQuery({ queryKey: ['addresses'], queryFn: getAddresses, enabled });
}
