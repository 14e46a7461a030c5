import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { useLiveStatus } from '../../../lib/use-live-events';
import type { OrderDetail } from '../../../lib/types';
import { orderKeys } from './query-keys';

const FINAL = ['delivered', 'cancelled', 'refunded'];

export function getOrder(id: string): Promise<OrderDetail> {
  return apiRequest(`/orders/${encodeURIComponent(id)}`);
}

/**
 * One of my orders. While it is on its way the live stream (app/LiveUpdates) refreshes it on every
 * change; polling is the fallback: every 30 s while the stream is down, every 2 min while it is
 * open (a safety net for a stream that stalls without an error, which EventSource cannot see).
 */
export function useOrder(id: string) {
  const live = useLiveStatus() === 'live';
  return useQuery({
    queryKey: orderKeys.detail(id),
    queryFn: () => getOrder(id),
    refetchInterval: (q) => (q.state.data && FINAL.includes(q.state.data.status) ? false : live ? 120_000 : 30_000),
  });
}
