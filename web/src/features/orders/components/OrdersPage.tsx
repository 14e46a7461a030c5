import { Link, useSearchParams } from 'react-router';
import { useOrders } from '../api/get-orders';
import { statusLabel } from './StatusTimeline';
import { Pagination } from '../../../components/Pagination';
import { EmptyState, ErrorState, Skeleton } from '../../../components/States';
import { formatDate, formatMoney } from '../../../lib/format';
import { translate } from '../../../lib/i18n';

export default function OrdersPage() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const orders = useOrders(page);
  if (orders.isError) return <ErrorState error={orders.error} onRetry={() => orders.refetch()} />;
  return (
    <section aria-labelledby="orders-title">
      <h2 id="orders-title" className="mb-3 text-xl font-semibold">{translate('account.orders')}</h2>
      {orders.isPending ? <Skeleton className="h-40" /> : orders.data.data.length === 0 ? <EmptyState title={translate('orders.empty')} /> : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-700">
              <tr><th className="py-2">{translate('orders.number')}</th><th>{translate('orders.date')}</th><th>{translate('orders.status')}</th><th className="text-right">{translate('orders.total')}</th></tr>
            </thead>
            <tbody>
              {orders.data.data.map((o) => (
                <tr key={o.id} className="border-b border-slate-100" data-testid="order-row">
                  <td className="py-2"><Link to={`/cuenta/pedidos/${o.id}`} className="font-medium text-indigo-700 underline">{o.order_number}</Link></td>
                  <td>{formatDate(o.created_at)}</td>
                  <td>{statusLabel(o.status)}</td>
                  <td className="text-right">{formatMoney(o.total_amount, o.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination page={page} pages={orders.data.pagination.pages} onPage={(p) => setParams({ page: String(p) })} />
        </div>
      )}
    </section>
  );
}
