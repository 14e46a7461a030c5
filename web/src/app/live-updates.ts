// The signed-in side of live updates, loaded only once someone signs in (kept out of the
// storefront's first download): the stream, and the cached queries each event makes stale.
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { connectLiveEvents, type LiveStatus } from '../lib/live-events';
import { ALL_LIVE_KEYS, queryKeysFor } from './live-query-keys';

// A replay after a reconnect can bring many events at once: their keys are gathered briefly so
// each query is read again once, not once per event.
const BATCH_MS = 100;

/** Opens the stream and invalidates queries on its events; the returned function stops both. */
export function startLiveUpdates(qc: QueryClient, onStatus: (s: LiveStatus) => void): () => void {
  const pending = new Map<string, QueryKey>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const invalidate = (keys: QueryKey[]) => {
    for (const k of keys) pending.set(JSON.stringify(k), k);
    timer ??= setTimeout(() => {
      timer = undefined;
      const batch = [...pending.values()];
      pending.clear();
      for (const queryKey of batch) void qc.invalidateQueries({ queryKey });
    }, BATCH_MS);
  };
  const connection = connectLiveEvents({
    onEvent: (e) => invalidate(queryKeysFor(e)),
    onResync: () => invalidate(ALL_LIVE_KEYS),
    onStatus,
  });
  return () => {
    connection.close();
    clearTimeout(timer);
  };
}
