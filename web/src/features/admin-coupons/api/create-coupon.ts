import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Coupon } from './list-coupons';
import type { CouponPayload } from '../components/coupon-payload';
import { adminCouponKeys } from './query-keys';

export function createCoupon(body: CouponPayload): Promise<Coupon> {
  return apiRequest('/admin/coupons', { method: 'POST', body });
}

export function useCreateCoupon() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createCoupon, onSuccess: () => qc.invalidateQueries({ queryKey: adminCouponKeys.all }) });
}
