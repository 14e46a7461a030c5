#include "cart/http/handlers.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"

namespace moderno::cart {

// DELETE /api/v1/cart/items/{id}.
http::Response RemoveCartItem(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such cart line.", req);
  return CartResponse(req, d.carts.RemoveItem(OwnerOf(req), *id));
}

}  // namespace moderno::cart
