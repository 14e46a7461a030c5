import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminJobKeys } from './query-keys';

/** Queues a dead (or done) job again; 409 job_not_finished while queued or running. */
export function retryJob(id: number): Promise<unknown> {
  return apiRequest(`/admin/jobs/${id}/retry`, { method: 'POST', body: {} });
}

export function useRetryJob() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: retryJob, onSuccess: () => qc.invalidateQueries({ queryKey: adminJobKeys.all }) });
}
