// The catalog's TanStack Query keys; nothing else builds them by hand.
import type { ProductQuery } from './get-products';

export const catalogKeys = {
  categories: ['categories'] as const,
  category: (slug: string) => ['category', slug] as const,
  brands: ['brands'] as const,
  products: (q: ProductQuery) => ['products', q] as const,
  /** Every product detail (prefix). */
  productDetails: ['product'] as const,
  product: (slug: string) => ['product', slug] as const,
};
