import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Review } from './get-reviews';

export interface NewReview {
  rating: number;
  title: string;
  body: string;
}

export function createReview(productId: number, review: NewReview): Promise<Review> {
  return apiRequest(`/products/${productId}/reviews`, { method: 'POST', body: review });
}

export function useCreateReview(productId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: NewReview) => createReview(productId, r),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['reviews', productId] });
      qc.invalidateQueries({ queryKey: ['product'] });
    },
  });
}
