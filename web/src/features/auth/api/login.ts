import { apiRequest, COOKIE_SESSION } from '../../../lib/api-client';
import { session, type Session } from '../../../lib/session';

/** Signs in: the access token stays in memory, the refresh token in the server's HttpOnly cookie. */
export function login(body: { email: string; password: string }): Promise<Session> {
  return apiRequest<Session>('/auth/login', { method: 'POST', body, anonymous: true, headers: { ...COOKIE_SESSION } }).then((s) => {
    session.set(s);
    return s;
  });
}
