import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import CouponsPage from './CouponsPage';
import { jsonResponse, renderAt } from '../../../testing/render';
import { session, type Role } from '../../../lib/session';

const empty = { data: [], pagination: { page: 1, limit: 20, total: 0, pages: 0 } };
const coupon = {
  id: 7, code: 'VERANO10', type: 'percentage', value: 10, min_subtotal: 20000, starts_at: null, ends_at: '2026-12-31T23:59:59Z',
  usage_limit: 100, usage_limit_per_customer: 1, times_used: 3, is_active: true, category_ids: [], product_ids: [],
  created_at: '2026-11-01T00:00:00Z', updated_at: '2026-11-01T00:00:00Z',
};

function signIn(role: Role) {
  session.set({ access_token: 'AT', user: { id: 1, email: 'a@b.cl', name: 'Staff', role, email_verified: true } });
}

describe('CouponsPage', { timeout: 20_000 }, () => {
  it('creates a coupon with the payload the API expects', async () => {
    signIn('admin');
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (init?.method === 'POST') return jsonResponse(201, { ...coupon, id: 8, code: 'BLACK20' });
      void input;
      return jsonResponse(200, empty);
    });
    renderAt(<CouponsPage />);
    await userEvent.type(screen.getByLabelText('Código'), 'black20');
    await userEvent.type(screen.getByLabelText('Valor'), '20');
    await userEvent.type(screen.getByLabelText('Compra mínima'), '30.000');
    fireEvent.change(screen.getByLabelText('Hasta'), { target: { value: '2026-12-31' } });
    await userEvent.type(screen.getByLabelText('Usos por cliente'), '1');
    await userEvent.click(screen.getByRole('button', { name: 'Guardar' }));
    await screen.findByText('Creado. BLACK20');
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(post[0]).toBe('/api/v1/admin/coupons');
    expect(JSON.parse(String(post[1]!.body))).toEqual({
      code: 'BLACK20', type: 'percentage', value: 20, min_subtotal: 30000, starts_at: null, ends_at: '2026-12-31',
      usage_limit: null, usage_limit_per_customer: 1, is_active: true,
    });
  });

  it('shows server validation errors on the coupon fields', async () => {
    signIn('admin');
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) => {
      if (init?.method === 'POST') {
        return jsonResponse(422, {
          type: 'https://moderno.dev/problems/validation', status: 422, detail: 'The request has invalid fields.',
          errors: [
            { field: 'value', code: 'out_of_range', message: 'a percentage value must be from 1 to 100' },
            { field: 'code', code: 'taken', message: 'code is taken' },
          ],
        });
      }
      return jsonResponse(200, empty);
    });
    renderAt(<CouponsPage />);
    await userEvent.type(screen.getByLabelText('Código'), 'VERANO10');
    await userEvent.type(screen.getByLabelText('Valor'), '150');
    await userEvent.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(screen.getByLabelText('Valor')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText('Valor')).toHaveAccessibleDescription(expect.stringContaining('Está fuera del rango permitido.'));
    expect(screen.getByLabelText('Código')).toHaveAccessibleDescription('Ya está en uso.');
    expect(screen.getByLabelText('Compra mínima')).not.toHaveAttribute('aria-invalid');
  });

  it('is read-only for a manager', async () => {
    signIn('manager');
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(200, { data: [coupon], pagination: { page: 1, limit: 20, total: 1, pages: 1 } }));
    renderAt(<CouponsPage />);
    expect(await screen.findByText('VERANO10')).toBeInTheDocument();
    expect(screen.getByTestId('read-only')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Guardar' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Eliminar VERANO10' })).not.toBeInTheDocument();
  });
});
