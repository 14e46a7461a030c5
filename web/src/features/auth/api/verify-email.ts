import { apiRequest } from '../../../lib/api-client';

export function verifyEmail(token: string): Promise<{ email_verified: boolean }> {
  return apiRequest('/auth/verify-email', { method: 'POST', body: { token }, anonymous: true });
}
