// The staff brand page's TanStack Query keys.
export const adminBrandKeys = { all: ['admin-brands'] as const };
