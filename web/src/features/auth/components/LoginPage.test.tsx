import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import LoginPage from './LoginPage';
import { jsonResponse, renderAt } from '../../../testing/render';
import { session } from '../../../lib/session';

const user = { id: 3, email: 'admin@moderno.cl', name: 'Admin', role: 'admin', email_verified: true };
const challenge = { two_factor_required: true, challenge_token: 'CH', expires_in: 300, methods: ['totp', 'recovery_code'] };

async function signInWithPassword() {
  renderAt(<LoginPage />, { path: '/ingresar', route: '/ingresar' });
  await userEvent.type(screen.getByLabelText('Correo electrónico'), user.email);
  await userEvent.type(screen.getByLabelText('Contraseña'), 'Admin#2026');
  await userEvent.click(screen.getByRole('button', { name: 'Ingresar' }));
}

describe('LoginPage with two-step verification', () => {
  it('asks for the code after a correct password and signs in only then', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(jsonResponse(200, challenge))
      .mockResolvedValueOnce(jsonResponse(422, {
        status: 422, detail: 'The request has invalid fields.',
        errors: [{ field: 'code', code: 'incorrect', message: 'is not the current code of your authenticator app' }],
      }))
      .mockResolvedValueOnce(jsonResponse(200, { access_token: 'AT', user }));
    await signInWithPassword();
    const code = await screen.findByLabelText('Código de verificación');
    expect(session.get()).toBeNull();

    await userEvent.type(code, '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Verificar' }));
    await waitFor(() => expect(screen.getByLabelText('Código de verificación')).toHaveAccessibleDescription('El código no es correcto o ya se usó.'));
    expect(session.get()).toBeNull();

    await userEvent.clear(screen.getByLabelText('Código de verificación'));
    await userEvent.type(screen.getByLabelText('Código de verificación'), '654 321');
    await userEvent.click(screen.getByRole('button', { name: 'Verificar' }));
    await screen.findByText('at another page');
    expect(fetchMock.mock.calls[2][0]).toBe('/api/v1/auth/login/2fa');
    expect(JSON.parse(String(fetchMock.mock.calls[2][1]!.body))).toEqual({ challenge_token: 'CH', code: '654321' });
    expect(session.get()?.access_token).toBe('AT');
    session.clear();
  });

  it('takes a recovery code instead, and offers to start over when the challenge is gone', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(jsonResponse(200, challenge))
      .mockResolvedValueOnce(jsonResponse(401, { status: 401, detail: 'The sign-in challenge is invalid, expired or used up; sign in again.' }));
    await signInWithPassword();
    await userEvent.click(await screen.findByRole('button', { name: 'Usar un código de recuperación' }));
    await userEvent.type(screen.getByLabelText('Código de recuperación'), 'abcde-fghij');
    await userEvent.click(screen.getByRole('button', { name: 'Verificar' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('La verificación expiró');
    expect(JSON.parse(String(fetchMock.mock.calls[1][1]!.body))).toEqual({ challenge_token: 'CH', recovery_code: 'abcde-fghij' });
    await userEvent.click(screen.getByRole('button', { name: 'Ingresa de nuevo' }));
    expect(screen.getByLabelText('Contraseña')).toHaveValue('');
  });
});
