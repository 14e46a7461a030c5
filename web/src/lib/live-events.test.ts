import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectLiveEvents, defaultBackoff, type LiveEvent, type LiveStatus } from './live-events';
import { session } from './session';
import { jsonResponse } from '../testing/render';
import { FakeEventSource } from '../testing/fake-event-source';

const user = { id: 5, email: 'camila@ejemplo.cl', name: 'Camila', role: 'customer' as const, email_verified: true };

/** fetch answering POST /events/ticket with t1, t2, ...; `refuse` makes the next ones fail with 503. */
function mockTickets() {
  let n = 0;
  const state = { refuse: 0 };
  const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    if (!String(input).endsWith('/api/v1/events/ticket')) return jsonResponse(404, { detail: 'unexpected' });
    if (state.refuse > 0) {
      state.refuse -= 1;
      return jsonResponse(503, { type: 'https://moderno.dev/problems/unavailable', status: 503, detail: 'busy' });
    }
    n += 1;
    return jsonResponse(200, { ticket: `t${n}`, expires_in: 60 });
  });
  return { fetchMock, state, tickets: () => fetchMock.mock.calls.filter((c) => String(c[0]).endsWith('/events/ticket')).length };
}

function connect() {
  const events: LiveEvent[] = [];
  const statuses: LiveStatus[] = [];
  const onResync = vi.fn();
  const connection = connectLiveEvents({
    onEvent: (e) => events.push(e),
    onStatus: (s) => statuses.push(s),
    onResync,
    backoff: () => 20,
  });
  return { connection, events, statuses, onResync };
}

beforeEach(() => {
  FakeEventSource.reset();
  vi.stubGlobal('EventSource', FakeEventSource);
  session.set({ access_token: 'access-1', user });
});

afterEach(() => {
  vi.unstubAllGlobals();
  session.clear();
});

describe('connectLiveEvents', () => {
  it('asks for a ticket with the bearer token, then opens the stream with it', async () => {
    const { fetchMock } = mockTickets();
    const { connection, statuses } = connect();
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/v1/events/ticket');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer access-1');
    expect(FakeEventSource.latest().url).toBe('/api/v1/events?ticket=t1');
    expect(statuses).toEqual(['connecting']);
    FakeEventSource.latest().open();
    expect(statuses).toEqual(['connecting', 'live']);
    connection.close();
  });

  it('hands over the named events with their id and parsed data', async () => {
    mockTickets();
    const { connection, events } = connect();
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const es = FakeEventSource.latest();
    es.open();
    es.emit('order.status_changed', { type: 'order.status_changed', order_id: 7, from_status: 'confirmed', to_status: 'shipped' }, 'n1-4');
    es.emit('stock.low', { alert_id: 3, product_id: 9 }, 'n1-5');
    es.emit('something.else', { ignored: true }, 'n1-6');
    expect(events).toEqual([
      { type: 'order.status_changed', id: 'n1-4', data: { type: 'order.status_changed', order_id: 7, from_status: 'confirmed', to_status: 'shipped' } },
      { type: 'stock.low', id: 'n1-5', data: { alert_id: 3, product_id: 9 } },
    ]);
    connection.close();
  });

  it('after an error closes the stream and reopens it with a fresh ticket, resuming from the last id', async () => {
    const { tickets } = mockTickets();
    const { connection, statuses, onResync } = connect();
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const first = FakeEventSource.latest();
    first.open();
    first.emit('order.paid', { order_id: 7 }, 'n1-9');
    first.fail();
    expect(first.closed).toBe(true);
    expect(statuses.at(-1)).toBe('retrying');

    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
    expect(tickets()).toBe(2);
    expect(FakeEventSource.latest().url).toBe('/api/v1/events?ticket=t2&last_event_id=n1-9');
    FakeEventSource.latest().open();
    expect(statuses.at(-1)).toBe('live');
    // The server replays what was missed: nothing to read again by hand.
    expect(onResync).not.toHaveBeenCalled();
    connection.close();
  });

  it('retries when the ticket cannot be had, and asks to read everything again once connected', async () => {
    const { state, tickets } = mockTickets();
    state.refuse = 2;
    const { connection, onResync, statuses } = connect();
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    expect(tickets()).toBe(3);
    expect(statuses.filter((s) => s === 'retrying')).toHaveLength(2);
    expect(FakeEventSource.latest().url).toBe('/api/v1/events?ticket=t1');
    FakeEventSource.latest().open();
    // Nothing to resume from after a failure: events may have been missed.
    expect(onResync).toHaveBeenCalledTimes(1);
    connection.close();
  });

  it('forgets the id the server could not place (stream.reset) and resumes without it', async () => {
    mockTickets();
    const { connection, events } = connect();
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const first = FakeEventSource.latest();
    first.open();
    first.emit('order.paid', { order_id: 7 }, 'old-3');
    first.emit('stream.reset', { type: 'stream.reset', last_event_id: 'old-3' });
    expect(events.at(-1)).toMatchObject({ type: 'stream.reset', id: null });
    first.fail();
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
    expect(FakeEventSource.latest().url).toBe('/api/v1/events?ticket=t2');
    connection.close();
  });

  it('close() ends the stream and a pending reconnect', async () => {
    const { tickets } = mockTickets();
    const { connection, statuses } = connect();
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    FakeEventSource.latest().open();
    FakeEventSource.latest().fail();
    connection.close();
    expect(statuses.at(-1)).toBe('off');
    await new Promise((r) => setTimeout(r, 60));
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(tickets()).toBe(1);
  });

  it('close() while the ticket is on its way opens nothing', async () => {
    const { tickets } = mockTickets();
    const { connection } = connect();
    connection.close();
    await new Promise((r) => setTimeout(r, 30));
    expect(tickets()).toBeLessThanOrEqual(1);
    expect(FakeEventSource.instances).toHaveLength(0);
  });
});

describe('defaultBackoff', () => {
  it('doubles from 1 s up to 30 s, with jitter down to half', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999999);
    expect([1, 2, 3, 6, 7, 20].map(defaultBackoff)).toEqual([1000, 2000, 4000, 30000, 30000, 30000]);
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(defaultBackoff(1)).toBe(500);
  });
});
