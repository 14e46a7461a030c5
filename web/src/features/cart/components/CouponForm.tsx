import { useState, type FormEvent } from 'react';
import type { Cart } from '../../../lib/types';
import { useApplyCoupon } from '../api/apply-coupon';
import { useRemoveCoupon } from '../api/remove-coupon';
import { TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { translate } from '../../../lib/i18n';

export function CouponForm({ cart }: { cart: Cart }) {
  const [code, setCode] = useState('');
  const apply = useApplyCoupon();
  const remove = useRemoveCoupon();
  if (cart.coupon) {
    return (
      <div className="flex items-center justify-between text-sm">
        <span>{translate('cart.coupon')}: <strong>{cart.coupon.code}</strong></span>
        <Button variant="link" onClick={() => remove.mutate()}>{translate('cart.removeCoupon')}</Button>
        {cart.coupon_warning && <p role="status" className="text-amber-800">{cart.coupon_warning}</p>}
      </div>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (code.trim()) apply.mutate(code.trim(), { onSuccess: () => setCode('') });
  };
  return (
    <form onSubmit={submit} className="flex items-end gap-2">
      <TextField className="flex-1" label={translate('cart.coupon')} name="code" value={code}
        onChange={(e) => setCode(e.target.value)} error={apply.error} autoComplete="off" />
      <Button type="submit" variant="secondary" disabled={apply.isPending} className="mb-[1px]">{translate('cart.applyCoupon')}</Button>
    </form>
  );
}
