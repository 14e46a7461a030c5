// Which cached queries a live event makes stale. The keys are the ones of the features' api/ files:
// orders/get-order ['order', id], orders/get-orders ['orders', page], admin-orders ['admin-order', id]
// and ['admin-orders', filters], admin-dashboard ['admin-dashboard', period] and
// ['admin-analytics', range], admin-inventory ['admin-stock-alerts', ...] and ['admin-stock-levels', ...].
import type { QueryKey } from '@tanstack/react-query';
import { STREAM_RESET, type LiveEvent } from '../lib/live-events';

const ORDER_LISTS: QueryKey[] = [['orders'], ['admin-orders'], ['admin-dashboard'], ['admin-analytics']];
const STOCK: QueryKey[] = [['admin-stock-alerts'], ['admin-stock-levels']];

/** Everything live events can change: read again when events may have been missed. */
export const ALL_LIVE_KEYS: QueryKey[] = [['order'], ['admin-order'], ...ORDER_LISTS, ...STOCK];

/** The query keys (prefixes) to invalidate for one event. */
export function queryKeysFor(event: LiveEvent): QueryKey[] {
  if (event.type === STREAM_RESET) return ALL_LIVE_KEYS;
  if (event.type === 'stock.low') return [...STOCK, ['admin-dashboard']];
  if (!event.type.startsWith('order.')) return [];
  const id = event.data.order_id;
  // Orders reserve, release and take stock, so the stock pages change with them.
  const keys: QueryKey[] = [...ORDER_LISTS, ...STOCK];
  if (typeof id === 'number' || typeof id === 'string') keys.push(['order', String(id)], ['admin-order', String(id)]);
  return keys;
}
