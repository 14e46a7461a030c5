import type { Cart } from '../../../lib/types';
import { formatMoney } from '../../../lib/format';
import { translate } from '../../../lib/i18n';

export function CartTotals({ cart, shipping }: { cart: Cart; shipping?: number | null }) {
  const ship = shipping ?? cart.shipping_estimate?.amount ?? null;
  const total = shipping !== undefined && shipping !== null ? cart.subtotal - cart.discount_amount + shipping : cart.total_amount;
  return (
    <div>
    <dl className="space-y-1 text-sm">
      <div className="flex justify-between"><dt>{translate('cart.subtotal')}</dt><dd>{formatMoney(cart.subtotal, cart.currency)}</dd></div>
      {cart.discount_amount > 0 && (
        <div className="flex justify-between text-green-800"><dt>{translate('cart.discount')}{cart.coupon ? ` (${cart.coupon.code})` : ''}</dt><dd>-{formatMoney(cart.discount_amount, cart.currency)}</dd></div>
      )}
      {ship !== null && (
        <div className="flex justify-between"><dt>{translate('cart.shipping')}{cart.shipping_estimate && shipping === undefined ? ` (${cart.shipping_estimate.name})` : ''}</dt>
          <dd>{ship === 0 ? translate('cart.shippingFree') : formatMoney(ship, cart.currency)}</dd></div>
      )}
      <div className="flex justify-between border-t border-slate-200 pt-2 text-base font-bold"><dt>{translate('cart.total')}</dt><dd data-testid="cart-total">{formatMoney(total, cart.currency)}</dd></div>
    </dl>
    <p className="mt-1 text-xs text-slate-600">{translate('cart.tax')}</p>
    </div>
  );
}
