import { Link } from 'react-router';
import { useCart } from '../api/get-cart';
import { CartLines } from './CartLines';
import { CartTotals } from './CartTotals';
import { CouponForm } from './CouponForm';
import { canCheckout } from '../lib/cart-logic';
import { translate } from '../../../lib/i18n';
import { EmptyState, ErrorState, Skeleton } from '../../../components/States';

export default function CartPage() {
  const cart = useCart();
  return (
    <div className="mx-auto max-w-5xl px-4 py-6">
      <h1 className="mb-4 text-2xl font-bold">{translate('cart.title')}</h1>
      {cart.isPending ? <Skeleton className="h-48 w-full" />
        : cart.isError ? <ErrorState error={cart.error} onRetry={() => cart.refetch()} />
        : cart.data.items.length === 0 ? (
          <EmptyState title={translate('cart.empty')}>
            <Link to="/" className="text-indigo-700 underline">{translate('cart.continue')}</Link>
          </EmptyState>
        ) : (
          <div className="grid gap-6 md:grid-cols-3">
            <section className="md:col-span-2" aria-label={translate('cart.items', { n: cart.data.item_count })}>
              <CartLines cart={cart.data} />
            </section>
            <aside className="space-y-4 rounded-lg border border-slate-200 p-4">
              <CouponForm cart={cart.data} />
              <CartTotals cart={cart.data} />
              {canCheckout(cart.data) ? (
                <Link to="/checkout" className="block rounded-md bg-indigo-700 px-4 py-3 text-center font-semibold text-white">{translate('cart.checkout')}</Link>
              ) : null}
              <Link to="/" className="block text-center text-sm text-indigo-700 underline">{translate('cart.continue')}</Link>
            </aside>
          </div>
        )}
    </div>
  );
}
