import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { session } from '../../../lib/session';
import { accountKeys } from './query-keys';

export interface TwoFactorStatus {
  enabled: boolean;
  enabled_at: string | null;
  recovery_codes_left: number;
  /** The shop requires it for this role (STAFF_2FA=required). */
  required: boolean;
}

export interface TwoFactorSetup {
  secret: string;
  otpauth_uri: string;
}

/** A code of the app, or a recovery code. */
export type SecondFactor = { code: string } | { recovery_code: string };

export function useTwoFactor() {
  return useQuery({ queryKey: accountKeys.twoFactor, queryFn: () => apiRequest<TwoFactorStatus>('/me/2fa') });
}

export function setupTwoFactor(): Promise<TwoFactorSetup> {
  return apiRequest('/me/2fa/setup', { method: 'POST' });
}

/** Turns it on with the first code; the answer's recovery codes are shown once. */
export async function enableTwoFactor(code: string): Promise<{ recovery_codes: string[] }> {
  const r = await apiRequest<{ recovery_codes: string[] }>('/me/2fa/enable', { method: 'POST', body: { code } });
  const s = session.get();
  if (s?.two_factor_setup_required) session.set({ ...s, two_factor_setup_required: false });
  return r;
}

export function disableTwoFactor(body: { password: string } & SecondFactor): Promise<void> {
  return apiRequest('/me/2fa/disable', { method: 'POST', body });
}

export function regenerateRecoveryCodes(body: SecondFactor): Promise<{ recovery_codes: string[] }> {
  return apiRequest('/me/2fa/recovery-codes', { method: 'POST', body });
}
