import type { OrderDetail } from '../../../lib/types';

/** What the payment page shows after the customer came back from the provider. */
export type PaymentOutcome =
  | { kind: 'paid' }
  | { kind: 'failed'; reason: string | null; canRetry: boolean }
  | { kind: 'pending' };

/**
 * Paid once money came in; failed when the order was cancelled (no retry) or its last attempt
 * failed or was cancelled on the provider's page (retry while the stock is held); otherwise
 * still pending (the provider's answer is on its way).
 */
export function paymentOutcome(o: OrderDetail, opts: { cancelled?: boolean; now?: number } = {}): PaymentOutcome {
  if (['paid', 'partially_refunded', 'refunded'].includes(o.payment_status)) return { kind: 'paid' };
  const held = o.status === 'pending' && !!o.reserved_until && Date.parse(o.reserved_until) > (opts.now ?? Date.now());
  if (o.status === 'cancelled') return { kind: 'failed', reason: 'closed', canRetry: false };
  const charges = o.payments.filter((p) => (p.kind ?? 'charge') === 'charge');
  const last = charges[charges.length - 1];
  if (!last) return held ? { kind: 'failed', reason: null, canRetry: true } : { kind: 'pending' };
  if (last.status === 'failed') return { kind: 'failed', reason: last.failure_code ?? null, canRetry: held };
  if (opts.cancelled && last.status === 'pending') return { kind: 'failed', reason: 'cancelled', canRetry: held };
  return { kind: 'pending' };
}
