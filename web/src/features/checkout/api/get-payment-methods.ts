import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { checkoutKeys } from './query-keys';

export interface PaymentMethod {
  code: 'manual' | 'cod' | 'sandbox' | 'stripe' | 'webpay' | 'stripe_checkout';
  label: string;
  requires_token: boolean;
  test_mode: boolean;
  /** Paid on the provider's own page (the order's next_action redirects there). */
  redirect?: boolean;
}

export function getPaymentMethods(): Promise<{ data: PaymentMethod[] }> {
  return apiRequest('/payment-methods', { anonymous: true });
}

export function usePaymentMethods() {
  return useQuery({ queryKey: checkoutKeys.paymentMethods, queryFn: getPaymentMethods, staleTime: 5 * 60_000 });
}
