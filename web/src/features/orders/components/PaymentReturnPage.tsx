import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { getOrder } from '../api/get-order';
import { orderKeys } from '../api/query-keys';
import { usePayOrder } from '../api/pay-order';
import { paymentOutcome } from '../lib/payment-outcome';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { ErrorState, Skeleton } from '../../../components/States';
import { formatMoney } from '../../../lib/format';
import { translate } from '../../../lib/i18n';
import { goToProvider } from '../../../lib/provider-redirect';

/**
 * Where the customer lands after paying on the provider's page (Webpay, Stripe Checkout): paid,
 * failed (with a retry on the same order while its stock is held) or still pending, refreshed
 * every 2 s until the provider's answer arrives.
 */
export default function PaymentReturnPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const cancelled = params.get('cancelled') === '1';
  const order = useQuery({
    queryKey: orderKeys.detail(id),
    queryFn: () => getOrder(id),
    refetchInterval: (q) => (q.state.data && paymentOutcome(q.state.data, { cancelled }).kind === 'pending' ? 2000 : false),
  });
  const pay = usePayOrder(id);
  if (order.isError) return <div className="mx-auto max-w-2xl px-4 py-10"><ErrorState error={order.error} /></div>;
  if (!order.data) return <div className="mx-auto max-w-2xl px-4 py-10"><Skeleton className="h-40" /></div>;
  const o = order.data;
  const outcome = paymentOutcome(o, { cancelled });
  const retry = () => pay.mutate(undefined, {
    onSuccess: (next) => { if (next.next_action?.type === 'redirect') goToProvider(next.next_action); },
  });
  return (
    <div className="mx-auto max-w-2xl px-4 py-10 text-center" data-testid="payment-outcome" data-outcome={outcome.kind}>
      <p className="text-sm text-slate-600">{translate('pay.order', { number: o.order_number })} · {formatMoney(o.total_amount, o.currency)}</p>
      {outcome.kind === 'paid' && (
        <>
          <h1 className="mt-2 text-3xl font-bold text-green-800">{translate('pay.paid')}</h1>
          <p className="mt-3">{translate('pay.paidText')}</p>
        </>
      )}
      {outcome.kind === 'pending' && (
        <>
          <h1 className="mt-2 text-3xl font-bold" aria-live="polite">{translate('pay.pending')}</h1>
          <p className="mt-3">{translate('pay.pendingText')}</p>
        </>
      )}
      {outcome.kind === 'failed' && (
        <>
          <div role="alert">
            <h1 className="mt-2 text-3xl font-bold text-red-800">{translate('pay.failed')}</h1>
            <p className="mt-3">{outcome.canRetry ? translate('pay.retryText') : translate('pay.closedText')}</p>
          </div>
          <FormError error={pay.error} />
          {outcome.canRetry && (
            <Button className="mt-4 px-6 py-3" onClick={retry} disabled={pay.isPending}>
              {pay.isPending ? translate('checkout.placing') : translate('pay.retry')}
            </Button>
          )}
        </>
      )}
      <Link to={`/cuenta/pedidos/${o.id}`} className="mt-6 block text-indigo-700 underline">{translate('confirm.viewOrder')}</Link>
    </div>
  );
}
