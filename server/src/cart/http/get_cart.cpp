#include "accounts/profile/address.hpp"
#include "cart/http/handlers.hpp"
#include "platform/http/problem.hpp"

namespace moderno::cart {

// GET /api/v1/cart?region=: the cart with a shipping estimate for the region.
http::Response GetCart(http::Request& req, HttpDeps& d) {
  std::optional<std::string> region;
  if (auto q = req.Query("region"); q && !q->empty()) {
    region = accounts::profile::RegionCode(*q);
    if (!region) return http::Problem(Invalid({{"region", "unknown", "not a region of Chile"}}).error(), req);
  }
  return CartResponse(req, d.carts.Get(OwnerOf(req), region));
}

}  // namespace moderno::cart
