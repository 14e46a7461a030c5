import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { StaffReview } from './list-staff-reviews';
import { adminReviewKeys } from './query-keys';

/** Publishes or hides a review (PATCH /admin/reviews/{id}). */
export function moderateReview({ id, status }: { id: number; status: 'published' | 'hidden' }): Promise<StaffReview> {
  return apiRequest(`/admin/reviews/${id}`, { method: 'PATCH', body: { status } });
}

export function useModerateReview() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: moderateReview, onSuccess: () => qc.invalidateQueries({ queryKey: adminReviewKeys.all }) });
}
