// Checkout: the checkout form fed by the cart, the address book and the orders' cache.
import { Navigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Checkout } from '../../features/checkout/components/CheckoutPage';
import { useCart } from '../../features/cart/api/get-cart';
import { CartTotals } from '../../features/cart/components/CartTotals';
import { CouponForm } from '../../features/cart/components/CouponForm';
import { useAddresses } from '../../features/account/api/get-addresses';
import { createAddress } from '../../features/account/api/create-address';
import { cartKeys } from '../../features/cart/api/query-keys';
import { accountKeys } from '../../features/account/api/query-keys';
import { orderKeys } from '../../features/orders/api/query-keys';
import { useSession } from '../../lib/use-session';
import type { Address, OrderDetail } from '../../lib/types';

export default function CheckoutPage() {
  const s = useSession();
  if (!s) return <Navigate to="/ingresar?next=%2Fcheckout" replace />;
  return <SignedInCheckout />;
}

function SignedInCheckout() {
  const cart = useCart();
  const addresses = useAddresses();
  const qc = useQueryClient();
  const saveAddress = async (a: Address) => {
    const saved = await createAddress(a);
    await qc.invalidateQueries({ queryKey: accountKeys.addresses });
    return saved;
  };
  const onPlaced = (o: OrderDetail) => {
    qc.invalidateQueries({ queryKey: cartKeys.all });
    qc.invalidateQueries({ queryKey: orderKeys.lists });
    qc.setQueryData(orderKeys.detail(o.id), o);
  };
  return (
    <Checkout
      cart={cart}
      addresses={addresses}
      saveAddress={saveAddress}
      onPlaced={onPlaced}
      onCartChanged={() => qc.invalidateQueries({ queryKey: cartKeys.all })}
      totals={(c, shipping) => <><CouponForm cart={c} /><CartTotals cart={c} shipping={shipping} /></>}
    />
  );
}
