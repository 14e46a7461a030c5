// Which cached queries a live event makes stale, as the features' query-key factories name them:
// my orders and their details (orders), the staff order list and details (admin-orders), the
// dashboard and analytics (admin-dashboard), and the stock pages: alerts and stock levels
// (admin-inventory) and the stock per warehouse of the product being edited (admin-products).
import type { QueryKey } from '@tanstack/react-query';
import { STREAM_RESET, type LiveEvent } from '../lib/live-events';
import { orderKeys } from '../features/orders/api/query-keys';
import { adminOrderKeys } from '../features/admin-orders/api/query-keys';
import { analyticsKeys, dashboardKeys } from '../features/admin-dashboard/api/query-keys';
import { inventoryKeys } from '../features/admin-inventory/api/query-keys';
import { adminProductKeys } from '../features/admin-products/api/query-keys';

const ORDER_LISTS: QueryKey[] = [orderKeys.lists, adminOrderKeys.lists, dashboardKeys.all, analyticsKeys.all];
const STOCK: QueryKey[] = [inventoryKeys.alerts, inventoryKeys.levels, adminProductKeys.stockLevels];

/** Everything live events can change: read again when events may have been missed. */
export const ALL_LIVE_KEYS: QueryKey[] = [orderKeys.details, adminOrderKeys.details, ...ORDER_LISTS, ...STOCK];

/** The query keys (prefixes) to invalidate for one event. */
export function queryKeysFor(event: LiveEvent): QueryKey[] {
  if (event.type === STREAM_RESET) return ALL_LIVE_KEYS;
  if (event.type === 'stock.low') return [...STOCK, dashboardKeys.all];
  if (!event.type.startsWith('order.')) return [];
  const id = event.data.order_id;
  // Orders reserve, release and take stock, so the stock pages change with them.
  const keys: QueryKey[] = [...ORDER_LISTS, ...STOCK];
  if (typeof id === 'number' || typeof id === 'string') keys.push(orderKeys.detail(id), adminOrderKeys.detail(id));
  return keys;
}
