import { useState, type FormEvent } from 'react';
import { SelectField, TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { translate } from '../../../lib/i18n';
import { buildCouponPayload, type CouponDraft, type CouponPayload } from './coupon-payload';
import type { CouponType } from '../api/list-coupons';

/** Create/edit form of a coupon; the server's field errors show under each field. */
export function CouponForm({ initial, title, pending, error, onSubmit, onCancel }: {
  initial: CouponDraft; title: string; pending: boolean; error: unknown; onSubmit: (p: CouponPayload) => void; onCancel?: () => void;
}) {
  const [d, setD] = useState(initial);
  const set = (k: keyof CouponDraft) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });
  const submit = (e: FormEvent) => { e.preventDefault(); onSubmit(buildCouponPayload(d)); };
  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded-lg bg-white p-4 shadow-sm" aria-labelledby="coupon-form-title">
      <h2 id="coupon-form-title" className="font-semibold">{title}</h2>
      <FormError error={error} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={translate('coupons.code')} name="code" value={d.code} onChange={set('code')} error={error} autoCapitalize="characters" />
        <SelectField label={translate('coupons.type')} name="type" value={d.type} onChange={(e) => setD({ ...d, type: e.target.value as CouponType })} error={error}>
          {(['percentage', 'fixed', 'free_shipping'] as const).map((t) => <option key={t} value={t}>{translate(`coupons.type.${t}`)}</option>)}
        </SelectField>
        {d.type !== 'free_shipping' && (
          <TextField label={translate('coupons.value')} name="value" inputMode="numeric" value={d.value} onChange={set('value')} error={error}
            hint={d.type === 'percentage' ? translate('coupons.valueHintPercentage') : translate('coupons.valueHintFixed')} />
        )}
        <TextField label={translate('coupons.minSubtotal')} name="min_subtotal" inputMode="numeric" value={d.min_subtotal} onChange={set('min_subtotal')} error={error} />
        <TextField label={translate('coupons.startsAt')} name="starts_at" type="date" value={d.starts_at} onChange={set('starts_at')} error={error} />
        <TextField label={translate('coupons.endsAt')} name="ends_at" type="date" value={d.ends_at} onChange={set('ends_at')} error={error} />
        <TextField label={translate('coupons.usageLimit')} name="usage_limit" inputMode="numeric" value={d.usage_limit} onChange={set('usage_limit')} error={error} />
        <TextField label={translate('coupons.perCustomer')} name="usage_limit_per_customer" inputMode="numeric" value={d.usage_limit_per_customer} onChange={set('usage_limit_per_customer')} error={error} />
      </div>
      <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="is_active" checked={d.is_active} onChange={(e) => setD({ ...d, is_active: e.target.checked })} /> {translate('common.active')}</label>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>{pending ? translate('common.saving') : translate('common.save')}</Button>
        {onCancel && <Button variant="secondary" onClick={onCancel}>{translate('common.cancel')}</Button>}
      </div>
    </form>
  );
}
