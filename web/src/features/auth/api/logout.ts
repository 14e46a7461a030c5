import { apiRequest } from '../../../lib/api-client';
import { session } from '../../../lib/session';

/** Revokes the tokens on the server, then forgets the session here whatever the answer. */
export async function logout(): Promise<void> {
  const s = session.get();
  try {
    if (s) await apiRequest('/auth/logout', { method: 'POST', body: { refresh_token: s.refresh_token } });
  } finally {
    session.clear();
  }
}
