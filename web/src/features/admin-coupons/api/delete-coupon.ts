import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminCouponKeys } from './query-keys';

/** Deletes a coupon never used; a used one is only deactivated (still 204). */
export function deleteCoupon(id: number): Promise<void> {
  return apiRequest(`/admin/coupons/${id}`, { method: 'DELETE' });
}

export function useDeleteCoupon() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteCoupon, onSuccess: () => qc.invalidateQueries({ queryKey: adminCouponKeys.all }) });
}
