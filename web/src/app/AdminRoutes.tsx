// The admin route table, lazy-loaded as one chunk from the app router. It lives in app/ because it
// composes every admin-* feature inside the admin feature's layout.
// To add a page: create features/admin-<domain>/components/<Page>.tsx, import it lazily here,
// and replace the ComingSoon element of its path (the menu lives in features/admin/menu.ts).
import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import AdminLayout from '../features/admin/components/AdminLayout';
import ComingSoon from '../features/admin/components/ComingSoon';
import { RequireRole } from '../features/admin/components/RequireRole';
import { ADMIN_MENU } from '../features/admin/menu';
import { Loading, NotFound } from '../components/States';
import type { Role } from '../lib/session';

const AdminOrdersPage = lazy(() => import('../features/admin-orders/components/AdminOrdersPage'));
const AdminOrderDetailPage = lazy(() => import('../features/admin-orders/components/AdminOrderDetailPage'));
const DashboardPage = lazy(() => import('../features/admin-dashboard/components/DashboardPage'));
const ProductsPage = lazy(() => import('../features/admin-products/components/ProductsPage'));
const ProductEditPage = lazy(() => import('../features/admin-products/components/ProductEditPage'));
const CategoriesPage = lazy(() => import('../features/admin-categories/components/CategoriesPage'));
const BrandsPage = lazy(() => import('../features/admin-brands/components/BrandsPage'));
const InventoryPage = lazy(() => import('../features/admin-inventory/components/InventoryPage'));
const CouponsPage = lazy(() => import('../features/admin-coupons/components/CouponsPage'));
const ReviewsPage = lazy(() => import('../features/admin-reviews/components/ReviewsPage'));
const UsersPage = lazy(() => import('../features/admin-users/components/UsersPage'));
const AuditPage = lazy(() => import('../features/admin-audit/components/AuditPage'));
const JobsPage = lazy(() => import('../features/admin-jobs/components/JobsPage'));
const SystemPage = lazy(() => import('../features/admin-system/components/SystemPage'));

function page(role: Role, element: ReactNode) {
  return <RequireRole role={role}><Suspense fallback={<Loading />}>{element}</Suspense></RequireRole>;
}

const built: Record<string, ReactNode> = {
  pedidos: page('manager', <AdminOrdersPage />),
  'pedidos/:id': page('manager', <AdminOrderDetailPage />),
  '': page('manager', <DashboardPage />),
  productos: page('manager', <ProductsPage />),
  'productos/:id': page('manager', <ProductEditPage />),
  categorias: page('manager', <CategoriesPage />),
  marcas: page('manager', <BrandsPage />),
  inventario: page('manager', <InventoryPage />),
  cupones: page('manager', <CouponsPage />),
  opiniones: page('manager', <ReviewsPage />),
  usuarios: page('admin', <UsersPage />),
  auditoria: page('admin', <AuditPage />),
  trabajos: page('manager', <JobsPage />),
  sistema: page('admin', <SystemPage />),
};

export default function AdminRoutes() {
  return (
    <Routes>
      <Route element={<AdminLayout />}>
        {ADMIN_MENU.map((e) => (
          e.path === ''
            ? <Route key="index" index element={built[''] ?? page(e.role, <ComingSoon title={e.label} />)} />
            : <Route key={e.path} path={e.path} element={built[e.path] ?? page(e.role, <ComingSoon title={e.label} />)} />
        ))}
        <Route path="pedidos/:id" element={built['pedidos/:id']} />
        <Route path="productos/:id" element={built['productos/:id']} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
