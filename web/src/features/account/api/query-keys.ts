// The account's TanStack Query keys.
export const accountKeys = {
  me: ['me'] as const,
  addresses: ['addresses'] as const,
  twoFactor: ['me', '2fa'] as const,
};
