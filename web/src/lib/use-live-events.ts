import { createContext, useContext } from 'react';
import type { LiveStatus } from './live-events';

/** The state of this tab's live stream, provided by app/LiveUpdates ('off' without it). */
export const LiveStatusContext = createContext<LiveStatus>('off');

/** Whether updates arrive live right now: pages use it for a hint and to slow their polling. */
export function useLiveStatus(): LiveStatus {
  return useContext(LiveStatusContext);
}
