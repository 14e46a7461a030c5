import { apiRequest } from '../../../lib/api-client';
import { session } from '../../../lib/session';

export async function deleteMe(password: string): Promise<void> {
  await apiRequest('/me', { method: 'DELETE', body: { password } });
  session.clear();
}
