import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAdminOrders } from '../api/list-admin-orders';
import { Pagination } from '../../../components/Pagination';
import { EmptyState, ErrorState, Skeleton } from '../../../components/States';
import { formatDate, formatMoney } from '../../../lib/format';
import { translate, type MessageKey } from '../../../lib/i18n';

const STATUSES = ['pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded'];
const PAYMENTS = ['pending', 'paid', 'failed', 'refunded', 'partially_refunded'];

export default function AdminOrdersPage() {
  const [params, setParams] = useSearchParams();
  const filters = {
    status: params.get('status') ?? '', payment_status: params.get('payment_status') ?? '',
    from: params.get('from') ?? '', to: params.get('to') ?? '', q: params.get('q') ?? '',
  };
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState(filters);
  const orders = useAdminOrders({ ...filters, page });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    Object.entries(draft).forEach(([k, v]) => { if (v) next.set(k, v); });
    setParams(next);
  };
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const input = 'mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5';
  return (
    <section>
      <h1 className="mb-4 text-2xl font-bold">{translate('admin.orders')}</h1>
      <form onSubmit={apply} className="mb-4 grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-6" aria-label={translate('admin.filter')}>
        <label className="text-sm lg:col-span-2">{translate('admin.search')}<input name="q" value={draft.q} onChange={set('q')} className={input} /></label>
        <label className="text-sm">{translate('orders.status')}
          <select name="status" value={draft.status} onChange={set('status')} className={input}>
            <option value="">{translate('admin.allStatuses')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{translate(`status.${s}` as MessageKey)}</option>)}
          </select>
        </label>
        <label className="text-sm">{translate('orders.payment')}
          <select name="payment_status" value={draft.payment_status} onChange={set('payment_status')} className={input}>
            <option value="">{translate('admin.allPayments')}</option>
            {PAYMENTS.map((s) => <option key={s} value={s}>{translate(`payment.${s}` as MessageKey)}</option>)}
          </select>
        </label>
        <label className="text-sm">{translate('admin.from')}<input type="date" name="from" value={draft.from} onChange={set('from')} className={input} /></label>
        <label className="text-sm">{translate('admin.to')}<input type="date" name="to" value={draft.to} onChange={set('to')} className={input} /></label>
        <div className="sm:col-span-3 lg:col-span-6"><button type="submit" className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white">{translate('admin.filter')}</button></div>
      </form>
      {orders.isError ? <ErrorState error={orders.error} onRetry={() => orders.refetch()} />
        : orders.isPending ? <Skeleton className="h-64" />
        : orders.data.data.length === 0 ? <EmptyState title={translate('admin.noOrders')} />
        : (
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 bg-slate-100 text-slate-800">
                <tr>
                  <th className="px-3 py-2">{translate('orders.number')}</th><th className="px-3">{translate('orders.date')}</th>
                  <th className="px-3">{translate('admin.customer')}</th><th className="px-3">{translate('orders.status')}</th>
                  <th className="px-3">{translate('orders.payment')}</th><th className="px-3 text-right">{translate('orders.total')}</th>
                </tr>
              </thead>
              <tbody>
                {orders.data.data.map((o) => (
                  <tr key={o.id} className="border-b border-slate-100" data-testid="admin-order-row">
                    <td className="px-3 py-2"><Link to={`/admin/pedidos/${o.id}`} className="font-medium text-indigo-700 underline">{o.order_number}</Link></td>
                    <td className="px-3">{formatDate(o.created_at)}</td>
                    <td className="px-3">{o.customer_email}</td>
                    <td className="px-3">{translate(`status.${o.status}` as MessageKey)}</td>
                    <td className="px-3">{translate(`payment.${o.payment_status}` as MessageKey)} · {o.payment_method}</td>
                    <td className="px-3 text-right">{formatMoney(o.total_amount, o.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pagination page={page} pages={orders.data.pagination.pages} onPage={(p) => { const n = new URLSearchParams(params); n.set('page', String(p)); setParams(n); }} />
          </div>
        )}
    </section>
  );
}
