import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminCategoryKeys } from './query-keys';

export interface CategoryNode {
  id: number;
  name: string;
  slug: string;
  description: string | null;
  parent_id: number | null;
  image_url: string | null;
  sort_order: number;
  product_count: number;
  children: CategoryNode[];
}

/** The active category tree (GET /categories). */
export function listCategories(): Promise<{ data: CategoryNode[] }> {
  return apiRequest('/categories');
}

export function useCategoryTree() {
  return useQuery({ queryKey: adminCategoryKeys.all, queryFn: listCategories, staleTime: 0 });
}
