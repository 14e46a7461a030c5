// The audit log page's TanStack Query keys.
export const adminAuditKeys = {
  all: ['admin-audit'] as const,
  list: (f: unknown) => ['admin-audit', f] as const,
};
