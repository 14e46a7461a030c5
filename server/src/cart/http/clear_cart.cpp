#include "cart/http/handlers.hpp"

namespace moderno::cart {

// DELETE /api/v1/cart: every line and the coupon.
http::Response ClearCart(http::Request& req, HttpDeps& d) { return CartResponse(req, d.carts.Clear(OwnerOf(req))); }

}  // namespace moderno::cart
