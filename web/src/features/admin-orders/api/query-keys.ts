// Staff order pages: TanStack Query keys (live events invalidate them, app/live-query-keys).
import type { AdminOrderFilters } from './list-admin-orders';

export const adminOrderKeys = {
  /** Every filtered list (prefix). */
  lists: ['admin-orders'] as const,
  list: (f: AdminOrderFilters) => ['admin-orders', f] as const,
  /** Every order detail (prefix). */
  details: ['admin-order'] as const,
  detail: (id: string | number) => ['admin-order', String(id)] as const,
};
