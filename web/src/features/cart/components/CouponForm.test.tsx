import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CouponForm } from './CouponForm';
import { jsonResponse, renderAt } from '../../../testing/render';
import type { Cart } from '../../../lib/types';

const cart: Cart = {
  items: [], item_count: 1, currency: 'CLP', subtotal: 10000, discount_amount: 0, shipping_amount: 0, tax_amount: 0,
  total_amount: 10000, coupon: null, shipping_estimate: null,
};

describe('CouponForm', () => {
  it('shows why a coupon was refused under the code field', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(422, {
      type: 'https://moderno.dev/problems/validation', status: 422, detail: 'The request has invalid fields.',
      errors: [{ field: 'code', code: 'min_subtotal', message: 'the subtotal is below 20000' }],
    }));
    renderAt(<CouponForm cart={cart} />);
    await userEvent.type(screen.getByLabelText('Cupón de descuento'), 'BIENVENIDA');
    await userEvent.click(screen.getByRole('button', { name: 'Aplicar' }));
    expect(await screen.findByText('Tu compra no alcanza el mínimo del cupón.')).toBeInTheDocument();
    expect(screen.getByLabelText('Cupón de descuento')).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows the applied coupon with a way to remove it', () => {
    renderAt(<CouponForm cart={{ ...cart, coupon: { code: 'VERANO10' } }} />);
    expect(screen.getByText('VERANO10')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Quitar cupón' })).toBeInTheDocument();
  });
});
