// The cart's TanStack Query keys.
export const cartKeys = {
  /** Every cart (guest and signed in): prefix to refresh after signing in, placing or a 409. */
  all: ['cart'] as const,
  /** The cart of a user; it changes with the signed-in user so signing in refetches (and merges). */
  forUser: (userId: number | undefined) => ['cart', userId ?? 'guest'] as const,
};
