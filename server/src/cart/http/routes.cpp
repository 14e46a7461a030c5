#include "cart/http/routes.hpp"

namespace moderno::cart {

void RegisterRoutes(http::Router& router, HttpDeps& deps) {
  using Operation = http::Response (*)(http::Request&, HttpDeps&);
  // Guests and signed-in users alike.
  auto add = [&](const char* method, const char* pattern, Operation op) {
    router.Add(method, pattern, [&deps, op](http::Request& req) { return op(req, deps); },
               {.runs = http::Runs::kOnWorker, .access = http::OptionalAuth(), .rate_class = "general"});
  };
  add("GET", "/api/v1/cart", GetCart);
  add("DELETE", "/api/v1/cart", ClearCart);
  add("POST", "/api/v1/cart/items", AddCartItem);
  add("PUT", "/api/v1/cart/items/{id}", UpdateCartItem);
  add("DELETE", "/api/v1/cart/items/{id}", RemoveCartItem);
  add("POST", "/api/v1/cart/coupon", ApplyCartCoupon);
  add("DELETE", "/api/v1/cart/coupon", RemoveCartCoupon);
}

}  // namespace moderno::cart
