import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useShippingMethods } from '../api/get-shipping-methods';
import { usePaymentMethods } from '../api/get-payment-methods';
import { placeOrder } from '../api/place-order';
import { buildOrderRequest, OrderKeys, shippingPrice, type CheckoutState } from '../lib/checkout-logic';
import { AddressFields, emptyAddress, toAddressBody } from '../../../components/AddressFields';
import { TextAreaField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { EmptyState, ErrorState, Skeleton } from '../../../components/States';
import { ApiError } from '../../../lib/api-client';
import type { Address, Cart, OrderDetail } from '../../../lib/types';
import { findRegion } from '../../../config/regions';
import { formatMoney } from '../../../lib/format';
import { translate } from '../../../lib/i18n';
import { goToProvider } from '../../../lib/provider-redirect';

const TEST_CARDS = [
  { token: 'tok_visa', label: 'Visa •••• 4242 (aprobada)' },
  { token: 'tok_mastercard', label: 'Mastercard •••• 4444 (aprobada)' },
  { token: 'tok_chargeDeclined', label: 'Tarjeta rechazada' },
];

/** What checkout needs from the cart, the address book and the orders (composed in app/pages/CheckoutPage). */
export interface CheckoutProps {
  cart: { isPending: boolean; data: Cart | undefined };
  addresses: { isPending: boolean; data: { data: Address[] } | undefined };
  /** Saves a new address in the shopper's book (and refreshes the book). */
  saveAddress: (address: Address) => Promise<Address>;
  /** Called with the placed order, before going to the confirmation page. */
  onPlaced: (order: OrderDetail) => void;
  /** Called when placing answers 409 (the cart changed: prices or stock). */
  onCartChanged: () => void;
  /** The coupon form and the totals of the summary. */
  totals: (cart: Cart, shipping: number | null) => ReactNode;
}

/** The checkout form of a signed-in shopper (the route sends others to the login first). */
export function Checkout({ cart, addresses, saveAddress: saveToBook, onPlaced, onCartChanged, totals }: CheckoutProps) {
  const payments = usePaymentMethods();
  const navigate = useNavigate();
  const keys = useRef(new OrderKeys());
  const [saveAddress, setSaveAddress] = useState(true);
  const [state, setState] = useState<CheckoutState>({
    addressId: null, draft: emptyAddress, shippingMethod: '', paymentMethod: 'manual', cardToken: 'tok_visa', notes: '',
  });

  // Every change is applied to the latest state, not to the render the handler came from: a
  // field changed while the shipping methods arrive must not undo the method chosen for them
  // (that left "Confirmar pedido" disabled, seen once in the browser suite).
  const patch = (change: Partial<CheckoutState>) => setState((st) => ({ ...st, ...change }));

  // Start from the default saved address, or a new one when the book is empty.
  useEffect(() => {
    if (state.addressId !== null || !addresses.data) return;
    const list = addresses.data.data;
    const preferred = list.find((a) => a.is_default_shipping) ?? list[0];
    setState((st) => ({ ...st, addressId: preferred?.id ?? 'new' }));
  }, [addresses.data, state.addressId]);

  const selected = typeof state.addressId === 'number' ? addresses.data?.data.find((a) => a.id === state.addressId) : undefined;
  const regionCode = selected ? findRegion(selected.region)?.code : findRegion(state.draft.region)?.code;
  const methods = useShippingMethods(regionCode);

  useEffect(() => {
    const list = methods.data?.data;
    if (!list?.length) return;
    if (!list.some((m) => m.code === state.shippingMethod)) {
      const preferred = list.find((m) => m.code === 'standard') ?? list.find((m) => !m.is_pickup) ?? list[0];
      setState((st) => ({ ...st, shippingMethod: preferred.code }));
    }
  }, [methods.data, state.shippingMethod]);

  // The storefront offers what a customer can use: card tokens are for API clients, except the
  // demo store's sandbox (labelled as a demo).
  const offered = payments.data?.data.filter((p) => !p.requires_token || p.test_mode) ?? [];
  const chosen = offered.find((p) => p.code === state.paymentMethod);
  const order = useMutation({
    mutationFn: async () => {
      let current = state;
      if (state.addressId === 'new' && saveAddress) {
        const saved = await saveToBook(toAddressBody(state.draft));
        current = { ...state, addressId: saved.id! };
        setState(current);
      }
      const body = buildOrderRequest(current);
      return placeOrder(body, keys.current.keyFor(body));
    },
    onSuccess: (o) => {
      onPlaced(o);
      // Paid on the provider's page: the browser goes there and comes back to the payment page.
      if (o.next_action?.type === 'redirect') goToProvider(o.next_action);
      else if (chosen?.redirect) navigate(`/cuenta/pedidos/${o.id}/pago`, { replace: true });
      else navigate(`/pedido-confirmado/${o.id}`, { replace: true });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) onCartChanged();
    },
  });

  if (cart.isPending) return <div className="mx-auto max-w-5xl px-4 py-6"><Skeleton className="h-96" /></div>;
  if (!cart.data || cart.data.items.length === 0) {
    return <div className="mx-auto max-w-5xl px-4 py-6"><EmptyState title={translate('cart.empty')}><Link to="/" className="text-indigo-700 underline">{translate('cart.continue')}</Link></EmptyState></div>;
  }
  const c = cart.data;
  const method = methods.data?.data.find((m) => m.code === state.shippingMethod);
  const shipping = method ? shippingPrice(method, c.subtotal - c.discount_amount) : undefined;
  const err = order.error;
  const conflict = err instanceof ApiError && err.status === 409
    ? (err.slug === 'price_changed' ? translate('checkout.priceChanged') : err.slug === 'insufficient_stock' ? translate('checkout.insufficientStock') : null) : null;

  const submit = (e: FormEvent) => { e.preventDefault(); if (!order.isPending) order.mutate(); };

  return (
    <div className="mx-auto max-w-6xl px-4 py-6">
      <h1 className="mb-4 text-2xl font-bold">{translate('checkout.title')}</h1>
      <form onSubmit={submit} className="grid gap-6 md:grid-cols-3" noValidate>
        <div className="space-y-6 md:col-span-2">
          <FormError error={err} />
          {conflict && <p role="alert" className="rounded bg-amber-50 p-3 text-amber-900">{conflict} <Link to="/carro" className="underline">{translate('cart.viewCart')}</Link></p>}

          <fieldset className="rounded-lg border border-slate-200 p-4">
            <legend className="px-1 text-lg font-semibold">{translate('checkout.address')}</legend>
            {addresses.isPending ? <Skeleton className="h-24" /> : (
              <div className="space-y-2">
                {addresses.data?.data.map((a) => (
                  <label key={a.id} className="flex gap-2 rounded border border-slate-200 p-3 has-[:checked]:border-indigo-700">
                    <input type="radio" name="address" checked={state.addressId === a.id} onChange={() => patch({ addressId: a.id! })} />
                    <span className="text-sm">
                      <strong>{a.label ?? a.recipient_name}</strong><br />
                      {a.street} {a.number}{a.apartment ? `, ${a.apartment}` : ''}, {a.comuna}, {a.region}
                    </span>
                  </label>
                ))}
                <label className="flex gap-2 rounded border border-slate-200 p-3 has-[:checked]:border-indigo-700">
                  <input type="radio" name="address" checked={state.addressId === 'new'} onChange={() => patch({ addressId: 'new' })} />
                  <span className="text-sm font-semibold">{translate('checkout.newAddress')}</span>
                </label>
                {state.addressId === 'new' && (
                  <div className="pt-2">
                    <AddressFields value={state.draft} onChange={(draft) => patch({ draft })} error={err} prefix={saveAddress ? '' : 'shipping_address.'} />
                    <label className="mt-3 flex items-center gap-2 text-sm">
                      <input type="checkbox" checked={saveAddress} onChange={(e) => setSaveAddress(e.target.checked)} />
                      {translate('checkout.saveAddress')}
                    </label>
                  </div>
                )}
              </div>
            )}
          </fieldset>

          <fieldset className="rounded-lg border border-slate-200 p-4">
            <legend className="px-1 text-lg font-semibold">{translate('checkout.shippingMethod')}</legend>
            {!regionCode ? <p className="text-sm text-slate-600">{translate('address.chooseRegion')}</p>
              : methods.isPending ? <Skeleton className="h-16" />
              : methods.isError ? <ErrorState error={methods.error} onRetry={() => methods.refetch()} />
              : (
                <div className="space-y-2">
                  {methods.data?.data.map((m) => (
                    <label key={m.code} className="flex items-center gap-2 rounded border border-slate-200 p-3 has-[:checked]:border-indigo-700">
                      <input type="radio" name="shipping_method" value={m.code} checked={state.shippingMethod === m.code}
                        onChange={() => patch({ shippingMethod: m.code })} />
                      <span className="flex-1 text-sm"><strong>{m.name}</strong> — {m.description ?? translate('checkout.days', { min: m.min_days, max: m.max_days })}</span>
                      <span className="text-sm font-semibold">{shippingPrice(m, c.subtotal - c.discount_amount) === 0 ? translate('cart.shippingFree') : formatMoney(shippingPrice(m, c.subtotal - c.discount_amount))}</span>
                    </label>
                  ))}
                </div>
              )}
          </fieldset>

          <fieldset className="rounded-lg border border-slate-200 p-4">
            <legend className="px-1 text-lg font-semibold">{translate('checkout.payment')}</legend>
            <div className="space-y-2">
              {offered.map((p) => (
                <label key={p.code} className="flex items-center gap-2 rounded border border-slate-200 p-3 has-[:checked]:border-indigo-700">
                  <input type="radio" name="payment_method" value={p.code} checked={state.paymentMethod === p.code}
                    onChange={() => patch({ paymentMethod: p.code })} />
                  <span className="text-sm">{p.label}</span>
                  {p.test_mode && <span className="ml-auto rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{translate('checkout.demo')}</span>}
                </label>
              ))}
              {chosen?.redirect && <p className="text-sm text-slate-600">{translate('checkout.redirectNote')}</p>}
              {state.paymentMethod === 'sandbox' && (
                <label className="block text-sm">
                  {translate('checkout.cardToken')}
                  <select name="payment_token" value={state.cardToken} onChange={(e) => patch({ cardToken: e.target.value })}
                    className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2">
                    {TEST_CARDS.map((card) => <option key={card.token} value={card.token}>{card.label}</option>)}
                  </select>
                </label>
              )}
            </div>
          </fieldset>

          <TextAreaField label={translate('checkout.notes')} name="notes" rows={2} value={state.notes} onChange={(e) => patch({ notes: e.target.value })} error={err} />
        </div>

        <aside className="h-fit space-y-4 rounded-lg border border-slate-200 p-4 md:sticky md:top-4">
          <h2 className="text-lg font-semibold">{translate('checkout.summary')}</h2>
          <ul className="space-y-1 text-sm">
            {c.items.map((i) => (
              <li key={i.id} className="flex justify-between gap-2">
                <span>{i.quantity} × {i.name}{i.variant_name ? ` (${i.variant_name})` : ''}</span>
                <span>{formatMoney(i.line_total, c.currency)}</span>
              </li>
            ))}
          </ul>
          {totals(c, shipping ?? null)}
          <Button type="submit" className="w-full py-3 text-base" disabled={order.isPending || !state.shippingMethod}>
            {order.isPending ? translate('checkout.placing') : translate('checkout.place')}
          </Button>
        </aside>
      </form>
    </div>
  );
}
