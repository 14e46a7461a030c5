import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import RegisterPage from './RegisterPage';
import { jsonResponse, renderAt } from '../../../testing/render';
import { session } from '../../../lib/session';

const validation = {
  type: 'https://moderno.dev/problems/validation', status: 422, detail: 'The request has invalid fields.',
  errors: [
    { field: 'email', code: 'invalid', message: 'must be a valid email address' },
    { field: 'name', code: 'required', message: 'name is required' },
    { field: 'password', code: 'missing_uppercase', message: 'must contain an upper-case letter' },
    { field: 'password', code: 'missing_symbol', message: 'must contain a symbol' },
  ],
};

describe('RegisterPage', () => {
  it('shows each server error under its own field and marks the field invalid', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(422, validation));
    renderAt(<RegisterPage />, { path: '/registro', route: '/registro' });
    await userEvent.type(screen.getByLabelText('Correo electrónico'), 'x@');
    await userEvent.type(screen.getByLabelText('Contraseña'), 'clave-1234');
    await userEvent.click(screen.getByRole('button', { name: 'Crear cuenta' }));

    const email = await screen.findByLabelText('Correo electrónico');
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription('Ingresa un correo válido.');
    expect(screen.getByLabelText('Nombre completo')).toHaveAccessibleDescription('Este campo es obligatorio.');
    const password = screen.getByLabelText('Contraseña');
    expect(password).toHaveAccessibleDescription(expect.stringContaining('Debe incluir una letra mayúscula.'));
    expect(password).toHaveAccessibleDescription(expect.stringContaining('Debe incluir un símbolo.'));
    expect(screen.getByLabelText('Teléfono (opcional)')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('alert')).toHaveTextContent('Revisa los campos marcados.');
  });

  it('registers, signs in and leaves the page', async () => {
    const user = { id: 9, email: 'ana@ejemplo.cl', name: 'Ana', role: 'customer', email_verified: false };
    const fetchMock = vi.spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(jsonResponse(201, user))
      .mockResolvedValueOnce(jsonResponse(200, { access_token: 'AT', user }));
    renderAt(<RegisterPage />, { path: '/registro', route: '/registro' });
    await userEvent.type(screen.getByLabelText('Nombre completo'), 'Ana');
    await userEvent.type(screen.getByLabelText('Correo electrónico'), 'ana@ejemplo.cl');
    await userEvent.type(screen.getByLabelText('Contraseña'), 'Clave-Segura-2026');
    await userEvent.click(screen.getByRole('button', { name: 'Crear cuenta' }));
    await screen.findByText('at another page');
    expect(JSON.parse(String(fetchMock.mock.calls[0][1]!.body))).toEqual({ name: 'Ana', email: 'ana@ejemplo.cl', password: 'Clave-Segura-2026' });
    expect(fetchMock.mock.calls[1][0]).toBe('/api/v1/auth/login');
    expect(session.get()?.access_token).toBe('AT');
    session.clear();
  });
});
