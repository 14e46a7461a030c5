import { apiRequest, COOKIE_SESSION } from '../../../lib/api-client';
import { session } from '../../../lib/session';

/** Revokes the access token and the cookie's sign-in on the server (which clears the cookie), then forgets the session here whatever the answer. */
export async function logout(): Promise<void> {
  try {
    if (session.get()) await apiRequest('/auth/logout', { method: 'POST', headers: { ...COOKIE_SESSION } });
  } finally {
    session.clear();
  }
}
