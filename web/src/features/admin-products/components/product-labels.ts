// Text of the product table that lib/i18n-admin does not have yet (status filter and column),
// in the same two languages and chosen the same way.
import { getLocale } from '../../../lib/i18n-store';
import type { ProductStatus } from '../api/list-products';

const es = {
  'status.default': 'Activos e inactivos',
  'status.active': 'Activos',
  'status.inactive': 'Inactivos',
  'status.deleted': 'Eliminados',
  'status.all': 'Todos, también eliminados',
  'row.active': 'Activo',
  'row.inactive': 'Inactivo',
  'row.deleted': 'Eliminado',
  'column.updated': 'Actualizado',
  'deletedNotice': 'Este producto fue eliminado el {date}: ya no está en la tienda y no se puede modificar.',
  'inactiveNotice': 'Este producto está inactivo: no se muestra en la tienda.',
  'variantsCount': '{n} variantes',
} as const;

type Key = keyof typeof es;

const en: Record<Key, string> = {
  'status.default': 'Active and inactive',
  'status.active': 'Active',
  'status.inactive': 'Inactive',
  'status.deleted': 'Deleted',
  'status.all': 'All, deleted included',
  'row.active': 'Active',
  'row.inactive': 'Inactive',
  'row.deleted': 'Deleted',
  'column.updated': 'Updated',
  'deletedNotice': 'This product was deleted on {date}: it is no longer in the store and cannot be changed.',
  'inactiveNotice': 'This product is inactive: the store does not show it.',
  'variantsCount': '{n} variants',
};

export function pl(key: Key, vars?: Record<string, string | number>): string {
  const text: string = getLocale() === 'en' ? en[key] : es[key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

export const STATUSES: ProductStatus[] = ['active', 'inactive', 'deleted', 'all'];

/** The state of a product as the table's status column says it. */
export function rowStatus(p: { is_active: boolean; deleted_at: string | null }): 'active' | 'inactive' | 'deleted' {
  return p.deleted_at ? 'deleted' : p.is_active ? 'active' : 'inactive';
}
