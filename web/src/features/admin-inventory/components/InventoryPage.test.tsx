import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import InventoryPage from './InventoryPage';
import { jsonResponse, renderAt } from '../../../testing/render';
import { session } from '../../../lib/session';

function signIn() {
  session.set({ access_token: 'AT', user: { id: 1, email: 'a@b.cl', name: 'Staff', role: 'manager', email_verified: true } });
}

const level = (over: Record<string, unknown>) => ({
  inventory_id: 1, sku: 'ZAP-001', product_id: 3, product: 'Zapatilla X', variant_id: null, variant: null, warehouse: 'SCL',
  quantity: 10, reserved: 2, available: 8, reorder_point: 5, low_stock: false, active: true, ...over,
});

/** Answers the inventory page's reads and records the stock overview URLs. */
function stub() {
  const levels: URL[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = new URL(String(input), 'http://x');
    if (url.pathname === '/api/v1/warehouses') {
      return jsonResponse(200, { data: [{ id: 1, code: 'SCL', name: 'Santiago', city: 'Santiago', region: 'RM', priority: 1, is_active: true, created_at: '2026-01-01T00:00:00Z' }, { id: 2, code: 'VAP', name: 'Valparaíso', city: 'Valparaíso', region: 'V', priority: 2, is_active: true, created_at: '2026-01-01T00:00:00Z' }] });
    }
    if (url.pathname === '/api/v1/admin/inventory/alerts') return jsonResponse(200, { data: [], pagination: { page: 1, limit: 20, total: 0, pages: 0 } });
    if (url.pathname === '/api/v1/admin/inventory') {
      levels.push(url);
      const page = Number(url.searchParams.get('page'));
      const data = page === 2
        ? [level({ inventory_id: 3, sku: 'ZAP-003', product: 'Zapatilla Z', warehouse: 'VAP' })]
        : [level({}), level({ inventory_id: 2, sku: 'ZAP-002', product: 'Zapatilla Y', variant: '42', available: 1, low_stock: true, active: false })];
      return jsonResponse(200, { data, pagination: { page, limit: 50, total: 51, pages: 2 } });
    }
    return jsonResponse(404, { status: 404, detail: 'not stubbed' });
  });
  return levels;
}

describe('InventoryPage stock overview', { timeout: 20_000 }, () => {
  it('reads GET /admin/inventory page by page, with the search, warehouse and low-stock filters', async () => {
    signIn();
    const levels = stub();
    renderAt(<InventoryPage />);
    const table = await screen.findByTestId('levels-table');
    await within(table).findByText('Zapatilla X');
    expect(Object.fromEntries(levels[0].searchParams)).toEqual({ page: '1', limit: '50' });
    const low = within(table).getByText('ZAP-002').closest('tr')!;
    expect(low).toHaveTextContent('Zapatilla Y · 42 (Inactivo)');
    expect(within(low).getByText('1')).toHaveClass('text-red-700');
    expect(screen.getByText('51 en total')).toBeInTheDocument();

    const user = userEvent.setup();
    const levelsSection = screen.getByRole('heading', { name: 'Stock actual' }).closest('section')!;
    await user.click(within(levelsSection).getByRole('button', { name: 'Siguiente' }));
    await within(table).findByText('Zapatilla Z');
    expect(levels.at(-1)!.searchParams.get('page')).toBe('2');

    // Any filter starts again from page 1.
    await user.type(screen.getByLabelText('Filtrar por SKU o producto'), 'zap-00');
    await user.selectOptions(within(levelsSection).getByLabelText('Bodega'), 'VAP');
    await user.click(screen.getByLabelText('Solo stock bajo'));
    await waitFor(() => expect(Object.fromEntries(levels.at(-1)!.searchParams)).toEqual({ page: '1', limit: '50', q: 'zap-00', warehouse: 'VAP', low_stock: 'true' }));
    expect(levels.every((u) => !u.pathname.endsWith('.csv'))).toBe(true);
  });
});
