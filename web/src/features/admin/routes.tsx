// The admin route table, lazy-loaded as one chunk from the app router.
// To add a page: create features/admin-<domain>/components/<Page>.tsx, import it lazily here,
// and replace the ComingSoon element of its path (the menu lives in ../admin/menu.ts).
import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import AdminLayout from './components/AdminLayout';
import ComingSoon from './components/ComingSoon';
import { RequireRole } from './components/RequireRole';
import { ADMIN_MENU } from './menu';
import { Loading, NotFound } from '../../components/States';
import type { Role } from '../../lib/session';

const AdminOrdersPage = lazy(() => import('../admin-orders/components/AdminOrdersPage'));
const AdminOrderDetailPage = lazy(() => import('../admin-orders/components/AdminOrderDetailPage'));
const DashboardPage = lazy(() => import('../admin-dashboard/components/DashboardPage'));
const ProductsPage = lazy(() => import('../admin-products/components/ProductsPage'));
const ProductEditPage = lazy(() => import('../admin-products/components/ProductEditPage'));
const CategoriesPage = lazy(() => import('../admin-categories/components/CategoriesPage'));
const BrandsPage = lazy(() => import('../admin-brands/components/BrandsPage'));
const InventoryPage = lazy(() => import('../admin-inventory/components/InventoryPage'));
const CouponsPage = lazy(() => import('../admin-coupons/components/CouponsPage'));
const ReviewsPage = lazy(() => import('../admin-reviews/components/ReviewsPage'));
const UsersPage = lazy(() => import('../admin-users/components/UsersPage'));
const AuditPage = lazy(() => import('../admin-audit/components/AuditPage'));
const JobsPage = lazy(() => import('../admin-jobs/components/JobsPage'));

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
