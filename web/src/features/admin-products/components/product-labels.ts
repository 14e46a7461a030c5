// The product table's status filter values and a product's state as its status column shows it
// (texts: products.status.* and products.row.* in config/messages/admin-*.ts).
import type { ProductStatus } from '../api/list-products';

export const STATUSES: ProductStatus[] = ['active', 'inactive', 'deleted', 'all'];

/** The state of a product as the table's status column says it. */
export function rowStatus(p: { is_active: boolean; deleted_at: string | null }): 'active' | 'inactive' | 'deleted' {
  return p.deleted_at ? 'deleted' : p.is_active ? 'active' : 'inactive';
}
