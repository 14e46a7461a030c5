import { Link, Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { ADMIN_MENU } from '../menu';
import { hasRole, isStaff } from '../../../lib/session';
import { useSession } from '../../../lib/use-session';
import { translate } from '../../../lib/i18n';

/** The staff area: only manager and above; the menu lists what the role may use. */
export default function AdminLayout() {
  const s = useSession();
  const location = useLocation();
  if (!s) return <Navigate to={`/ingresar?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (!isStaff(s.user.role)) {
    return (
      <main id="main" className="mx-auto max-w-xl p-10 text-center">
        <h1 className="text-2xl font-bold">{translate('admin.title')}</h1>
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-6 text-red-800" data-testid="admin-forbidden">{translate('admin.forbidden')}</p>
        <Link to="/" className="mt-4 inline-block text-indigo-700 underline">{translate('admin.backToStore')}</Link>
      </main>
    );
  }
  // STAFF_2FA=required: the staff area waits until the second factor is set up.
  if (s.two_factor_setup_required) return <Navigate to="/cuenta/seguridad?required=1" replace />;
  const entries = ADMIN_MENU.filter((e) => hasRole(s.user.role, e.role));
  return (
    <div className="min-h-screen bg-slate-50 md:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">{translate('app.skip')}</a>
      <aside className="bg-slate-900 text-slate-100 md:min-h-screen md:w-60 md:shrink-0">
        <div className="p-4">
          <Link to="/admin" className="text-lg font-bold">Moderno · {translate('admin.title')}</Link>
          <p className="mt-1 text-xs text-slate-300">{s.user.name} ({s.user.role})</p>
        </div>
        <nav aria-label={translate('admin.title')}>
          <ul className="flex flex-wrap gap-1 px-2 pb-2 md:flex-col">
            {entries.map((e) => (
              <li key={e.path}>
                <NavLink to={`/admin${e.path ? `/${e.path}` : ''}`} end={e.path === ''}
                  className={({ isActive }) => `block rounded px-3 py-2 text-sm ${isActive ? 'bg-indigo-700 font-semibold text-white' : 'hover:bg-slate-800'}`}>
                  {translate(e.label)}
                </NavLink>
              </li>
            ))}
            <li><Link to="/" className="block rounded px-3 py-2 text-sm text-slate-300 hover:bg-slate-800">← {translate('admin.backToStore')}</Link></li>
          </ul>
        </nav>
      </aside>
      <main id="main" className="min-w-0 flex-1 p-4 md:p-6"><Outlet /></main>
    </div>
  );
}
