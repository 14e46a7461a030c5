import { Link, useParams } from 'react-router';
import { useOrder } from '../api/get-order';
import { ErrorState, Skeleton } from '../../../components/States';
import { formatMoney } from '../../../lib/format';
import { translate } from '../../../lib/i18n';

export default function ConfirmationPage() {
  const { id = '' } = useParams();
  const order = useOrder(id);
  if (order.isError) return <div className="mx-auto max-w-2xl px-4 py-10"><ErrorState error={order.error} /></div>;
  if (!order.data) return <div className="mx-auto max-w-2xl px-4 py-10"><Skeleton className="h-40" /></div>;
  const o = order.data;
  return (
    <div className="mx-auto max-w-2xl px-4 py-10 text-center">
      <h1 className="text-3xl font-bold">{translate('confirm.title')}</h1>
      <p className="mt-4">{translate('confirm.number')}</p>
      <p className="mt-1 text-2xl font-bold tracking-wide" data-testid="order-number">{o.order_number}</p>
      <p className="mt-2 text-lg">{translate('cart.total')}: {formatMoney(o.total_amount, o.currency)}</p>
      {o.payment_method === 'manual' && o.payment_status === 'pending' && (
        <p className="mt-4 rounded bg-slate-50 p-4 text-left text-sm">{translate('confirm.manual')}</p>
      )}
      <Link to={`/cuenta/pedidos/${o.id}`} className="mt-6 inline-block rounded-md bg-indigo-700 px-6 py-3 font-semibold text-white">{translate('confirm.viewOrder')}</Link>
    </div>
  );
}
