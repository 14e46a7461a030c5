import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Coupon } from './list-coupons';
import type { CouponPayload } from '../components/coupon-payload';
import { adminCouponKeys } from './query-keys';

export function updateCoupon({ id, body }: { id: number; body: CouponPayload }): Promise<Coupon> {
  return apiRequest(`/admin/coupons/${id}`, { method: 'PUT', body });
}

export function useUpdateCoupon() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateCoupon, onSuccess: () => qc.invalidateQueries({ queryKey: adminCouponKeys.all }) });
}
