// The staff category page's TanStack Query keys.
export const adminCategoryKeys = { all: ['admin-categories'] as const };
