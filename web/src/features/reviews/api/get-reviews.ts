import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Pagination } from '../../../lib/types';
import { reviewKeys } from './query-keys';

export interface Review {
  id: number;
  product_id: number;
  rating: number;
  title: string | null;
  body: string | null;
  verified_purchase: boolean;
  author: { name: string };
  created_at: string;
}

export interface ReviewList {
  data: Review[];
  pagination: Pagination;
  summary: { rating_avg: number | null; reviews_count: number; distribution: Record<string, number> };
}

export function getReviews(productId: number, page = 1): Promise<ReviewList> {
  return apiRequest(`/products/${productId}/reviews`, { query: { page, limit: 10 }, anonymous: true });
}

export function useReviews(productId: number | undefined, page = 1) {
  return useQuery({ queryKey: reviewKeys.page(productId, page), queryFn: () => getReviews(productId!, page), enabled: !!productId });
}
