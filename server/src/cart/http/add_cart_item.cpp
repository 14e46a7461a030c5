#include "cart/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace moderno::cart {

// POST /api/v1/cart/items {product_id, variant_id?, quantity}.
http::Response AddCartItem(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto product_id = f.Int("product_id", 1, INT64_MAX);
  auto variant_id = f.Int("variant_id", 1, INT64_MAX, false);
  auto quantity = f.Int("quantity", 1, kMaxLineQuantity);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  return CartResponse(req, d.carts.AddItem(OwnerOf(req), *product_id, variant_id, *quantity), 201);
}

}  // namespace moderno::cart
