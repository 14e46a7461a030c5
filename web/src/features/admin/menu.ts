// The admin menu: each entry names the least role that may use it (docs/API.md, Roles).
import type { Role } from '../../lib/session';
import type { MessageKey } from '../../lib/i18n';

export interface AdminMenuEntry {
  path: string;
  label: MessageKey;
  role: Role;
}

export const ADMIN_MENU: AdminMenuEntry[] = [
  { path: '', label: 'admin.dashboard', role: 'manager' },
  { path: 'pedidos', label: 'admin.orders', role: 'manager' },
  { path: 'productos', label: 'admin.products', role: 'manager' },
  { path: 'categorias', label: 'admin.categories', role: 'manager' },
  { path: 'marcas', label: 'admin.brands', role: 'manager' },
  { path: 'inventario', label: 'admin.inventory', role: 'manager' },
  { path: 'cupones', label: 'admin.coupons', role: 'manager' },
  { path: 'opiniones', label: 'admin.reviews', role: 'manager' },
  { path: 'usuarios', label: 'admin.users', role: 'admin' },
  { path: 'auditoria', label: 'admin.audit', role: 'admin' },
  { path: 'trabajos', label: 'admin.jobs', role: 'manager' },
  { path: 'sistema', label: 'admin.system', role: 'admin' },
];
