import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Page } from '../../../lib/types';
import { adminJobKeys } from './query-keys';

export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

export interface Job {
  id: number; kind: string; status: JobStatus; attempts: number; max_attempts: number; run_after: string | null;
  last_error: string | null; progress: { done: number; total: number }; result: unknown; created_at: string; updated_at: string; finished_at: string | null;
}

export interface JobPage extends Page<Job> { counts?: Partial<Record<JobStatus, number>> }

export function listJobs(status: JobStatus | '', page: number): Promise<JobPage> {
  return apiRequest('/admin/jobs', { query: { status, page, limit: 20 } });
}

export function useJobs(status: JobStatus | '', page: number) {
  return useQuery({ queryKey: adminJobKeys.page(status, page), queryFn: () => listJobs(status, page), placeholderData: keepPreviousData, staleTime: 0 });
}
