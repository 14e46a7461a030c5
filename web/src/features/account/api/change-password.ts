import { apiRequest, COOKIE_SESSION } from '../../../lib/api-client';
import { session, type Session } from '../../../lib/session';

/** Changes the password; every other session ends, so the answer's token (and the new cookie) replace ours. */
export async function changePassword(body: { current_password: string; new_password: string }): Promise<Session> {
  const s = await apiRequest<Session>('/me/password', { method: 'PUT', body, headers: { ...COOKIE_SESSION } });
  session.set(s);
  return s;
}
