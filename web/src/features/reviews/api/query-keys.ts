// The storefront reviews' TanStack Query keys.
export const reviewKeys = {
  /** Every page of one product's reviews (prefix). */
  product: (productId: number | undefined) => ['reviews', productId] as const,
  page: (productId: number | undefined, page: number) => ['reviews', productId, page] as const,
};
