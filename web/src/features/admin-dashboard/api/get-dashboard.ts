import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { dashboardKeys } from './query-keys';

export type DashboardPeriod = 'today' | '7d' | '30d';

/** The figures of a range of days (docs/API.md, Staff: dashboard). Money in minor units; rates 0..1. */
export interface Figures {
  from: string;
  to: string;
  revenue: number;
  gross_revenue?: number;
  refunds?: number;
  orders: number;
  placed_amount?: number;
  paid_orders?: number;
  average_order_value: number;
  units_sold?: number;
  cancelled_orders?: number;
  cancellation_rate?: number;
  new_customers?: number;
  carts_created?: number;
  conversion_rate?: number;
  orders_by_status?: Record<string, number>;
}

export interface Dashboard {
  period: DashboardPeriod;
  low_stock?: number;
  current: Figures;
  previous?: Figures;
}

export function getDashboard(period: DashboardPeriod): Promise<Dashboard> {
  return apiRequest('/admin/dashboard', { query: { period } });
}

export function useDashboard(period: DashboardPeriod) {
  return useQuery({ queryKey: dashboardKeys.period(period), queryFn: () => getDashboard(period), staleTime: 15_000 });
}
