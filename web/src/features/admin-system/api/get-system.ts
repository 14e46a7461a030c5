import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export type HealthStatus = 'ok' | 'warning' | 'error';

export interface SystemDependency {
  name: 'database' | 'search_index' | 'disk' | 'mail' | 'cache';
  status: HealthStatus;
  detail?: string;
  [figure: string]: unknown;
}

export interface SystemStatus {
  node: { version: string; host: string; uptime_seconds: number; started_at: string };
  dependencies: SystemDependency[];
  jobs: { queued: number; running: number; done: number; dead: number; backlog: number; oldest_due_seconds: number };
  housekeeping: {
    interval_seconds: number;
    last_success_at: string | null;
    tables: { table: string; retention_days: number; removed_since_start: number }[];
  };
}

export function getSystem(): Promise<SystemStatus> {
  return apiRequest('/admin/system');
}

/** The node's status, refreshed every 30 s while the page is open. */
export function useSystem() {
  return useQuery({ queryKey: ['admin-system'], queryFn: getSystem, refetchInterval: 30_000, staleTime: 0 });
}
