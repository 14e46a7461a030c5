import { afterEach, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import AdminLayout from './AdminLayout';
import { renderAt } from '../../../testing/render';
import { session } from '../../../lib/session';

const admin = { id: 1, email: 'admin@moderno.cl', name: 'Admin', role: 'admin' as const, email_verified: true };

describe('AdminLayout', () => {
  afterEach(() => session.clear());

  it('sends an admin who must still set up two-step verification to the security page', () => {
    session.set({ access_token: 'AT', user: admin, two_factor_setup_required: true });
    renderAt(<AdminLayout />, { path: '/admin', route: '/admin' });
    expect(screen.getByText('at another page')).toBeInTheDocument();
    expect(JSON.parse(localStorage.getItem('moderno.session')!).two_factor_setup_required).toBe(true);
  });

  it('opens the staff area once it is set up', () => {
    session.set({ access_token: 'AT', user: admin, two_factor_setup_required: false });
    renderAt(<AdminLayout />, { path: '/admin', route: '/admin' });
    expect(screen.queryByText('at another page')).toBeNull();
    expect(screen.getByRole('navigation')).toBeInTheDocument();
  });

  it('shows the Sistema page to admins only', () => {
    session.set({ access_token: 'AT', user: admin, two_factor_setup_required: false });
    const { unmount } = renderAt(<AdminLayout />, { path: '/admin', route: '/admin' });
    expect(screen.getByRole('link', { name: 'Sistema' })).toHaveAttribute('href', '/admin/sistema');
    unmount();
    session.set({ access_token: 'AT', user: { ...admin, role: 'manager' }, two_factor_setup_required: false });
    renderAt(<AdminLayout />, { path: '/admin', route: '/admin' });
    expect(screen.getByRole('navigation')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Sistema' })).toBeNull();
  });
});
