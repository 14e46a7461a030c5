import { apiRequest } from '../../../lib/api-client';
import type { SessionUser } from '../../../lib/session';

export interface Registration {
  email: string;
  password: string;
  name: string;
  phone?: string;
}

export function register(body: Registration): Promise<SessionUser> {
  const payload = { ...body, phone: body.phone?.trim() ? body.phone.trim() : undefined };
  return apiRequest('/auth/register', { method: 'POST', body: payload, anonymous: true });
}
