import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { StoreLayout } from './StoreLayout';
import HomePage from '../features/catalog/components/HomePage';
import { Loading, NotFound } from '../components/States';
import { cartKeys } from '../features/cart/api/query-keys';
import { loadAdminMessages } from '../lib/i18n';

// Everything but the home page loads on demand; the admin area is one separate chunk.
const CategoryPage = lazy(() => import('../features/catalog/components/CategoryPage'));
const ProductPage = lazy(() => import('./pages/ProductPage'));
const SearchPage = lazy(() => import('../features/search/components/SearchPage'));
const CartPage = lazy(() => import('../features/cart/components/CartPage'));
const CheckoutPage = lazy(() => import('./pages/CheckoutPage'));
const ConfirmationPage = lazy(() => import('../features/orders/components/ConfirmationPage'));
const LoginPage = lazy(() => import('../features/auth/components/LoginPage'));
const RegisterPage = lazy(() => import('../features/auth/components/RegisterPage'));
const ForgotPasswordPage = lazy(() => import('../features/auth/components/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('../features/auth/components/ResetPasswordPage'));
const VerifyEmailPage = lazy(() => import('../features/auth/components/VerifyEmailPage'));
const AccountLayout = lazy(() => import('../features/account/components/AccountLayout'));
const ProfilePage = lazy(() => import('../features/account/components/ProfilePage'));
const AddressesPage = lazy(() => import('../features/account/components/AddressesPage'));
const PasswordPage = lazy(() => import('../features/account/components/PasswordPage'));
const SecurityPage = lazy(() => import('../features/account/components/SecurityPage'));
const PrivacyPage = lazy(() => import('../features/account/components/PrivacyPage'));
const OrdersPage = lazy(() => import('../features/orders/components/OrdersPage'));
const OrderDetailPage = lazy(() => import('../features/orders/components/OrderDetailPage'));
const PaymentReturnPage = lazy(() => import('../features/orders/components/PaymentReturnPage'));
// The staff texts come with the admin chunk: its pages render once both are loaded.
const AdminRoutes = lazy(() => Promise.all([import('./AdminRoutes'), loadAdminMessages()]).then(([m]) => m));

export function AppRoutes() {
  const qc = useQueryClient();
  // After signing in the next cart call carries the token and the guest cookie: the server merges them.
  const refreshCart = () => void qc.invalidateQueries({ queryKey: cartKeys.all });
  return (
    <Routes>
      <Route path="/admin/*" element={<Suspense fallback={<Loading />}><AdminRoutes /></Suspense>} />
      <Route element={<StoreLayout />}>
        <Route index element={<HomePage />} />
        <Route path="categoria/:slug" element={<CategoryPage />} />
        <Route path="producto/:slug" element={<ProductPage />} />
        <Route path="buscar" element={<SearchPage />} />
        <Route path="carro" element={<CartPage />} />
        <Route path="checkout" element={<CheckoutPage />} />
        <Route path="pedido-confirmado/:id" element={<ConfirmationPage />} />
        <Route path="ingresar" element={<LoginPage onSignedIn={refreshCart} />} />
        <Route path="registro" element={<RegisterPage onSignedIn={refreshCart} />} />
        <Route path="recuperar" element={<ForgotPasswordPage />} />
        <Route path="restablecer" element={<ResetPasswordPage />} />
        <Route path="verificar" element={<VerifyEmailPage />} />
        <Route path="cuenta" element={<AccountLayout />}>
          <Route index element={<ProfilePage />} />
          <Route path="pedidos" element={<OrdersPage />} />
          <Route path="pedidos/:id" element={<OrderDetailPage />} />
          <Route path="pedidos/:id/pago" element={<PaymentReturnPage />} />
          <Route path="direcciones" element={<AddressesPage />} />
          <Route path="contrasena" element={<PasswordPage />} />
          <Route path="seguridad" element={<SecurityPage />} />
          <Route path="privacidad" element={<PrivacyPage />} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
