import { apiRequest } from '../../../lib/api-client';

export function forgotPassword(email: string): Promise<{ status: string; detail: string }> {
  return apiRequest('/auth/forgot-password', { method: 'POST', body: { email }, anonymous: true });
}
