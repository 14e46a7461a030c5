import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router';
import { LiveUpdates } from './LiveUpdates';
import { queryKeysFor } from './live-query-keys';
import { inventoryKeys } from '../features/admin-inventory/api/query-keys';
import { adminProductKeys } from '../features/admin-products/api/query-keys';
import { dashboardKeys } from '../features/admin-dashboard/api/query-keys';
import OrderDetailPage from '../features/orders/components/OrderDetailPage';
import { session } from '../lib/session';
import { useLiveStatus } from '../lib/use-live-events';
import { jsonResponse } from '../testing/render';
import { FakeEventSource } from '../testing/fake-event-source';

const customer = { id: 5, email: 'camila@ejemplo.cl', name: 'Camila', role: 'customer' as const, email_verified: true };

function order(status: string, history: string[]) {
  return {
    id: 7, order_number: 'MOD-2026-ABC123', status, payment_status: status === 'pending' ? 'pending' : 'paid', payment_method: 'manual',
    currency: 'CLP', total_amount: 29990, item_count: 1, shipping_method: 'standard', tracking_number: status === 'shipped' ? 'CHX-1' : null,
    created_at: '2026-11-28T12:00:00Z', updated_at: '2026-11-28T12:00:00Z',
    items: [{ id: 1, product_id: 1, variant_id: null, sku: 'A', name: 'Zapatillas', variant_name: null, quantity: 1, unit_price: 29990, line_total: 29990 }],
    subtotal: 29990, discount_amount: 0, shipping_amount: 0, tax_amount: 0, refunded_amount: 0, coupon_code: null, shipping_region: null,
    shipping_address: null, billing_address: null, notes: null, paid_at: null, shipped_at: null, delivered_at: null, cancelled_at: null,
    status_history: history.map((to, i) => ({ from: i ? history[i - 1] : null, to, by: 'system', note: null, created_at: '2026-11-28T12:00:00Z' })),
    payments: [],
  };
}

/** The server: tickets t1, t2, ... and order 7 as `current.order`. */
function mockServer() {
  const current = { order: order('pending', ['pending']) };
  let tickets = 0;
  const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = String(input);
    if (url.endsWith('/api/v1/events/ticket')) return jsonResponse(200, { ticket: `t${++tickets}`, expires_in: 60 });
    if (url.endsWith('/api/v1/orders/7')) return jsonResponse(200, current.order);
    return jsonResponse(404, { detail: `unexpected ${url}` });
  });
  const calls = (suffix: string) => fetchMock.mock.calls.filter((c) => String(c[0]).endsWith(suffix)).length;
  return { current, calls };
}

function Status() {
  return <p data-testid="live-status">{useLiveStatus()}</p>;
}

function renderLive(ui = <Status />, path = '/') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const invalidate = vi.spyOn(client, 'invalidateQueries');
  render(
    <QueryClientProvider client={client}>
      <LiveUpdates>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/cuenta/pedidos/:id" element={ui} />
            <Route path="*" element={ui} />
          </Routes>
        </MemoryRouter>
      </LiveUpdates>
    </QueryClientProvider>,
  );
  return { invalidate };
}

const invalidatedKeys = (spy: ReturnType<typeof renderLive>['invalidate']) => spy.mock.calls.map((c) => JSON.stringify(c[0]?.queryKey));

beforeEach(() => {
  FakeEventSource.reset();
  vi.stubGlobal('EventSource', FakeEventSource);
});

afterEach(() => {
  cleanup(); // unmount before signing out, so the sign-out is not a state update of a mounted tree
  vi.unstubAllGlobals();
  session.clear();
});

describe('LiveUpdates', () => {
  it('opens no stream while signed out', async () => {
    const { calls } = mockServer();
    renderLive();
    await new Promise((r) => setTimeout(r, 20));
    expect(calls('/events/ticket')).toBe(0);
    expect(FakeEventSource.instances).toHaveLength(0);
    expect(screen.getByTestId('live-status')).toHaveTextContent('off');
  });

  it('gets a ticket and connects when signed in; an order event invalidates that order and the order lists', async () => {
    mockServer();
    session.set({ access_token: 'a', user: customer });
    const { invalidate } = renderLive();
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    expect(FakeEventSource.latest().url).toBe('/api/v1/events?ticket=t1');
    act(() => FakeEventSource.latest().open());
    expect(screen.getByTestId('live-status')).toHaveTextContent('live');

    act(() => FakeEventSource.latest().emit('order.status_changed', { type: 'order.status_changed', order_id: 7, to_status: 'shipped' }, 'n-1'));
    await waitFor(() => expect(invalidate).toHaveBeenCalled());
    const keys = invalidatedKeys(invalidate);
    for (const k of [['order', '7'], ['orders'], ['admin-order', '7'], ['admin-orders'], ['admin-dashboard']]) expect(keys).toContain(JSON.stringify(k));
  });

  it('invalidates each key once for a burst of events (a replay after reconnecting)', async () => {
    mockServer();
    session.set({ access_token: 'a', user: customer });
    const { invalidate } = renderLive();
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    act(() => {
      const es = FakeEventSource.latest();
      es.open();
      es.emit('order.paid', { order_id: 7 }, 'n-1');
      es.emit('order.status_changed', { order_id: 7 }, 'n-2');
      es.emit('order.status_changed', { order_id: 8 }, 'n-3');
    });
    await waitFor(() => expect(invalidate).toHaveBeenCalled());
    const keys = invalidatedKeys(invalidate);
    expect(keys.filter((k) => k === JSON.stringify(['orders']))).toHaveLength(1);
    expect(keys).toContain(JSON.stringify(['order', '8']));
  });

  it('closes the stream on sign-out and does not reconnect', async () => {
    const { calls } = mockServer();
    session.set({ access_token: 'a', user: customer });
    renderLive();
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    act(() => FakeEventSource.latest().open());
    act(() => session.clear());
    expect(FakeEventSource.latest().closed).toBe(true);
    expect(screen.getByTestId('live-status')).toHaveTextContent('off');
    await new Promise((r) => setTimeout(r, 50));
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(calls('/events/ticket')).toBe(1);
  });

  it('keeps one stream across a token refresh, and opens a new one for another user', async () => {
    mockServer();
    session.set({ access_token: 'a', user: customer });
    renderLive();
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    act(() => session.set({ access_token: 'a2', user: customer }));
    await new Promise((r) => setTimeout(r, 20));
    expect(FakeEventSource.instances).toHaveLength(1);
    act(() => session.set({ access_token: 'b', user: { ...customer, id: 6 } }));
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
    expect(FakeEventSource.instances[0].closed).toBe(true);
  });
});

describe('order detail page, live', () => {
  it('shows the new status without a reload when the order changes, with a live hint and a polite live region', async () => {
    const { current, calls } = mockServer();
    session.set({ access_token: 'a', user: customer });
    renderLive(<OrderDetailPage />, '/cuenta/pedidos/7');
    expect(await screen.findByTestId('order-status')).toHaveTextContent('Pendiente');
    expect(screen.queryByTestId('live-badge')).not.toBeInTheDocument();
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    act(() => FakeEventSource.latest().open());
    const badge = await screen.findByTestId('live-badge');
    expect(badge).toHaveTextContent('En vivo');
    expect(badge).toHaveTextContent('Los cambios de estado aparecen aquí sin recargar la página.');
    expect(screen.getByTestId('order-status').closest('[aria-live]')).toHaveAttribute('aria-live', 'polite');

    current.order = order('shipped', ['pending', 'confirmed', 'processing', 'shipped']);
    act(() => FakeEventSource.latest().emit('order.status_changed', { order_id: 7, to_status: 'shipped' }, 'n-4'));
    await waitFor(() => expect(screen.getByTestId('order-status')).toHaveTextContent('Enviado'));
    expect(screen.getByText('CHX-1')).toBeInTheDocument();
    expect(calls('/orders/7')).toBe(2);

    // The stream drops: the hint says so until it is back.
    act(() => FakeEventSource.latest().fail());
    expect(screen.getByTestId('live-badge')).toHaveTextContent('Reconectando…');
  });
});

describe('queryKeysFor', () => {
  it('sends low-stock alerts to the inventory pages and the dashboard, and a reset to everything', () => {
    const stock = queryKeysFor({ type: 'stock.low', id: 'n-1', data: { alert_id: 1 } });
    expect(stock).toEqual([inventoryKeys.alerts, inventoryKeys.levels, adminProductKeys.stockLevels, dashboardKeys.all]);
    // Prefixes: they reach every page of those queries, and nothing else of those features.
    const covered = (key: readonly unknown[]) => stock.some((prefix) => prefix.every((part, i) => part === key[i]));
    expect(covered(inventoryKeys.alertPage('open', 2))).toBe(true);
    expect(covered(inventoryKeys.levelPage({ page: 3, limit: 50, low_stock: true }))).toBe(true);
    expect(covered(adminProductKeys.stockLevelsOf(5))).toBe(true);
    expect(covered(inventoryKeys.warehouses)).toBe(false);
    expect(covered(adminProductKeys.warehouseOptions)).toBe(false);
    expect(queryKeysFor({ type: 'stream.reset', id: null, data: {} })).toContainEqual(['order']);
    expect(queryKeysFor({ type: 'order.placed', id: 'n-2', data: { order_id: 3 } })).toContainEqual(['admin-orders']);
  });

  it('keeps the two warehouse queries apart (full rows for the inventory page, options for the product editor)', () => {
    expect(inventoryKeys.warehouses).not.toEqual(adminProductKeys.warehouseOptions);
  });
});
