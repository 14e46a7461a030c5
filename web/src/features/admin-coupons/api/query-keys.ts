// The staff coupon page's TanStack Query keys.
export const adminCouponKeys = {
  all: ['admin-coupons'] as const,
  list: (q: unknown) => ['admin-coupons', q] as const,
};
