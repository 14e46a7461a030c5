// The live event stream of the signed-in user (Server-Sent Events, docs/API.md "Events").
// EventSource cannot send an Authorization header, so every connection starts with a single-use
// ticket (POST /events/ticket, good for 60 s). The browser's own reconnect would reuse a spent
// ticket, so on any error the connection is closed and opened again with a fresh ticket after a
// backoff, passing the last event id seen (`last_event_id=`) so the server replays what was missed.
import { apiRequest, buildUrl } from './api-client';

/** off: not connected (signed out); connecting: first attempt; live: open; retrying: waiting to reconnect. */
export type LiveStatus = 'off' | 'connecting' | 'live' | 'retrying';

/** One event: its SSE name (`order.status_changed`), id (null when the frame has none) and JSON data. */
export interface LiveEvent {
  type: string;
  id: string | null;
  data: Record<string, unknown>;
}

/** The server could not resume from our id (other node, restart): what we missed is unknown. */
export const STREAM_RESET = 'stream.reset';

/** The event names the server sends (server/src/orders/events.hpp) plus stream.reset. */
export const LIVE_EVENT_TYPES = ['order.placed', 'order.paid', 'order.status_changed', 'order.refunded', 'stock.low', STREAM_RESET] as const;

export interface LiveOptions {
  onEvent: (event: LiveEvent) => void;
  onStatus?: (status: LiveStatus) => void;
  /** Called when a connection opens after a failure with no event id to resume from. */
  onResync?: () => void;
  /** Resolves with a fresh ticket; rejects to be retried after the backoff. */
  getTicket?: (signal: AbortSignal) => Promise<string>;
  /** Milliseconds to wait before reconnect attempt number `attempt` (1, 2, ...). */
  backoff?: (attempt: number) => number;
  types?: readonly string[];
  EventSourceImpl?: typeof EventSource;
}

export interface LiveConnection {
  close(): void;
}

/** Asks the server for a single-use ticket for GET /events. */
export async function fetchEventsTicket(signal: AbortSignal): Promise<string> {
  const r = await apiRequest<{ ticket: string }>('/events/ticket', { method: 'POST', signal });
  return r.ticket;
}

/** 1 s, 2 s, 4 s ... up to 30 s, each between half and all of that (so tabs do not reconnect in step). */
export function defaultBackoff(attempt: number): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.5 + Math.random() / 2));
}

// A connection that stayed open this long counts as healthy: the next failure starts the backoff over.
const HEALTHY_MS = 30_000;

/** Opens the stream and keeps it open until close(); events go to onEvent. */
export function connectLiveEvents(opts: LiveOptions): LiveConnection {
  const getTicket = opts.getTicket ?? fetchEventsTicket;
  const backoff = opts.backoff ?? defaultBackoff;
  const types = opts.types ?? LIVE_EVENT_TYPES;
  const ES = opts.EventSourceImpl ?? globalThis.EventSource;
  let source: EventSource | null = null;
  let abort: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let attempt = 0;
  let lastId: string | null = null;
  let openedAt = 0;
  let gap = false; // a connection failed since the last open: events may have been missed

  const status = (s: LiveStatus) => opts.onStatus?.(s);

  const onFrame = (e: MessageEvent<string>) => {
    let data: Record<string, unknown> = {};
    try {
      data = JSON.parse(e.data) as Record<string, unknown>;
    } catch {
      /* not JSON: keep the name, drop the data */
    }
    // stream.reset has no id; the next resume must not use the id the server could not place.
    if (e.type === STREAM_RESET) lastId = null;
    else if (e.lastEventId) lastId = e.lastEventId;
    opts.onEvent({ type: e.type, id: e.lastEventId || null, data });
  };

  const retry = () => {
    source?.close();
    source = null;
    if (closed) return;
    if (openedAt && Date.now() - openedAt >= HEALTHY_MS) attempt = 0;
    openedAt = 0;
    gap = true;
    attempt += 1;
    status('retrying');
    timer = setTimeout(open, backoff(attempt));
  };

  async function open() {
    if (closed) return;
    if (!ES) return status('off'); // no EventSource in this browser: pages keep polling
    abort = new AbortController();
    let ticket: string;
    try {
      ticket = await getTicket(abort.signal);
    } catch {
      if (!closed) retry();
      return;
    }
    if (closed) return;
    const es = new ES(buildUrl('/events', { ticket, last_event_id: lastId }));
    source = es;
    es.onopen = () => {
      openedAt = Date.now();
      status('live');
      // Reconnected without a resume point: events in the gap are lost, so read everything again.
      if (gap && !lastId) opts.onResync?.();
      gap = false;
    };
    es.onerror = () => {
      if (source === es) retry();
    };
    for (const t of types) es.addEventListener(t, onFrame as EventListener);
  }

  status('connecting');
  void open();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      abort?.abort();
      source?.close();
      source = null;
      status('off');
    },
  };
}
