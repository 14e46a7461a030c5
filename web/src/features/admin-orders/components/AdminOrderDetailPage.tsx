import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useAdminOrder, type AdminOrder } from '../api/get-admin-order';
import { useSetOrderStatus } from '../api/set-order-status';
import { useMarkOrderPaid } from '../api/mark-order-paid';
import { newIdempotencyKey, useRefundOrder } from '../api/refund-order';
import { TextField } from '../../../components/Field';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { ErrorState, Skeleton } from '../../../components/States';
import { hasRole } from '../../../lib/session';
import { useSession } from '../../../lib/use-session';
import { formatDateTime, formatMoney } from '../../../lib/format';
import { translate, type MessageKey } from '../../../lib/i18n';
import type { Address, Payment } from '../../../lib/types';

const status = (s: string) => translate(`status.${s}` as MessageKey);

export default function AdminOrderDetailPage() {
  const { id = '' } = useParams();
  const order = useAdminOrder(id);
  if (order.isError) return <ErrorState error={order.error} onRetry={() => order.refetch()} />;
  if (!order.data) return <Skeleton className="h-96" />;
  return <AdminOrderView order={order.data} />;
}

function AddressBlock({ title, a }: { title: string; a: Address | null }) {
  if (!a) return null;
  return (
    <div>
      <h3 className="font-semibold">{title}</h3>
      <address className="text-sm not-italic">{a.recipient_name}<br />{a.street} {a.number}{a.apartment ? `, ${a.apartment}` : ''}<br />{a.comuna}, {a.city}<br />{a.region}{a.phone ? <><br />{a.phone}</> : null}</address>
    </div>
  );
}

/** What the provider answered for one payment row: authorization, card, type, installments, its status word. */
function PaymentDetails({ p }: { p: Payment }) {
  const parts = [
    p.provider_status && `${translate('admin.providerStatus')}: ${p.provider_status}`,
    p.authorization_code && `${translate('admin.authorization')}: ${p.authorization_code}`,
    p.card_last4 && `${translate('admin.card')}: •••• ${p.card_last4}`,
    p.payment_type && `${translate('admin.paymentType')}: ${p.payment_type}`,
    p.installments && `${translate('admin.installments')}: ${p.installments}`,
    (p.failure_message || p.failure_code) && `${translate('admin.failure')}: ${p.failure_message ?? p.failure_code}`,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return <span className="block text-xs text-slate-600">{parts.join(' · ')}</span>;
}

/** The provider's answer to the refund just made. */
function RefundAnswer({ order }: { order: AdminOrder }) {
  const last = [...order.payments].reverse().find((p) => p.kind === 'refund');
  if (!last) return null;
  return (
    <p role="status" className="rounded bg-green-50 p-2 text-sm text-green-900" data-testid="refund-answer">
      {translate('admin.refundDone', { amount: formatMoney(last.amount, order.currency) })}
      {last.provider_status ? ` · ${last.provider_status}` : ''}{last.reference ? ` · ${last.reference}` : ''}
    </p>
  );
}

function AdminOrderView({ order: o }: { order: AdminOrder }) {
  const s = useSession();
  const canChange = hasRole(s?.user.role, 'admin');
  const setStatus = useSetOrderStatus(o.id);
  const markPaid = useMarkOrderPaid(o.id);
  const refund = useRefundOrder(o.id);
  const [tracking, setTracking] = useState(o.tracking_number ?? '');
  const [note, setNote] = useState('');
  const [reference, setReference] = useState('');
  const [refundAmount, setRefundAmount] = useState('');
  const [refundReason, setRefundReason] = useState('');
  const [refundKey, setRefundKey] = useState(newIdempotencyKey);
  const canMarkPaid = canChange && o.payment_status === 'pending' && (o.payment_method === 'manual' || o.payment_method === 'cod') && o.status !== 'cancelled';
  const canRefund = canChange && (o.payment_status === 'paid' || o.payment_status === 'partially_refunded');

  const move = (to: string) => setStatus.mutate({
    status: to, tracking_number: to === 'shipped' && tracking.trim() ? tracking.trim() : undefined, note: note.trim() || undefined,
  }, { onSuccess: () => setNote('') });
  const doRefund = (e: FormEvent) => {
    e.preventDefault();
    refund.mutate({ amount: refundAmount ? Number(refundAmount) : undefined, reason: refundReason || undefined, key: refundKey },
      { onSuccess: () => { setRefundKey(newIdempotencyKey()); setRefundAmount(''); setRefundReason(''); } });
  };

  return (
    <section className="space-y-6">
      <div>
        <Link to="/admin/pedidos" className="text-sm text-indigo-700 underline">← {translate('admin.orders')}</Link>
        <h1 className="mt-2 text-2xl font-bold">{translate('orders.number')} {o.order_number}</h1>
        <p className="text-sm text-slate-700">
          {o.customer_email} · {formatDateTime(o.created_at)} · <strong data-testid="admin-order-status">{status(o.status)}</strong> · <span data-testid="admin-payment-status">{translate(`payment.${o.payment_status}` as MessageKey)}</span> ({o.payment_method})
        </p>
        {o.tracking_number && <p className="text-sm">{translate('orders.tracking')}: <strong>{o.tracking_number}</strong></p>}
      </div>

      {canChange && (
        <div className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
          <FormError error={setStatus.error ?? markPaid.error} />
          {o.allowed_transitions.length > 0 && (
            <>
              <div className="grid gap-3 sm:grid-cols-2">
                <TextField label={translate('orders.tracking')} name="tracking_number" value={tracking} onChange={(e) => setTracking(e.target.value)} error={setStatus.error} />
                <TextField label={translate('admin.note')} name="note" value={note} onChange={(e) => setNote(e.target.value)} error={setStatus.error} />
              </div>
              <div className="flex flex-wrap gap-2">
                {o.allowed_transitions.map((t) => (
                  <Button key={t} variant={t === 'cancelled' ? 'danger' : 'primary'} disabled={setStatus.isPending} onClick={() => move(t)}>
                    {translate('admin.moveTo', { status: status(t) })}
                  </Button>
                ))}
              </div>
            </>
          )}
          {canMarkPaid && (
            <form className="flex flex-wrap items-end gap-2" onSubmit={(e) => { e.preventDefault(); markPaid.mutate(reference); }}>
              <TextField label={translate('admin.reference')} name="reference" value={reference} onChange={(e) => setReference(e.target.value)} error={markPaid.error} />
              <Button type="submit" disabled={markPaid.isPending}>{translate('admin.markPaid')}</Button>
            </form>
          )}
          {canRefund && (
            <form className="flex flex-wrap items-end gap-2" onSubmit={doRefund}>
              <FormError error={refund.error} />
              <TextField label={translate('admin.refundAmount')} name="amount" type="number" min={1} max={o.total_amount - o.refunded_amount} placeholder={String(o.total_amount - o.refunded_amount)} value={refundAmount} onChange={(e) => setRefundAmount(e.target.value)} error={refund.error} />
              <TextField label={translate('admin.refundReason')} name="reason" value={refundReason} onChange={(e) => setRefundReason(e.target.value)} error={refund.error} />
              <Button type="submit" variant="danger" disabled={refund.isPending}>{translate('admin.refund')}</Button>
              <p className="w-full text-sm text-slate-600">{translate('admin.refundLeft', { amount: formatMoney(o.total_amount - o.refunded_amount, o.currency) })}</p>
            </form>
          )}
          {refund.data && <RefundAnswer order={refund.data} />}
        </div>
      )}

      <div className="grid gap-6 rounded-lg bg-white p-4 shadow-sm md:grid-cols-2">
        <AddressBlock title={translate('orders.shippingAddress')} a={o.shipping_address} />
        <AddressBlock title="Facturación" a={o.billing_address} />
        {o.notes && <p className="text-sm md:col-span-2"><strong>Notas:</strong> {o.notes}</p>}
      </div>

      <div className="overflow-x-auto rounded-lg bg-white p-4 shadow-sm">
        <h2 className="mb-2 font-semibold">{translate('orders.items')}</h2>
        <table className="w-full text-left text-sm">
          <thead><tr className="border-b border-slate-200"><th className="py-1">SKU</th><th>Producto</th><th className="text-right">Cant.</th><th className="text-right">Precio</th><th className="text-right">Total</th></tr></thead>
          <tbody>
            {o.items.map((i) => (
              <tr key={i.id} className="border-b border-slate-100">
                <td className="py-1">{i.sku}</td><td>{i.name}{i.variant_name ? ` (${i.variant_name})` : ''}</td>
                <td className="text-right">{i.quantity}</td><td className="text-right">{formatMoney(i.unit_price, o.currency)}</td><td className="text-right">{formatMoney(i.line_total, o.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="ml-auto mt-3 max-w-xs space-y-1 text-sm">
          <div className="flex justify-between"><dt>{translate('cart.subtotal')}</dt><dd>{formatMoney(o.subtotal, o.currency)}</dd></div>
          <div className="flex justify-between"><dt>{translate('cart.discount')}</dt><dd>-{formatMoney(o.discount_amount, o.currency)}</dd></div>
          <div className="flex justify-between"><dt>{translate('cart.shipping')}</dt><dd>{formatMoney(o.shipping_amount, o.currency)}</dd></div>
          <div className="flex justify-between"><dt>IVA</dt><dd>{formatMoney(o.tax_amount, o.currency)}</dd></div>
          <div className="flex justify-between font-bold"><dt>{translate('cart.total')}</dt><dd>{formatMoney(o.total_amount, o.currency)}</dd></div>
          {o.refunded_amount > 0 && <div className="flex justify-between text-red-700"><dt>{translate('payment.refunded')}</dt><dd>{formatMoney(o.refunded_amount, o.currency)}</dd></div>}
        </dl>
      </div>

      <div className="grid gap-6 md:grid-cols-2">
        <div className="rounded-lg bg-white p-4 shadow-sm">
          <h2 className="mb-2 font-semibold">{translate('admin.payments')}</h2>
          {o.payments.length === 0 ? <p className="text-sm text-slate-600">{translate('admin.noPayments')}</p> : (
            <ul className="space-y-1 text-sm">
              {o.payments.map((p, i) => (
                <li key={p.id ?? i} data-testid="admin-payment">
                  {p.kind === 'refund' ? translate('admin.refundRow') : ''}{p.provider ?? p.method} · {p.status} · {formatMoney(p.amount, o.currency)}{p.reference ? ` · ${p.reference}` : ''}{p.created_at ? ` · ${formatDateTime(p.created_at)}` : ''}
                  <PaymentDetails p={p} />
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="rounded-lg bg-white p-4 shadow-sm">
          <h2 className="mb-2 font-semibold">{translate('admin.history')}</h2>
          <ol className="space-y-2 text-sm" data-testid="admin-history">
            {o.status_history.map((h, i) => (
              <li key={i}>
                <strong>{h.from ? `${status(h.from)} → ` : ''}{status(h.to)}</strong> · {h.by} · {formatDateTime(h.created_at)}
                {h.note && <span className="block text-slate-600">{h.note}</span>}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}
