// Checkout's TanStack Query keys.
export const checkoutKeys = {
  paymentMethods: ['payment-methods'] as const,
  shippingMethods: (region: string | undefined) => ['shipping-methods', region] as const,
};
