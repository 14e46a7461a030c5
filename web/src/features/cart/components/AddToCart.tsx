import type { ReactNode } from 'react';
import { useAddCartItem } from '../api/add-cart-item';
import { setCartDrawerOpen } from './cart-drawer-store';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { translate } from '../../../lib/i18n';

/** The add-to-cart row of a product page: quantity select, button, then its error or confirmation. */
export function AddToCart({ productId, variantId, quantity, disabled, label, quantityField }: {
  productId: number;
  variantId: number | null;
  quantity: number;
  disabled: boolean;
  label: string;
  quantityField: ReactNode;
}) {
  const add = useAddCartItem();
  const addToCart = () => {
    add.mutate({ product_id: productId, variant_id: variantId, quantity }, {
      onSuccess: () => setCartDrawerOpen(true),
    });
  };
  return (
    <>
      <div className="mt-3 flex items-end gap-3">
        {quantityField}
        <Button onClick={addToCart} disabled={disabled || add.isPending} className="flex-1 py-3 text-base">
          {label}
        </Button>
      </div>
      <div className="mt-2"><FormError error={add.error} /></div>
      {add.isSuccess && <p role="status" className="mt-2 text-sm text-green-800">{translate('product.added')}</p>}
    </>
  );
}
