// The product page: catalog's page with the cart's add-to-cart block and the reviews section.
import { useQueryClient } from '@tanstack/react-query';
import ProductPageView from '../../features/catalog/components/ProductPage';
import { AddToCart } from '../../features/cart/components/AddToCart';
import { Reviews } from '../../features/reviews/components/Reviews';
import { catalogKeys } from '../../features/catalog/api/query-keys';

export default function ProductPage() {
  const qc = useQueryClient();
  // A new review changes the product's rating and count.
  const refreshProduct = () => qc.invalidateQueries({ queryKey: catalogKeys.productDetails });
  return (
    <ProductPageView
      buyBox={(p) => <AddToCart {...p} />}
      reviews={(productId) => <Reviews productId={productId} onCreated={refreshProduct} />}
    />
  );
}
