import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Page } from '../../../lib/types';
import { adminAuditKeys } from './query-keys';

export interface AuditRecord {
  id: number; actor_user_id: number | null; actor_role: string | null; action: string; entity: string; entity_id: string | null;
  details: unknown; ip: string | null; request_id: string | null; created_at: string;
}

export interface AuditFilter { actor?: string; entity?: string; entity_id?: string; action?: string; from?: string; to?: string; page?: number }

export function listAuditLog(f: AuditFilter): Promise<Page<AuditRecord>> {
  return apiRequest('/admin/audit-log', { query: { ...f, limit: 25 } });
}

export function useAuditLog(f: AuditFilter) {
  return useQuery({ queryKey: adminAuditKeys.list(f), queryFn: () => listAuditLog(f), placeholderData: keepPreviousData, staleTime: 0 });
}
