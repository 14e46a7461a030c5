import { apiRequest } from '../../../lib/api-client';
import { session, type Session } from '../../../lib/session';

export function login(body: { email: string; password: string }): Promise<Session> {
  return apiRequest<Session>('/auth/login', { method: 'POST', body, anonymous: true }).then((s) => {
    session.set(s);
    return s;
  });
}
