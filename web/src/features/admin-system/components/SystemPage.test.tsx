import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import SystemPage from './SystemPage';
import { jsonResponse, renderAt } from '../../../testing/render';

const status = {
  node: { version: '0.1.0', host: 'web-1', uptime_seconds: 93784, started_at: '2026-12-06T04:00:00Z' },
  dependencies: [
    { name: 'database', status: 'ok', detail: 'mysql', round_trip_ms: 1.25, migrations_applied: 12, migrations_pending: 0, pool_size: 4, pool_in_use: 1 },
    { name: 'search_index', status: 'warning', detail: 'building', documents: 120, lag_changes: 500, seconds_since_sync: 0.5 },
    { name: 'disk', status: 'error', detail: '/var/lib/moderno', free_bytes: 50_000_000, size_bytes: 100_000_000_000 },
    { name: 'mail', status: 'ok', detail: 'smtp' },
    { name: 'cache', status: 'ok', detail: 'in-process', entries: 812, hit_ratio: 0.931 },
  ],
  jobs: { queued: 3, running: 1, done: 5210, dead: 2, backlog: 3, oldest_due_seconds: 4 },
  housekeeping: {
    interval_seconds: 3600, last_success_at: '2026-12-07T05:00:00Z',
    tables: [{ table: 'guest_carts', retention_days: 30, removed_since_start: 1400 }, { table: 'dead_jobs', retention_days: 90, removed_since_start: 0 }],
  },
};

const backups = {
  ready: true, not_ready_reason: null, schedule: 'daily@03:00', directory: '/var/backups/moderno', keep_daily: 7, keep_weekly: 4,
  last_success_at: '2026-12-07T03:00:05Z', pending: null,
  archives: [{ name: 'moderno-backup-20261207T030000Z.tar.gz', bytes: 12_345_678, created_at: '2026-12-07T03:00:00Z' }],
};

/** Answers the page's two reads from these bodies. */
function mockApi(system: unknown, backupStatus: unknown) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) =>
    jsonResponse(200, String(input).endsWith('/admin/backups') ? backupStatus : system));
}

describe('SystemPage', () => {
  it('shows the node, each dependency with its state, the jobs and housekeeping', async () => {
    const fetchMock = mockApi(status, backups);
    renderAt(<SystemPage />);
    expect(await screen.findByTestId('system-node')).toHaveTextContent('Nodo web-1 · versión 0.1.0 · en marcha hace 1 d 2 h');
    expect(fetchMock.mock.calls.map(([u]) => String(u))).toContain('/api/v1/admin/system');
    const db = screen.getByTestId('dep-database');
    expect(within(db).getByText('OK')).toBeInTheDocument();
    expect(db).toHaveTextContent('Base de datos');
    expect(db).toHaveTextContent('mysql · 1.25 ms · 0 migraciones pendientes · 1/4 conexiones en uso');
    expect(screen.getByTestId('dep-search_index')).toHaveTextContent('Revisar');
    expect(screen.getByTestId('dep-search_index')).toHaveTextContent('120 documentos · 500 cambios por aplicar');
    expect(screen.getByTestId('dep-disk')).toHaveTextContent('Falla');
    expect(screen.getByTestId('dep-disk')).toHaveTextContent('0,1 GB libres de 100 GB');
    expect(screen.getByTestId('dep-cache')).toHaveTextContent('812 entradas · 93 % de aciertos');
    expect(screen.getByTestId('system-jobs')).toHaveTextContent('Por ejecutar 3 · en curso 1 · fallidos 2 · terminados 5210');
    expect(screen.getByRole('link', { name: 'Ver los trabajos fallidos' })).toHaveAttribute('href', '/admin/trabajos');
    expect(screen.getByTestId('system-housekeeping')).toHaveTextContent('Última limpieza:');
    expect(screen.getByTestId('hk-guest_carts')).toHaveTextContent('guest_carts30 días1.400');
  });

  it('says when housekeeping has not run and hides the dead-jobs link when there are none', async () => {
    mockApi({ ...status, jobs: { ...status.jobs, dead: 0 }, housekeeping: { ...status.housekeeping, last_success_at: null } }, backups);
    renderAt(<SystemPage />);
    expect(await screen.findByTestId('system-housekeeping')).toHaveTextContent('Aún no se ha hecho una limpieza.');
    expect(screen.queryByRole('link', { name: 'Ver los trabajos fallidos' })).toBeNull();
  });

  it('lists the backups and backs up now: the button waits while the job runs', async () => {
    let pending: unknown = null;
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input);
      if (url.endsWith('/admin/backups') && init?.method === 'POST') {
        pending = { job_id: 41, status: 'queued' };
        return jsonResponse(202, { job_id: 41, status_url: '/api/v1/admin/jobs/41' });
      }
      return jsonResponse(200, url.endsWith('/admin/backups') ? { ...backups, pending } : status);
    });
    renderAt(<SystemPage />);
    expect(await screen.findByTestId('backups-last')).toHaveTextContent('Último respaldo:');
    expect(screen.getByTestId('backups-last')).toHaveTextContent('programados: daily@03:00 · se guardan 7 diarios y 4 semanales');
    expect(screen.getByTestId('backups-table')).toHaveTextContent('moderno-backup-20261207T030000Z.tar.gz');
    expect(screen.getByTestId('backups-table')).toHaveTextContent('12,3 MB');
    await userEvent.click(screen.getByRole('button', { name: 'Respaldar ahora' }));
    expect(await screen.findByRole('button', { name: 'Respaldando…' })).toBeDisabled();
    expect(fetchMock.mock.calls.some(([u, init]) => String(u) === '/api/v1/admin/backups' && init?.method === 'POST')).toBe(true);
  });

  it('says why a backup cannot be taken and offers no button to press', async () => {
    mockApi(status, { ...backups, ready: false, not_ready_reason: 'BACKUP_KEY_FILE is not set', archives: [], last_success_at: null, schedule: null });
    renderAt(<SystemPage />);
    expect(await screen.findByRole('alert')).toHaveTextContent('BACKUP_KEY_FILE is not set');
    expect(screen.getByRole('button', { name: 'Respaldar ahora' })).toBeDisabled();
    expect(screen.getByTestId('backups-last')).toHaveTextContent('Aún no hay respaldos · sin programación (BACKUP_SCHEDULE)');
    expect(screen.getByText('No hay respaldos en /var/backups/moderno de este nodo.')).toBeInTheDocument();
  });

  it('shows an error with a retry when the status cannot be read', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(403, { status: 403, detail: 'Forbidden' }));
    renderAt(<SystemPage />);
    expect(await screen.findByRole('button', { name: 'Reintentar' })).toBeInTheDocument();
  });
});
