// The product page: catalog's page with the cart's add-to-cart block and the reviews section.
import ProductPageView from '../../features/catalog/components/ProductPage';
import { AddToCart } from '../../features/cart/components/AddToCart';
import { Reviews } from '../../features/reviews/components/Reviews';

export default function ProductPage() {
  return (
    <ProductPageView
      buyBox={(p) => <AddToCart {...p} />}
      reviews={(productId) => <Reviews productId={productId} />}
    />
  );
}
