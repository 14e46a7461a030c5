import type { OrderStatus, StatusChange } from '../../../lib/types';
import { formatDateTime } from '../../../lib/format';
import { translate, type MessageKey } from '../../../lib/i18n';

const FLOW: OrderStatus[] = ['pending', 'confirmed', 'processing', 'shipped', 'delivered'];

export function statusLabel(s: string): string {
  return translate(`status.${s}` as MessageKey);
}

/** The order's way from pending to delivered: steps reached are marked with their date. */
export function StatusTimeline({ status, history }: { status: OrderStatus; history: StatusChange[] }) {
  const reached = new Map(history.map((h) => [h.to, h.created_at]));
  const off = status === 'cancelled' || status === 'refunded';
  const steps: OrderStatus[] = off ? [...history.map((h) => h.to)] : FLOW;
  const currentIndex = steps.indexOf(status);
  return (
    <ol className="space-y-3" aria-label={translate('orders.timeline')} data-testid="status-timeline">
      {steps.map((s, i) => {
        const done = i <= currentIndex || reached.has(s);
        return (
          <li key={`${s}-${i}`} className="flex items-start gap-3" aria-current={s === status ? 'step' : undefined}>
            <span aria-hidden="true" className={`mt-1 h-3 w-3 shrink-0 rounded-full ${done ? (off && s === status ? 'bg-red-600' : 'bg-green-600') : 'bg-slate-300'}`} />
            <span>
              <span className={done ? 'font-semibold' : 'text-slate-600'}>{statusLabel(s)}</span>
              {reached.get(s) && <span className="block text-xs text-slate-600">{formatDateTime(reached.get(s))}</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
