import { apiRequest } from '../../../lib/api-client';

/** Downloads everything stored about the account as mis-datos.json. */
export async function exportMe(): Promise<void> {
  const data = await apiRequest<unknown>('/me/export');
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = 'mis-datos.json';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
