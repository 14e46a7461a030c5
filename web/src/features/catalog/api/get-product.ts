import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ProductSummary } from '../../../lib/types';
import { catalogKeys } from './query-keys';

export interface Variant {
  id: number;
  name: string;
  sku: string;
  price: number;
  compare_price: number | null;
  options: Record<string, string>;
  stock: number;
  in_stock: boolean;
}

export interface ProductDetail extends Omit<ProductSummary, 'images'> {
  description: string | null;
  meta_title: string | null;
  images: { id: number; url: string; alt: string | null; position: number }[];
  variants: Variant[];
  breadcrumbs: { id: number; name: string; slug: string }[];
}

export function getProduct(slug: string): Promise<ProductDetail> {
  return apiRequest(`/products/${encodeURIComponent(slug)}`, { anonymous: true });
}

export function useProduct(slug: string) {
  return useQuery({ queryKey: catalogKeys.product(slug), queryFn: () => getProduct(slug) });
}
