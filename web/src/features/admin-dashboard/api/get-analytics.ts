import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Figures } from './get-dashboard';
import { analyticsKeys } from './query-keys';

export interface SeriesPoint {
  period: string;
  revenue: number;
  orders: number;
  paid_orders?: number;
  units_sold?: number;
}

export interface Breakdown {
  id: number;
  name: string;
  sku?: string;
  units: number;
  revenue: number;
}

export interface Analytics {
  from: string;
  to: string;
  group_by: string;
  totals?: Figures;
  series: SeriesPoint[];
  sales_by_category?: Breakdown[];
  sales_by_brand?: Breakdown[];
  top_products?: { by_units?: Breakdown[]; by_revenue?: Breakdown[] };
}

export interface AnalyticsQuery {
  from: string;
  to: string;
  group_by?: 'day' | 'week' | 'month';
}

export function getAnalytics(q: AnalyticsQuery): Promise<Analytics> {
  return apiRequest('/admin/analytics', { query: { ...q, group_by: q.group_by ?? 'day' } });
}

export function useAnalytics(q: AnalyticsQuery | null) {
  return useQuery({
    queryKey: analyticsKeys.range(q),
    queryFn: () => getAnalytics(q as AnalyticsQuery),
    enabled: q !== null,
    staleTime: 15_000,
  });
}
