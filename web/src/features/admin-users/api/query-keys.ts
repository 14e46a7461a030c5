// The staff user page's TanStack Query keys.
export const adminUserKeys = {
  all: ['admin-users'] as const,
  list: (f: unknown) => ['admin-users', f] as const,
};
