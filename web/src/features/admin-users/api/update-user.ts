import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Role } from '../../../lib/session';
import type { AdminUser } from './list-users';
import { adminUserKeys } from './query-keys';

export interface UserChange { role?: Role; is_active?: boolean }

/** Changes the role and/or active state of an account (ends its sessions). */
export function updateUser({ id, body }: { id: number; body: UserChange }): Promise<AdminUser> {
  return apiRequest(`/admin/users/${id}`, { method: 'PATCH', body });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateUser, onSuccess: () => qc.invalidateQueries({ queryKey: adminUserKeys.all }) });
}
