import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Page, ProductSummary } from '../../../lib/types';
import { catalogKeys } from './query-keys';

export interface ProductQuery {
  page?: number;
  limit?: number;
  category?: string;
  brand?: string;
  price_min?: number;
  price_max?: number;
  in_stock?: boolean;
  featured?: boolean;
  sort?: string;
  search?: string;
}

export function getProducts(q: ProductQuery): Promise<Page<ProductSummary>> {
  return apiRequest('/products', { query: { ...q }, anonymous: true });
}

export function useProducts(q: ProductQuery) {
  return useQuery({ queryKey: catalogKeys.products(q), queryFn: () => getProducts(q), placeholderData: keepPreviousData });
}
