import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Review } from './get-reviews';
import { reviewKeys } from './query-keys';

export interface NewReview {
  rating: number;
  title: string;
  body: string;
}

export function createReview(productId: number, review: NewReview): Promise<Review> {
  return apiRequest(`/products/${productId}/reviews`, { method: 'POST', body: review });
}

/** Posts a review; `onCreated` lets the page refresh what shows the rating (the product). */
export function useCreateReview(productId: number, onCreated?: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: NewReview) => createReview(productId, r),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: reviewKeys.product(productId) });
      onCreated?.();
    },
  });
}
