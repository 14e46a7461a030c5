import { apiRequest } from '../../../lib/api-client';

export function resetPassword(body: { token: string; password: string }): Promise<void> {
  return apiRequest('/auth/reset-password', { method: 'POST', body, anonymous: true });
}
