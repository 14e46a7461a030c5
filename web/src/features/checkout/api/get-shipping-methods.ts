import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { checkoutKeys } from './query-keys';

export interface ShippingMethod {
  code: string;
  name: string;
  description: string | null;
  min_days: number;
  max_days: number;
  price: number;
  free_over: number | null;
  is_pickup: boolean;
}

export function getShippingMethods(region: string): Promise<{ data: ShippingMethod[]; currency: string }> {
  return apiRequest('/shipping-methods', { query: { region }, anonymous: true });
}

export function useShippingMethods(region: string | undefined) {
  return useQuery({ queryKey: checkoutKeys.shippingMethods(region), queryFn: () => getShippingMethods(region!), enabled: !!region, staleTime: 5 * 60_000 });
}
