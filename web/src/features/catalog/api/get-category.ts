import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Category } from './get-categories';
import { catalogKeys } from './query-keys';

export interface CategoryDetail extends Category {
  breadcrumbs: { id: number; name: string; slug: string }[];
}

export function getCategory(slug: string): Promise<CategoryDetail> {
  return apiRequest(`/categories/${encodeURIComponent(slug)}`, { anonymous: true });
}

export function useCategory(slug: string) {
  return useQuery({ queryKey: catalogKeys.category(slug), queryFn: () => getCategory(slug), staleTime: 5 * 60_000 });
}
