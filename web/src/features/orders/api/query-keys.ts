// The shopper's orders: TanStack Query keys (live events invalidate them, app/live-query-keys).
export const orderKeys = {
  /** Every page of my orders (prefix). */
  lists: ['orders'] as const,
  list: (page: number) => ['orders', page] as const,
  /** Every order detail (prefix). */
  details: ['order'] as const,
  detail: (id: string | number) => ['order', String(id)] as const,
};
