import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Profile } from './get-me';
import { accountKeys } from './query-keys';

export function updateMe(body: { name?: string; phone?: string | null }): Promise<Profile> {
  return apiRequest('/me', { method: 'PUT', body });
}

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateMe, onSuccess: (p) => qc.setQueryData(accountKeys.me, p) });
}
