// The staff product pages' TanStack Query keys, all under 'admin-products'.
import type { ProductListQuery } from './list-products';

export const adminProductKeys = {
  /** Every filtered list (prefix). */
  lists: ['admin-products', 'list'] as const,
  list: (q: ProductListQuery) => ['admin-products', 'list', q] as const,
  /** Every product being edited (prefix). */
  details: ['admin-products', 'detail'] as const,
  detail: (id: string | undefined) => ['admin-products', 'detail', id] as const,
  /** Stock per warehouse of every product (prefix; live stock events refresh it). */
  stockLevels: ['admin-products', 'stock-levels'] as const,
  stockLevelsOf: (productId: number) => ['admin-products', 'stock-levels', productId] as const,
  warehouseOptions: ['admin-products', 'warehouse-options'] as const,
  brandOptions: ['admin-products', 'brand-options'] as const,
  categoryOptions: ['admin-products', 'category-options'] as const,
};
