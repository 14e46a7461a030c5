import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export interface BackupArchive { name: string; bytes: number; created_at: string | null }

export interface BackupStatus {
  ready: boolean;
  not_ready_reason: string | null;
  schedule: string | null;
  directory: string;
  keep_daily: number;
  keep_weekly: number;
  last_success_at: string | null;
  pending: { job_id: number; status: 'queued' | 'running' } | null;
  archives: BackupArchive[];
}

const backupKeys = { all: ['admin-backups'] as const };

export function getBackups(): Promise<BackupStatus> {
  return apiRequest('/admin/backups');
}

/** The backups: refreshed every 2 s while one is queued or running, every 30 s otherwise. */
export function useBackups() {
  return useQuery({
    queryKey: backupKeys.all,
    queryFn: getBackups,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.pending ? 2_000 : 30_000),
  });
}

/** "Back up now": queues a backup (or finds the one already waiting). */
export function useRequestBackup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<{ job_id: number; status_url: string }>('/admin/backups', { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: backupKeys.all }),
  });
}
