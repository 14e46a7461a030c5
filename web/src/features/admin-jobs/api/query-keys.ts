// The background jobs page's TanStack Query keys.
export const adminJobKeys = {
  all: ['admin-jobs'] as const,
  page: (status: string | undefined, page: number) => ['admin-jobs', status, page] as const,
};
