#include "cart/http/handlers.hpp"

namespace moderno::cart {

// DELETE /api/v1/cart/coupon.
http::Response RemoveCartCoupon(http::Request& req, HttpDeps& d) {
  return CartResponse(req, d.carts.RemoveCoupon(OwnerOf(req)));
}

}  // namespace moderno::cart
