import { Link } from 'react-router';
import type { Cart } from '../../../lib/types';
import { useUpdateCartItem } from '../api/update-cart-item';
import { useRemoveCartItem } from '../api/remove-cart-item';
import { quantityOptions, warningText } from '../lib/cart-logic';
import { formatMoney } from '../../../lib/format';
import { translate } from '../../../lib/i18n';
import { FormError } from '../../../components/FormError';

/** The editable lines of a cart (drawer and page). */
export function CartLines({ cart, compact = false }: { cart: Cart; compact?: boolean }) {
  const update = useUpdateCartItem();
  const remove = useRemoveCartItem();
  return (
    <div>
      <FormError error={update.error ?? remove.error} />
      <ul className="divide-y divide-slate-200">
        {cart.items.map((item) => (
          <li key={item.id} className="flex gap-3 py-3" data-testid="cart-line">
            <img src={item.image_url ?? '/media/placeholder/0-0.svg'} alt="" width={compact ? 64 : 96} height={compact ? 64 : 96}
              loading="lazy" className="shrink-0 rounded bg-slate-100 object-cover" />
            <div className="min-w-0 flex-1">
              <Link to={`/producto/${item.slug}`} className="block truncate font-medium hover:underline">{item.name}</Link>
              {item.variant_name && <p className="text-sm text-slate-600">{item.variant_name}</p>}
              <p className="text-sm">{formatMoney(item.unit_price, cart.currency)}</p>
              {item.warnings.map((w) => (
                <p key={w} role="status" className="text-sm font-medium text-amber-800">{warningText(w, item)}</p>
              ))}
              <div className="mt-1 flex items-center gap-3">
                <label className="text-sm">
                  <span className="sr-only">{translate('product.quantity')} {item.name}</span>
                  <select value={item.quantity} disabled={update.isPending}
                    onChange={(e) => update.mutate({ id: item.id, quantity: Number(e.target.value) })}
                    className="rounded border border-slate-300 px-2 py-1">
                    {quantityOptions(item).map((n) => <option key={n} value={n}>{n}</option>)}
                  </select>
                </label>
                <button type="button" onClick={() => remove.mutate(item.id)} className="text-sm text-red-700 underline">
                  {translate('cart.remove')}<span className="sr-only"> {item.name}</span>
                </button>
              </div>
            </div>
            <p className="shrink-0 font-semibold">{formatMoney(item.line_total, cart.currency)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
