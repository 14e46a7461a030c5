// The account's TanStack Query keys.
export const accountKeys = {
  me: ['me'] as const,
  addresses: ['addresses'] as const,
};
