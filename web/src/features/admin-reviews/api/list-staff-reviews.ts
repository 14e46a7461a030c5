import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Page } from '../../../lib/types';
import { adminReviewKeys } from './query-keys';

export type ReviewStatus = 'pending' | 'published' | 'hidden';

export interface StaffReview {
  id: number; product_id: number; product_name: string; user_id: number; order_id: number | null; rating: number;
  title: string | null; body: string | null; verified_purchase: boolean; author: { name: string }; status: ReviewStatus;
  helpful_count: number; created_at: string; updated_at: string;
}

export function listStaffReviews(status: ReviewStatus, page: number): Promise<Page<StaffReview>> {
  return apiRequest('/admin/reviews', { query: { status, page, limit: 20 } });
}

export function useStaffReviews(status: ReviewStatus, page: number) {
  return useQuery({ queryKey: adminReviewKeys.page(status, page), queryFn: () => listStaffReviews(status, page), placeholderData: keepPreviousData, staleTime: 0 });
}
