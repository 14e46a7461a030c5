import { useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from '../lib/use-session';
import { LiveStatusContext } from '../lib/use-live-events';
import type { LiveStatus } from '../lib/live-events';

/** One live stream per tab while signed in: events make the matching queries stale. */
export function LiveUpdates({ children }: { children: ReactNode }) {
  const s = useSession();
  const qc = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('off');
  // The user and role decide what the server sends; a refreshed token does not need a new stream.
  const userKey = s ? `${s.user.id}:${s.user.role}` : null;
  useEffect(() => {
    if (!userKey) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    setStatus('connecting');
    void import('./live-updates').then(({ startLiveUpdates }) => {
      if (!cancelled) stop = startLiveUpdates(qc, setStatus);
    });
    return () => {
      cancelled = true;
      stop?.();
      setStatus('off');
    };
  }, [userKey, qc]);
  return <LiveStatusContext value={status}>{children}</LiveStatusContext>;
}
