import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { OrderSummary, Page } from '../../../lib/types';
import { orderKeys } from './query-keys';

export function getOrders(page = 1): Promise<Page<OrderSummary>> {
  return apiRequest('/orders', { query: { page, limit: 20 } });
}

export function useOrders(page = 1) {
  return useQuery({ queryKey: orderKeys.list(page), queryFn: () => getOrders(page) });
}
