import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useCart } from '../api/get-cart';
import { setCartDrawerOpen, useCartDrawerOpen } from './cart-drawer-store';
import { CartLines } from './CartLines';
import { CartTotals } from './CartTotals';
import { canCheckout } from '../lib/cart-logic';
import { translate } from '../../../lib/i18n';

/** The cart sliding in from the right; Escape or the backdrop closes it and focus returns. */
export function CartDrawer() {
  const open = useCartDrawerOpen();
  const cart = useCart();
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement as HTMLElement | null;
    panel.current?.focus();
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') setCartDrawerOpen(false); };
    document.addEventListener('keydown', onKey);
    return () => { document.removeEventListener('keydown', onKey); previous?.focus(); };
  }, [open]);
  if (!open) return null;
  const close = () => setCartDrawerOpen(false);
  return (
    <div className="fixed inset-0 z-50">
      <div className="absolute inset-0 bg-black/40" onClick={close} aria-hidden="true" />
      <div ref={panel} tabIndex={-1} role="dialog" aria-modal="true" aria-labelledby="cart-drawer-title"
        className="absolute right-0 top-0 flex h-full w-full max-w-md flex-col bg-white shadow-xl focus:outline-none">
        <div className="flex items-center justify-between border-b border-slate-200 p-4">
          <h2 id="cart-drawer-title" className="text-lg font-bold">{translate('cart.title')}</h2>
          <button type="button" onClick={close} className="rounded p-2 text-2xl leading-none" aria-label={translate('common.close')}>×</button>
        </div>
        <div className="flex-1 overflow-y-auto px-4">
          {cart.data && cart.data.items.length > 0 ? <CartLines cart={cart.data} compact /> : <p className="py-8 text-center text-slate-600">{translate('cart.empty')}</p>}
        </div>
        {cart.data && cart.data.items.length > 0 && (
          <div className="space-y-3 border-t border-slate-200 p-4">
            <CartTotals cart={cart.data} />
            <div className="flex gap-2">
              <Link to="/carro" onClick={close} className="flex-1 rounded-md border border-slate-300 px-4 py-2 text-center text-sm font-semibold">{translate('cart.viewCart')}</Link>
              {canCheckout(cart.data) && (
                <Link to="/checkout" onClick={close} className="flex-1 rounded-md bg-indigo-700 px-4 py-2 text-center text-sm font-semibold text-white">{translate('cart.checkout')}</Link>
              )}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
