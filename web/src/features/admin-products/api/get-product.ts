import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ProductSummary } from '../../../lib/types';
import { adminProductKeys } from './query-keys';

export interface ProductImage {
  id?: number;
  url: string;
  alt: string | null;
  position?: number;
}

export interface ProductVariant {
  id: number;
  name: string;
  sku: string;
  price: number;
  compare_price: number | null;
  options: Record<string, string>;
  barcode: string | null;
  stock: number;
}

/** One inventory row of the product (variant_id null) or of one variant, in one warehouse. */
export interface StockLevel {
  warehouse_id: number;
  warehouse_code: string;
  warehouse_name: string;
  variant_id: number | null;
  sku: string;
  quantity: number;
  reserved: number;
  available: number;
}

/** A product as staff see it (the answer of create and update). */
export interface ProductDetail extends Omit<ProductSummary, 'images'> {
  description: string | null;
  meta_title: string | null;
  meta_description: string | null;
  weight_grams: number | null;
  updated_at: string;
  images: ProductImage[];
  variants: ProductVariant[];
  cost_price?: number | null;
  is_active?: boolean;
  deleted_at?: string | null;
}

/** What the edit form loads: the product, inactive or deleted too, with its stock per warehouse. */
export interface AdminProduct extends ProductDetail {
  is_active: boolean;
  deleted_at: string | null;
  stock_levels: StockLevel[];
}

export function getProduct(id: string): Promise<AdminProduct> {
  return apiRequest(`/admin/products/${encodeURIComponent(id)}`);
}

export function useProduct(id: string | undefined) {
  return useQuery({ queryKey: adminProductKeys.detail(id), queryFn: () => getProduct(id as string), enabled: !!id, staleTime: 0 });
}
