import { Link, useParams } from 'react-router';
import { useOrder } from '../api/get-order';
import { useCancelOrder } from '../api/cancel-order';
import { StatusTimeline, statusLabel } from './StatusTimeline';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { ErrorState, Skeleton } from '../../../components/States';
import { formatDate, formatMoney } from '../../../lib/format';
import { translate, type MessageKey } from '../../../lib/i18n';
import { useLiveStatus } from '../../../lib/use-live-events';
import type { OrderDetail } from '../../../lib/types';

export default function OrderDetailPage() {
  const { id = '' } = useParams();
  const order = useOrder(id);
  if (order.isError) return <ErrorState error={order.error} onRetry={() => order.refetch()} />;
  if (!order.data) return <Skeleton className="h-64" />;
  return <OrderView order={order.data} />;
}

function OrderView({ order: o }: { order: OrderDetail }) {
  const cancel = useCancelOrder(o.id);
  const cancellable = o.status === 'pending' || o.status === 'confirmed';
  const a = o.shipping_address;
  return (
    <section aria-labelledby="order-title" className="space-y-6">
      <div>
        <Link to="/cuenta/pedidos" className="text-sm text-indigo-700 underline">← {translate('account.orders')}</Link>
        <h2 id="order-title" className="mt-2 text-xl font-semibold">{translate('orders.number')} {o.order_number}</h2>
        {/* Announced when the status or tracking number changes while the page is open (live updates). */}
        <div aria-live="polite" aria-atomic="true">
          <p className="text-sm text-slate-700">{formatDate(o.created_at)} · <span data-testid="order-status">{statusLabel(o.status)}</span> · {translate(`payment.${o.payment_status}` as MessageKey)}</p>
          {o.tracking_number && <p className="text-sm">{translate('orders.tracking')}: <strong>{o.tracking_number}</strong></p>}
        </div>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <div>
          <div className="mb-2 flex flex-wrap items-center gap-2">
            <h3 className="font-semibold">{translate('orders.timeline')}</h3>
            <LiveBadge />
          </div>
          <StatusTimeline status={o.status} history={o.status_history} />
        </div>
        {a && (
          <div>
            <h3 className="mb-2 font-semibold">{translate('orders.shippingAddress')}</h3>
            <address className="text-sm not-italic">
              {a.recipient_name}<br />{a.street} {a.number}{a.apartment ? `, ${a.apartment}` : ''}<br />{a.comuna}, {a.city}<br />{a.region}
            </address>
          </div>
        )}
      </div>
      <div>
        <h3 className="mb-2 font-semibold">{translate('orders.items')}</h3>
        <ul className="divide-y divide-slate-200 text-sm">
          {o.items.map((i) => (
            <li key={i.id} className="flex justify-between gap-3 py-2">
              <span>{i.quantity} × {i.name}{i.variant_name ? ` (${i.variant_name})` : ''}</span>
              <span>{formatMoney(i.line_total, o.currency)}</span>
            </li>
          ))}
        </ul>
        <dl className="mt-3 space-y-1 text-sm">
          <div className="flex justify-between"><dt>{translate('cart.subtotal')}</dt><dd>{formatMoney(o.subtotal, o.currency)}</dd></div>
          {o.discount_amount > 0 && <div className="flex justify-between"><dt>{translate('cart.discount')}</dt><dd>-{formatMoney(o.discount_amount, o.currency)}</dd></div>}
          <div className="flex justify-between"><dt>{translate('cart.shipping')}</dt><dd>{formatMoney(o.shipping_amount, o.currency)}</dd></div>
          <div className="flex justify-between font-bold"><dt>{translate('cart.total')}</dt><dd>{formatMoney(o.total_amount, o.currency)}</dd></div>
        </dl>
      </div>
      {cancellable && (
        <div>
          <FormError error={cancel.error} />
          <Button variant="danger" disabled={cancel.isPending} onClick={() => { if (window.confirm(translate('orders.cancelConfirm'))) cancel.mutate(); }}>
            {translate('orders.cancel')}
          </Button>
        </div>
      )}
    </section>
  );
}

/** Says whether the page follows the order live (the stream is open) or is reconnecting. */
function LiveBadge() {
  const status = useLiveStatus();
  if (status === 'live') {
    return (
      <span data-testid="live-badge" className="inline-flex items-center gap-1.5 rounded-full bg-green-50 px-2 py-0.5 text-xs font-semibold text-green-800 ring-1 ring-green-200">
        <span aria-hidden="true" className="h-2 w-2 rounded-full bg-green-600 motion-safe:animate-pulse" />
        {translate('orders.live')}
        <span className="sr-only">: {translate('orders.liveHint')}</span>
      </span>
    );
  }
  if (status === 'retrying') {
    return (
      <span data-testid="live-badge" className="inline-flex items-center gap-1.5 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-amber-200">
        <span aria-hidden="true" className="h-2 w-2 rounded-full bg-amber-500" />
        {translate('orders.reconnecting')}
        <span className="sr-only">: {translate('orders.reconnectingHint')}</span>
      </span>
    );
  }
  return null;
}
