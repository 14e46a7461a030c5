import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Page } from '../../../lib/types';
import type { Role } from '../../../lib/session';
import { adminUserKeys } from './query-keys';

export interface AdminUser { id: number; email: string; name: string; role: Role; is_active: boolean; email_verified: boolean; created_at: string; updated_at: string }
export interface UserFilter { search?: string; role?: string; active?: string; page?: number }

export function listUsers(f: UserFilter): Promise<Page<AdminUser>> {
  return apiRequest('/admin/users', { query: { ...f, limit: 20 } });
}

export function useUsers(f: UserFilter) {
  return useQuery({ queryKey: adminUserKeys.list(f), queryFn: () => listUsers(f), placeholderData: keepPreviousData, staleTime: 0 });
}
