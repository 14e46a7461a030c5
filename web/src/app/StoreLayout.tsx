import { Suspense, useEffect, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { SearchBox } from '../features/search/components/SearchBox';
import { CartDrawer } from '../features/cart/components/CartDrawer';
import { setCartDrawerOpen } from '../features/cart/components/cart-drawer-store';
import { useCart } from '../features/cart/api/get-cart';
import { unitCount } from '../features/cart/lib/cart-logic';
import { useCategories } from '../features/catalog/api/get-categories';
import { logout } from '../features/auth/api/logout';
import { accountKeys } from '../features/account/api/query-keys';
import { orderKeys } from '../features/orders/api/query-keys';
import { isStaff } from '../lib/session';
import { useSession } from '../lib/use-session';
import { useT } from '../lib/i18n';
import { Loading } from '../components/States';

export function StoreLayout() {
  const { t, locale, setLocale } = useT();
  const s = useSession();
  const cart = useCart();
  const categories = useCategories();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => { setMenuOpen(false); window.scrollTo(0, 0); }, [location.pathname]);
  const units = unitCount(cart.data);
  const signOut = async () => {
    await logout().catch(() => undefined);
    qc.removeQueries({ queryKey: accountKeys.me });
    qc.removeQueries({ queryKey: orderKeys.lists });
    qc.removeQueries({ queryKey: accountKeys.addresses });
    navigate('/');
  };
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">{t('app.skip')}</a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-3">
          <Link to="/" className="text-xl font-extrabold tracking-tight text-indigo-800">Moderno</Link>
          <div className="order-last w-full sm:order-none sm:flex-1"><SearchBox /></div>
          <nav aria-label="Cuenta" className="ml-auto flex items-center gap-3 text-sm">
            <button type="button" onClick={() => setLocale(locale === 'es' ? 'en' : 'es')} className="rounded px-2 py-1 hover:bg-slate-100" lang={locale === 'es' ? 'en' : 'es'}>
              {t('nav.language')}
            </button>
            {s && isStaff(s.user.role) && <Link to="/admin" className="hover:underline">{t('nav.admin')}</Link>}
            {s ? (
              <>
                <Link to="/cuenta" className="hover:underline" data-testid="account-link">{t('nav.account')}</Link>
                <button type="button" onClick={signOut} className="hover:underline">{t('nav.logout')}</button>
              </>
            ) : <Link to="/ingresar" className="hover:underline">{t('nav.login')}</Link>}
            <button type="button" onClick={() => setCartDrawerOpen(true)} className="relative rounded-md bg-indigo-700 px-3 py-2 font-semibold text-white" data-testid="cart-button">
              {t('nav.cart')} <span data-testid="cart-count">({units})</span>
            </button>
          </nav>
        </div>
        <div className="border-t border-slate-100">
          <div className="mx-auto max-w-7xl px-4">
            <button type="button" className="py-2 text-sm font-semibold md:hidden" aria-expanded={menuOpen} aria-controls="cat-menu" onClick={() => setMenuOpen(!menuOpen)}>
              ☰ {t('nav.categories')}
            </button>
            <ul id="cat-menu" className={`${menuOpen ? 'flex' : 'hidden'} flex-col gap-1 pb-2 text-sm md:flex md:min-h-[2.25rem] md:flex-row md:items-center md:gap-5 md:pb-0`}>
              {categories.data?.data.map((c) => (
                <li key={c.id}><Link to={`/categoria/${c.slug}`} className="block py-1 hover:text-indigo-700 hover:underline">{c.name}</Link></li>
              ))}
            </ul>
          </div>
        </div>
      </header>
      <main id="main" className="min-h-screen flex-1">
        <Suspense fallback={<Loading />}><Outlet /></Suspense>
      </main>
      <footer className="mt-10 border-t border-slate-200 bg-slate-50">
        <div className="mx-auto max-w-7xl px-4 py-6 text-sm text-slate-700">
          © eCommerce Moderno · Santiago, Chile · Precios en pesos chilenos con IVA incluido.
        </div>
      </footer>
      <CartDrawer />
    </div>
  );
}
