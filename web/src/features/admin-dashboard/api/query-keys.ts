// The dashboard's TanStack Query keys (live events invalidate them, app/live-query-keys).
import type { AnalyticsQuery } from './get-analytics';
import type { DashboardPeriod } from './get-dashboard';

export const dashboardKeys = {
  all: ['admin-dashboard'] as const,
  period: (p: DashboardPeriod) => ['admin-dashboard', p] as const,
};

export const analyticsKeys = {
  all: ['admin-analytics'] as const,
  range: (q: AnalyticsQuery | null) => ['admin-analytics', q] as const,
};
