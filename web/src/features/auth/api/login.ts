import { apiRequest, COOKIE_SESSION } from '../../../lib/api-client';
import { session, type Session } from '../../../lib/session';

/** A correct password of an account with two-factor sign-in: the second step needs a code. */
export interface TwoFactorChallenge {
  two_factor_required: true;
  challenge_token: string;
  expires_in: number;
}

export function isChallenge(r: Session | TwoFactorChallenge): r is TwoFactorChallenge {
  return 'two_factor_required' in r && r.two_factor_required === true;
}

/**
 * Signs in: the access token stays in memory, the refresh token in the server's HttpOnly cookie.
 * With two-factor sign-in on, the answer is the challenge of the second step instead.
 */
export async function login(body: { email: string; password: string }): Promise<Session | TwoFactorChallenge> {
  const r = await apiRequest<Session | TwoFactorChallenge>('/auth/login', { method: 'POST', body, anonymous: true, headers: { ...COOKIE_SESSION } });
  if (!isChallenge(r)) session.set(r);
  return r;
}

/** The second step: the challenge with the app's code or a recovery code. */
export async function completeLogin(body: { challenge_token: string; code?: string; recovery_code?: string }): Promise<Session> {
  const s = await apiRequest<Session>('/auth/login/2fa', { method: 'POST', body, anonymous: true, headers: { ...COOKIE_SESSION } });
  session.set(s);
  return s;
}
