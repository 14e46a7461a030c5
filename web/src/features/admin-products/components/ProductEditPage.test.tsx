import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ProductEditPage from './ProductEditPage';
import { jsonResponse, renderAt } from '../../../testing/render';
import { session } from '../../../lib/session';

const categories = { data: [{ id: 3, name: 'Deportes', children: [{ id: 12, name: 'Running', children: [] }] }] };
const brands = { data: [{ id: 5, name: 'Salomon' }] };

function signIn() {
  session.set({ access_token: 'AT', user: { id: 1, email: 'a@b.cl', name: 'Admin', role: 'admin', email_verified: true } });
}

/** A fetch that answers the option lists and hands POST /products to `onCreate`. */
function stubFetch(onCreate: (body: unknown) => Response) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (url.startsWith('/api/v1/categories')) return jsonResponse(200, categories);
    if (url.startsWith('/api/v1/brands')) return jsonResponse(200, brands);
    if (url === '/api/v1/products' && init?.method === 'POST') return onCreate(JSON.parse(String(init.body)));
    return jsonResponse(404, { type: 'https://moderno.dev/problems/not_found', status: 404, detail: `unexpected ${url}` });
  });
}

async function fillProduct() {
  await userEvent.type(await screen.findByLabelText('Nombre'), 'Zapatillas Trail Speedcross');
  await userEvent.type(screen.getByLabelText('SKU'), 'SAL-SPX-100');
  await userEvent.type(screen.getByLabelText('Precio'), '89.990');
  await userEvent.type(screen.getByLabelText('Precio normal (tachado)'), '99990');
  await userEvent.selectOptions(screen.getByLabelText('Categoría'), 'Deportes › Running');
  await userEvent.selectOptions(screen.getByLabelText('Marca'), 'Salomon');
  await userEvent.type(screen.getByLabelText('Título SEO'), 'Speedcross | Moderno');
  await userEvent.click(screen.getByRole('button', { name: '+ Agregar variante' }));
  const variant = within(screen.getByRole('group', { name: 'Variante 1' }));
  await userEvent.type(variant.getByLabelText('Nombre'), 'Talla 42');
  await userEvent.type(variant.getByLabelText('SKU de la variante'), 'SAL-SPX-100-42');
  await userEvent.type(variant.getByLabelText('Opciones (talla=42, color=Negro)'), 'talla=42, color=Negro');
  await userEvent.type(variant.getByLabelText('Stock inicial'), '5');
}

describe('ProductEditPage (new product)', { timeout: 30_000 }, () => {
  it('sends the product with its variant, SEO fields and initial stock', async () => {
    signIn();
    let sent: unknown;
    stubFetch((body) => { sent = body; return jsonResponse(201, { id: 143 }); });
    renderAt(<ProductEditPage />, { path: '/admin/productos/nuevo', route: '/admin/productos/:id' });
    await fillProduct();
    await userEvent.click(screen.getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(sent).toBeDefined());
    expect(sent).toEqual({
      name: 'Zapatillas Trail Speedcross', sku: 'SAL-SPX-100', price: 89990, compare_price: 99990, cost_price: null,
      category_id: 12, brand_id: 5, short_description: null, description: null, meta_title: 'Speedcross | Moderno',
      meta_description: null, weight_grams: null, is_active: true, is_featured: false,
      variants: [{ name: 'Talla 42', sku: 'SAL-SPX-100-42', price: null, compare_price: null, options: { talla: '42', color: 'Negro' }, stock: 5 }],
      images: [],
    });
  });

  it('shows each server error next to its field, variants included, and re-enables submit', async () => {
    signIn();
    let answer!: (r: Response) => void;
    stubFetch(() => undefined as unknown as Response);
    vi.mocked(globalThis.fetch).mockImplementation(async (input, init) => {
      const url = String(input);
      if (url.startsWith('/api/v1/categories')) return jsonResponse(200, categories);
      if (url.startsWith('/api/v1/brands')) return jsonResponse(200, brands);
      void init;
      return new Promise<Response>((r) => { answer = r; });
    });
    renderAt(<ProductEditPage />, { path: '/admin/productos/nuevo', route: '/admin/productos/:id' });
    await fillProduct();
    await userEvent.click(screen.getByRole('button', { name: 'Crear' }));
    // Pending: the submit button is disabled until the server answers.
    expect(await screen.findByRole('button', { name: 'Guardando…' })).toBeDisabled();
    answer(jsonResponse(422, {
      type: 'https://moderno.dev/problems/validation', status: 422, detail: 'The request has invalid fields.',
      errors: [
        { field: 'sku', code: 'taken', message: 'sku is already used' },
        { field: 'compare_price', code: 'not_above_price', message: 'compare_price must be above price' },
        { field: 'variants[0].sku', code: 'taken', message: 'sku is already used' },
      ],
    }));
    const variant = within(screen.getByRole('group', { name: 'Variante 1' }));
    await waitFor(() => expect(variant.getByLabelText('SKU de la variante')).toHaveAttribute('aria-invalid', 'true'));
    expect(variant.getByLabelText('SKU de la variante')).toHaveAccessibleDescription('Ya está en uso.');
    expect(screen.getByLabelText('SKU')).toHaveAccessibleDescription('Ya está en uso.');
    expect(screen.getByLabelText('Precio normal (tachado)')).toHaveAccessibleDescription('compare_price must be above price');
    expect(screen.getByLabelText('Precio')).not.toHaveAttribute('aria-invalid');
    expect(variant.getByLabelText('Nombre')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('button', { name: 'Crear' })).toBeEnabled();
  });
});

const warehouses = { data: [
  { id: 1, code: 'SCL', name: 'Bodega Santiago', is_active: true },
  { id: 2, code: 'VAP', name: 'Bodega Valparaíso', is_active: true },
] };

/** A staff product with two variants; stock only in SCL, part of it reserved. */
function staffProduct(over: Record<string, unknown> = {}) {
  return {
    id: 7, name: 'Zapatilla Trail', slug: 'zapatilla-trail', sku: 'ZT-1', short_description: null, price: 59990,
    compare_price: null, currency: 'CLP', category: { id: 12, name: 'Running', slug: 'running' }, brand: { id: 5, name: 'Salomon' },
    stock: 9, in_stock: true, rating: null, reviews_count: 0, is_featured: false, created_at: '2026-01-01T00:00:00Z',
    description: null, weight_grams: null, dimensions: null, meta_title: 'Trail | Moderno', meta_description: null,
    updated_at: '2026-01-02T00:00:00Z', images: [], breadcrumbs: [], cost_price: null, is_active: true, deleted_at: null,
    variants: [
      { id: 70, name: 'Talla 41', sku: 'ZT-1-41', price: 59990, compare_price: null, options: { talla: '41' }, barcode: null, stock: 3 },
      { id: 71, name: 'Talla 42', sku: 'ZT-1-42', price: 59990, compare_price: null, options: { talla: '42' }, barcode: null, stock: 6 },
    ],
    stock_levels: [
      { warehouse_id: 1, warehouse_code: 'SCL', warehouse_name: 'Bodega Santiago', variant_id: 70, sku: 'ZT-1-41', quantity: 5, reserved: 2, available: 3 },
      { warehouse_id: 1, warehouse_code: 'SCL', warehouse_name: 'Bodega Santiago', variant_id: 71, sku: 'ZT-1-42', quantity: 6, reserved: 0, available: 6 },
    ],
    ...over,
  };
}

/** Answers the edit page's reads with `product`; records every request as "METHOD path". */
function stubEdit(product: Record<string, unknown>) {
  const calls: string[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    if (url.startsWith('/api/v1/categories')) return jsonResponse(200, categories);
    if (url.startsWith('/api/v1/brands')) return jsonResponse(200, brands);
    if (url.startsWith('/api/v1/warehouses')) return jsonResponse(200, warehouses);
    if (url === '/api/v1/admin/products/7') return jsonResponse(200, product);
    if (url.startsWith('/api/v1/inventory/') && init?.method === 'PUT') return jsonResponse(200, {});
    return jsonResponse(404, { type: 'https://moderno.dev/problems/not_found', status: 404, detail: `unexpected ${url}` });
  });
  return calls;
}

describe('ProductEditPage (existing product)', { timeout: 30_000 }, () => {
  it('loads the staff product and shows its stock per warehouse from stock_levels', async () => {
    signIn();
    const calls = stubEdit(staffProduct());
    renderAt(<ProductEditPage />, { path: '/admin/productos/7', route: '/admin/productos/:id' });
    expect(await screen.findByLabelText('Cantidad ZT-1-41 SCL')).toHaveValue(5);
    expect(screen.getByLabelText('Cantidad ZT-1-42 SCL')).toHaveValue(6);
    expect(screen.getByLabelText('Cantidad ZT-1-41 VAP')).toHaveValue(0);
    expect(within(screen.getByTestId('stock-ZT-1-41@SCL')).getByText(/Reservado/)).toHaveTextContent('Reservado: 2');
    expect(screen.getByLabelText('Título SEO')).toHaveValue('Trail | Moderno');
    expect(screen.getByRole('link', { name: 'Ver en la tienda' })).toBeInTheDocument();
    // One read of the product, from the staff route; no inventory report or overview, no public detail.
    expect(calls.filter((c) => c === 'GET /api/v1/admin/products/7')).toHaveLength(1);
    expect(calls.some((c) => c.includes('/api/v1/admin/reports/inventory') || c.includes('/api/v1/admin/inventory') || c.includes('/api/v1/products/'))).toBe(false);
  });

  it('sets a quantity and reads the stock levels again', async () => {
    signIn();
    const calls = stubEdit(staffProduct());
    renderAt(<ProductEditPage />, { path: '/admin/productos/7', route: '/admin/productos/:id' });
    const input = await screen.findByLabelText('Cantidad ZT-1-42 VAP');
    await userEvent.clear(input);
    await userEvent.type(input, '4');
    await userEvent.click(screen.getByRole('button', { name: 'Fijar ZT-1-42 VAP' }));
    await waitFor(() => expect(calls).toContain('PUT /api/v1/inventory/ZT-1-42/VAP'));
    await waitFor(() => expect(calls.filter((c) => c === 'GET /api/v1/admin/products/7').length).toBeGreaterThanOrEqual(2));
  });

  it('shows an inactive product with a notice, and no store link', async () => {
    signIn();
    stubEdit(staffProduct({ is_active: false }));
    renderAt(<ProductEditPage />, { path: '/admin/productos/7', route: '/admin/productos/:id' });
    expect(await screen.findByText('Este producto está inactivo: no se muestra en la tienda.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Ver en la tienda' })).toBeNull();
    expect(screen.getAllByLabelText('Nombre')[0]).toBeEnabled();
  });

  it('shows a deleted product read-only', async () => {
    signIn();
    stubEdit(staffProduct({ is_active: false, deleted_at: '2026-02-03T15:00:00Z' }));
    renderAt(<ProductEditPage />, { path: '/admin/productos/7', route: '/admin/productos/:id' });
    expect(await screen.findByText(/Este producto fue eliminado el/)).toBeInTheDocument();
    expect(screen.getAllByLabelText('Nombre')[0]).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Guardar' })).toBeNull();
    expect(await screen.findByTestId('stock-ZT-1-41@SCL')).toHaveTextContent('5');
    expect(screen.queryByLabelText('Cantidad ZT-1-41 SCL')).toBeNull();
    expect(screen.queryByTestId('image-manager')).toBeNull();
  });
});
