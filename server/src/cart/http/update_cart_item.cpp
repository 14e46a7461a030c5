#include "cart/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"

namespace moderno::cart {

// PUT /api/v1/cart/items/{id} {quantity}.
http::Response UpdateCartItem(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such cart line.", req);
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto quantity = f.Int("quantity", 1, kMaxLineQuantity);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  return CartResponse(req, d.carts.UpdateItem(OwnerOf(req), *id, *quantity));
}

}  // namespace moderno::cart
