import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Page } from '../../../lib/types';
import { adminCouponKeys } from './query-keys';

export type CouponType = 'percentage' | 'fixed' | 'free_shipping';

export interface Coupon {
  id: number; code: string; type: CouponType; value: number; min_subtotal: number;
  starts_at: string | null; ends_at: string | null; usage_limit: number | null; usage_limit_per_customer: number | null;
  times_used: number; is_active: boolean; category_ids: number[]; product_ids: number[]; created_at: string; updated_at: string;
}

export function listCoupons(q: { q?: string; page?: number }): Promise<Page<Coupon>> {
  return apiRequest('/admin/coupons', { query: { ...q, limit: 20 } });
}

export function useCoupons(q: { q?: string; page?: number }) {
  return useQuery({ queryKey: adminCouponKeys.list(q), queryFn: () => listCoupons(q), placeholderData: keepPreviousData, staleTime: 0 });
}
