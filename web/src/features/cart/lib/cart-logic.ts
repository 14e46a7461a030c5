import type { Cart, CartItem, CartWarning } from '../../../lib/types';
import { translate } from '../../../lib/i18n';

/** The shopper-facing text of one line warning. */
export function warningText(w: CartWarning, item: Pick<CartItem, 'available'>): string {
  switch (w) {
    case 'price_changed': return translate('cart.warning.price_changed');
    case 'stock_short': return translate('cart.warning.stock_short', { n: item.available });
    case 'unavailable': return translate('cart.warning.unavailable');
  }
}

/** The quantities a line may be set to: 1 up to what is available, at most 100 (the server's cap). */
export function quantityOptions(item: Pick<CartItem, 'available' | 'quantity'>): number[] {
  const max = Math.max(1, Math.min(100, Math.max(item.available, item.quantity)));
  return Array.from({ length: max }, (_, i) => i + 1);
}

/** Whether the cart can go to checkout: not empty and no line that cannot be bought. */
export function canCheckout(cart: Cart | undefined): boolean {
  if (!cart || cart.items.length === 0) return false;
  return cart.items.every((i) => !i.warnings.includes('unavailable') && !i.warnings.includes('stock_short'));
}

/** Units in the cart, for the header badge. */
export function unitCount(cart: Cart | undefined): number {
  return cart?.items.reduce((n, i) => n + i.quantity, 0) ?? 0;
}
