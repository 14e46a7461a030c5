import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import DashboardPage from './DashboardPage';
import { jsonResponse, renderAt } from '../../../testing/render';

// The charts (Recharts) are their own lazy chunk; here only the range they are given matters.
vi.mock('./DashboardCharts', () => ({
  default: ({ from, to }: { from: string; to: string }) => <p data-testid="charts">charts {from} {to}</p>,
}));

const figures = (over: Record<string, unknown>) => ({
  from: '2026-11-22', to: '2026-11-28', revenue: 1187400, gross_revenue: 1210000, refunds: 22600, orders: 41,
  paid_orders: 37, average_order_value: 32703, conversion_rate: 0.3154, orders_by_status: { delivered: 20 }, ...over,
});

describe('DashboardPage', () => {
  it('renders the KPIs of the period with the change against the previous one', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const period = new URL(String(input), 'http://x').searchParams.get('period');
      return jsonResponse(200, {
        period, low_stock: 3,
        current: figures(period === '30d' ? { revenue: 5000000, orders: 150 } : {}),
        previous: figures({ from: '2026-11-15', to: '2026-11-21', revenue: 1000000, orders: 50, average_order_value: 32703, conversion_rate: 0.25 }),
      });
    });
    renderAt(<DashboardPage />);
    const revenue = await screen.findByTestId('kpi-revenue');
    expect(within(revenue).getByTestId('kpi-value')).toHaveTextContent('$1.187.400');
    expect(revenue).toHaveTextContent('+18,7 % vs. periodo anterior');
    expect(within(screen.getByTestId('kpi-orders')).getByTestId('kpi-value')).toHaveTextContent('41');
    expect(screen.getByTestId('kpi-orders')).toHaveTextContent('−18 % vs. periodo anterior');
    expect(within(screen.getByTestId('kpi-aov')).getByTestId('kpi-value')).toHaveTextContent('$32.703');
    expect(within(screen.getByTestId('kpi-conversion')).getByTestId('kpi-value')).toHaveTextContent('31,5 %');
    expect(within(screen.getByTestId('kpi-low-stock')).getByTestId('kpi-value')).toHaveTextContent('3');
    expect(await screen.findByTestId('charts')).toHaveTextContent('charts 2026-11-22 2026-11-28');
    expect(String(fetchMock.mock.calls[0][0])).toBe('/api/v1/admin/dashboard?period=7d');

    await userEvent.click(screen.getByRole('button', { name: '30 días' }));
    expect(await screen.findByText('$5.000.000')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '30 días' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('shows an error with a retry when the dashboard fails', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(500, { status: 500, detail: 'An internal error occurred; it has been logged.' }));
    renderAt(<DashboardPage />);
    expect(await screen.findByRole('button', { name: 'Reintentar' })).toBeInTheDocument();
  });
});
