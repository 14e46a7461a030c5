// The coupon form's state and the body of POST/PUT /admin/coupons.
import type { Coupon, CouponType } from '../api/list-coupons';

export interface CouponDraft {
  code: string; type: CouponType; value: string; min_subtotal: string; starts_at: string; ends_at: string;
  usage_limit: string; usage_limit_per_customer: string; is_active: boolean;
}

export interface CouponPayload {
  code: string; type: CouponType; value?: number; min_subtotal: number; starts_at: string | null; ends_at: string | null;
  usage_limit: number | null; usage_limit_per_customer: number | null; is_active: boolean;
}

export const emptyCoupon = (): CouponDraft => ({
  code: '', type: 'percentage', value: '', min_subtotal: '', starts_at: '', ends_at: '', usage_limit: '', usage_limit_per_customer: '', is_active: true,
});

export function draftFromCoupon(c: Coupon): CouponDraft {
  const s = (n: number | null) => (n === null ? '' : String(n));
  return {
    code: c.code, type: c.type, value: c.type === 'free_shipping' ? '' : String(c.value), min_subtotal: c.min_subtotal ? String(c.min_subtotal) : '',
    starts_at: c.starts_at?.slice(0, 10) ?? '', ends_at: c.ends_at?.slice(0, 10) ?? '',
    usage_limit: s(c.usage_limit), usage_limit_per_customer: s(c.usage_limit_per_customer), is_active: c.is_active,
  };
}

// Whole numbers as numbers; other text goes as typed so the server names the field.
function num(v: string): number | null {
  const t = v.trim().replace(/\./g, '');
  if (t === '') return null;
  return /^-?\d+$/.test(t) ? Number(t) : (t as unknown as number);
}

/** Dates are days (the server takes the first second of `starts_at` and the last of `ends_at`). */
export function buildCouponPayload(d: CouponDraft): CouponPayload {
  const body: CouponPayload = {
    code: d.code.trim().toUpperCase(),
    type: d.type,
    min_subtotal: num(d.min_subtotal) ?? 0,
    starts_at: d.starts_at || null,
    ends_at: d.ends_at || null,
    usage_limit: num(d.usage_limit),
    usage_limit_per_customer: num(d.usage_limit_per_customer),
    is_active: d.is_active,
  };
  if (d.type !== 'free_shipping' && num(d.value) !== null) body.value = num(d.value) as number;
  return body;
}
