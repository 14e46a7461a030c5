import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import CheckoutPage from './CheckoutPage';
import { jsonResponse, renderAt } from '../../testing/render';
import { session } from '../../lib/session';

const cart = {
  items: [{ id: 1, product_id: 5, variant_id: null, sku: 'ZT-1', name: 'Zapatilla Trail', slug: 'zapatilla-trail', variant_name: null, image_url: null,
    unit_price: 59990, price_when_added: 59990, quantity: 1, line_total: 59990, available: 3, warnings: [] }],
  item_count: 1, currency: 'CLP', subtotal: 59990, discount_amount: 0, shipping_amount: 0, tax_amount: 0, total_amount: 59990, coupon: null, shipping_estimate: null,
};
const address = { id: 4, label: 'Casa', recipient_name: 'Ana', street: 'Av. Siempre Viva', number: '742', comuna: 'Providencia', city: 'Santiago', region: 'CL-RM', is_default_shipping: true };

describe('CheckoutPage (checkout + cart + account + orders, composed in app/)', { timeout: 20_000 }, () => {
  it('sends signed-out shoppers to the login', async () => {
    renderAt(<CheckoutPage />, { path: '/checkout', route: '/checkout' });
    expect(await screen.findByText('at another page')).toBeInTheDocument();
  });

  it('shows the cart’s coupon form and totals, places the order with the saved address and goes to the confirmation', async () => {
    session.set({ access_token: 'AT', user: { id: 1, email: 'a@b.cl', name: 'Ana', role: 'customer', email_verified: true } });
    const posts: { url: string; body: unknown }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input);
      if (init?.method === 'POST') posts.push({ url, body: JSON.parse(String(init.body)) });
      if (url.startsWith('/api/v1/cart')) return jsonResponse(200, cart);
      if (url === '/api/v1/me/addresses') return jsonResponse(200, { data: [address] });
      if (url.startsWith('/api/v1/shipping-methods')) return jsonResponse(200, { data: [{ code: 'standard', name: 'Despacho estándar', description: null, min_days: 2, max_days: 4, price: 3990, free_over: null, is_pickup: false }] });
      if (url === '/api/v1/payment-methods') return jsonResponse(200, { data: [{ code: 'manual', label: 'Transferencia', requires_token: false, test_mode: false }] });
      if (url === '/api/v1/orders') return jsonResponse(201, { id: 77, order_number: 'MOD-77' });
      return jsonResponse(404, { status: 404, detail: 'not stubbed' });
    });
    renderAt(<CheckoutPage />, { path: '/checkout', route: '/checkout' });
    expect(await screen.findByLabelText('Cupón de descuento')).toBeInTheDocument();
    await screen.findByRole('radio', { name: /Despacho estándar/ });
    await waitFor(() => expect(screen.getByTestId('cart-total')).toHaveTextContent('63.980'));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Confirmar pedido' }));
    expect(await screen.findByText('at another page')).toBeInTheDocument();
    expect(posts).toEqual([{ url: '/api/v1/orders', body: { from_cart: true, shipping_address_id: 4, shipping_method: 'standard', payment_method: 'manual' } }]);
    session.clear();
  });
});
