// The review moderation page's TanStack Query keys.
export const adminReviewKeys = {
  all: ['admin-reviews'] as const,
  page: (status: string, page: number) => ['admin-reviews', status, page] as const,
};
