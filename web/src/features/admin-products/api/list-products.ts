import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminProductKeys } from './query-keys';

/** Which products the staff table shows; absent means active and inactive (not deleted). */
export type ProductStatus = 'active' | 'inactive' | 'deleted' | 'all';
export type ProductSortKey = 'name' | 'price' | 'stock' | 'updated_at' | 'created_at';
/** A sort key, ascending, or descending with a leading `-`. */
export type ProductSort = ProductSortKey | `-${ProductSortKey}`;

export interface ProductListQuery {
  q?: string;
  status?: ProductStatus;
  category_id?: number;
  brand_id?: number;
  sort?: ProductSort;
  page?: number;
  limit?: number;
}

/** A row of GET /admin/products. */
export interface AdminProductRow {
  id: number;
  sku: string;
  name: string;
  slug: string;
  price: number;
  compare_price: number | null;
  currency: string;
  is_active: boolean;
  is_featured: boolean;
  deleted_at: string | null;
  category: { id: number; name: string } | null;
  brand: { id: number; name: string } | null;
  /** Available units over every warehouse and variant. */
  stock: number;
  variants_count: number;
  image: string | null;
  updated_at: string;
  created_at: string;
}

export interface AdminProductPage {
  items: AdminProductRow[];
  total: number;
  page: number;
  limit: number;
  pages: number;
}

/** The staff product table: inactive products too, deleted ones with `status`. */
export function listProducts(q: ProductListQuery): Promise<AdminProductPage> {
  return apiRequest('/admin/products', { query: { limit: 20, ...q } });
}

export function useProducts(q: ProductListQuery) {
  return useQuery({ queryKey: adminProductKeys.list(q), queryFn: () => listProducts(q), placeholderData: keepPreviousData, staleTime: 0 });
}
