import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminProductKeys } from './query-keys';

interface CategoryNode { id: number; name: string; children: CategoryNode[] }

export interface CategoryOption { id: number; label: string }

/** The category tree flattened for a select: "Deportes › Running". */
export async function getCategoryOptions(): Promise<CategoryOption[]> {
  const tree = await apiRequest<{ data: CategoryNode[] }>('/categories');
  const out: CategoryOption[] = [];
  const walk = (nodes: CategoryNode[], prefix: string) => nodes.forEach((n) => {
    out.push({ id: n.id, label: prefix + n.name });
    walk(n.children ?? [], `${prefix}${n.name} › `);
  });
  walk(tree.data, '');
  return out;
}

export function useCategoryOptions() {
  return useQuery({ queryKey: adminProductKeys.categoryOptions, queryFn: getCategoryOptions });
}
