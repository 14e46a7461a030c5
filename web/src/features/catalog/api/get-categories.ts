import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { catalogKeys } from './query-keys';

export interface Category {
  id: number;
  name: string;
  slug: string;
  description: string | null;
  parent_id: number | null;
  image_url: string | null;
  product_count: number;
  children: Category[];
}

export function getCategories(): Promise<{ data: Category[] }> {
  return apiRequest('/categories', { anonymous: true });
}

export function useCategories() {
  return useQuery({ queryKey: catalogKeys.categories, queryFn: getCategories, staleTime: 5 * 60_000 });
}
