import { useQuery } from '@tanstack/react-query';
import { getProduct, type StockLevel } from './get-product';
import { adminProductKeys } from './query-keys';

export type { StockLevel };

/** Stock per warehouse of a product and its variants: the `stock_levels` of GET /admin/products/{id}. */
export async function getStockLevels(productId: number): Promise<StockLevel[]> {
  return (await getProduct(String(productId))).stock_levels;
}

/**
 * Kept under adminProductKeys.stockLevels so that every stock change (set-stock, live stock events)
 * refreshes it; `initial`, the levels that came with the product, saves the first request.
 */
export function useStockLevels(productId: number, initial?: StockLevel[]) {
  return useQuery({
    queryKey: adminProductKeys.stockLevelsOf(productId),
    queryFn: () => getStockLevels(productId),
    initialData: initial,
    staleTime: 30_000,
  });
}
