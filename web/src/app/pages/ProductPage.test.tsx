import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ProductPage from './ProductPage';
import { jsonResponse, renderAt } from '../../testing/render';

const product = {
  id: 5, name: 'Zapatilla Trail', slug: 'zapatilla-trail', sku: 'ZT-1', short_description: null, description: 'Para cerros.',
  meta_title: null, price: 59990, compare_price: null, currency: 'CLP', category: null, brand: null,
  images: [], stock: 3, in_stock: true, rating: 4, reviews_count: 1, is_featured: false, created_at: '2026-01-01T00:00:00Z',
  variants: [], breadcrumbs: [],
};
const cart = { items: [], item_count: 1, currency: 'CLP', subtotal: 59990, discount_amount: 0, shipping_amount: 0, tax_amount: 0, total_amount: 59990, coupon: null, shipping_estimate: null };

describe('ProductPage (catalog + cart + reviews, composed in app/)', { timeout: 20_000 }, () => {
  it('adds the chosen quantity to the cart and shows the product’s reviews', async () => {
    const calls: { method: string; url: string; body: unknown }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input);
      calls.push({ method: init?.method ?? 'GET', url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (url.startsWith('/api/v1/products/zapatilla-trail')) return jsonResponse(200, product);
      if (url.startsWith('/api/v1/products/5/reviews')) {
        return jsonResponse(200, {
          data: [{ id: 1, product_id: 5, rating: 4, title: 'Buenas', body: null, verified_purchase: true, author: { name: 'Ana' }, created_at: '2026-02-01T00:00:00Z' }],
          pagination: { page: 1, limit: 10, total: 1, pages: 1 }, summary: { rating_avg: 4, reviews_count: 1, distribution: { 4: 1 } },
        });
      }
      if (url === '/api/v1/cart/items') return jsonResponse(201, cart);
      return jsonResponse(404, { status: 404, detail: 'not stubbed' });
    });
    renderAt(<ProductPage />, { path: '/producto/zapatilla-trail', route: '/producto/:slug' });
    expect(await screen.findByRole('heading', { name: 'Zapatilla Trail' })).toBeInTheDocument();
    expect(await screen.findByText('Buenas')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Cantidad' }), '2');
    await user.click(screen.getByRole('button', { name: 'Agregar al carro' }));
    expect(await screen.findByText('Agregado al carro')).toBeInTheDocument();
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')).toEqual({ method: 'POST', url: '/api/v1/cart/items', body: { product_id: 5, variant_id: null, quantity: 2 } }));
  });
});
