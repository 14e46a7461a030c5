import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import ProductsPage from './ProductsPage';
import { jsonResponse, renderAt } from '../../../testing/render';
import { session } from '../../../lib/session';

function signIn() {
  session.set({ access_token: 'AT', user: { id: 1, email: 'a@b.cl', name: 'Staff', role: 'manager', email_verified: true } });
}

const row = (over: Record<string, unknown>) => ({
  id: 1, sku: 'SKU-1', name: 'Producto', slug: 'producto', price: 19990, compare_price: null, currency: 'CLP',
  is_active: true, is_featured: false, deleted_at: null, category: { id: 3, name: 'Audífonos' }, brand: null,
  stock: 5, variants_count: 0, image: null, updated_at: '2026-03-01T12:00:00Z', created_at: '2026-03-01T12:00:00Z', ...over,
});

const page = {
  items: [
    row({ id: 1, sku: 'AUD-1', name: 'Audífonos Alfa', stock: 12, variants_count: 2, image: '/media/a.jpg' }),
    row({ id: 2, sku: 'AUD-2', name: 'Audífonos Beta', is_active: false, stock: 0 }),
    row({ id: 3, sku: 'AUD-3', name: 'Audífonos Gamma', is_active: false, deleted_at: '2026-03-02T10:00:00Z' }),
  ],
  total: 3, page: 1, limit: 20, pages: 1,
};

/** Shows the router's query string, so that tests can read the state kept in the URL. */
function Location() {
  return <output data-testid="location">{useLocation().search}</output>;
}

/** A fetch that answers every list request with `page` and records the URLs. */
function stubList() {
  const urls: string[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    urls.push(String(input));
    return jsonResponse(200, page);
  });
  const last = () => new URL(urls[urls.length - 1], 'http://x');
  return { urls, last };
}

describe('ProductsPage', { timeout: 20_000 }, () => {
  it('reads the staff list with the filters of the URL and shows each state', async () => {
    signIn();
    const { last } = stubList();
    renderAt(<><ProductsPage /><Location /></>, { path: '/admin/productos?q=aud%25&status=all&sort=-stock&page=2' });
    await screen.findByText('Audífonos Alfa');
    const url = last();
    expect(url.pathname).toBe('/api/v1/admin/products');
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: 'aud%', status: 'all', sort: '-stock', page: '2', limit: '20' });
    const rows = screen.getAllByTestId('product-row');
    expect(within(rows[0]).getByText('Activo')).toBeInTheDocument();
    expect(within(rows[0]).getByText('12')).toBeInTheDocument();
    expect(within(rows[0]).getByText('2 variantes')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Inactivo')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Eliminado')).toBeInTheDocument();
    // A deleted product cannot be deleted again, but can be opened.
    expect(within(rows[2]).queryByRole('button', { name: /Eliminar/ })).toBeNull();
    expect(within(rows[2]).getByRole('link', { name: 'Editar Audífonos Gamma' })).toHaveAttribute('href', '/admin/productos/3');
    expect(within(rows[1]).getByRole('button', { name: 'Eliminar Audífonos Beta' })).toBeInTheDocument();
    expect(screen.getByText('3 en total')).toBeInTheDocument();
    expect(screen.getByLabelText('Estado')).toHaveValue('all');
  });

  it('sends no status by default, and the status filter goes to the URL and back to page 1', async () => {
    signIn();
    const { last } = stubList();
    renderAt(<><ProductsPage /><Location /></>, { path: '/admin/productos?page=3' });
    await screen.findByText('Audífonos Alfa');
    expect(last().searchParams.get('status')).toBeNull();
    expect(last().searchParams.get('sort')).toBe('-created_at');
    await userEvent.selectOptions(screen.getByLabelText('Estado'), 'Eliminados');
    await waitFor(() => expect(last().searchParams.get('status')).toBe('deleted'));
    expect(last().searchParams.get('page')).toBe('1');
    expect(screen.getByTestId('location')).toHaveTextContent('?status=deleted');
  });

  it('sorts from the column headers, turning the order round on a second click', async () => {
    signIn();
    const { last } = stubList();
    renderAt(<><ProductsPage /><Location /></>, { path: '/admin/productos' });
    await screen.findByText('Audífonos Alfa');
    await userEvent.click(screen.getByRole('button', { name: 'Precio' }));
    await waitFor(() => expect(last().searchParams.get('sort')).toBe('price'));
    await userEvent.click(screen.getByRole('button', { name: 'Precio' }));
    await waitFor(() => expect(last().searchParams.get('sort')).toBe('-price'));
    await userEvent.click(screen.getByRole('button', { name: 'Stock' }));
    await waitFor(() => expect(last().searchParams.get('sort')).toBe('-stock'));
    expect(screen.getByTestId('location')).toHaveTextContent('?sort=-stock');
    await userEvent.click(screen.getByRole('button', { name: 'Nombre' }));
    await waitFor(() => expect(last().searchParams.get('sort')).toBe('name'));
  });

  it('searches by name or SKU and ignores a sort the API does not know', async () => {
    signIn();
    const { last } = stubList();
    renderAt(<><ProductsPage /><Location /></>, { path: '/admin/productos?sort=relevance' });
    await screen.findByText('Audífonos Alfa');
    expect(last().searchParams.get('sort')).toBe('-created_at');
    await userEvent.type(screen.getByLabelText('Buscar por nombre o SKU'), '  50%  ');
    await userEvent.click(screen.getByRole('button', { name: 'Buscar' }));
    await waitFor(() => expect(last().searchParams.get('q')).toBe('50%'));
  });
});
