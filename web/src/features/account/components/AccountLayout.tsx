import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { useSession } from '../../../lib/use-session';
import { isStaff } from '../../../lib/session';
import { translate, type MessageKey } from '../../../lib/i18n';

const LINKS: [string, MessageKey][] = [
  ['/cuenta', 'account.profile'],
  ['/cuenta/pedidos', 'account.orders'],
  ['/cuenta/direcciones', 'account.addresses'],
  ['/cuenta/contrasena', 'account.password'],
  ['/cuenta/privacidad', 'account.privacy'],
];

export default function AccountLayout() {
  const s = useSession();
  const location = useLocation();
  if (!s) return <Navigate to={`/ingresar?next=${encodeURIComponent(location.pathname)}`} replace />;
  return (
    <div className="mx-auto max-w-6xl px-4 py-6">
      <h1 className="mb-4 text-2xl font-bold">{translate('account.title')}</h1>
      <div className="grid gap-6 md:grid-cols-4">
        <nav aria-label={translate('account.title')}>
          <ul className="flex flex-wrap gap-2 md:flex-col">
            {[...LINKS, ...(isStaff(s.user.role) ? [['/cuenta/seguridad', 'account.security'] as [string, MessageKey]] : [])].map(([to, key]) => (
              <li key={to}>
                <NavLink to={to} end className={({ isActive }) => `block rounded px-3 py-2 text-sm ${isActive ? 'bg-indigo-50 font-semibold text-indigo-800' : 'hover:bg-slate-50'}`}>
                  {translate(key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="md:col-span-3"><Outlet /></div>
      </div>
    </div>
  );
}
