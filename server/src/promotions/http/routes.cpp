#include "promotions/http/routes.hpp"

namespace moderno::promotions {

void RegisterRoutes(http::Router& router, HttpDeps& deps) {
  using Operation = http::Response (*)(http::Request&, HttpDeps&);
  auto add = [&](const char* method, const char* pattern, http::Role role, Operation op) {
    router.Add(method, pattern, [&deps, op](http::Request& req) { return op(req, deps); },
               {.access = http::Staff(role), .rate_class = "admin"});
  };
  using enum http::Role;
  add("GET", "/api/v1/admin/coupons", kManager, admin_http::ListCoupons);
  add("POST", "/api/v1/admin/coupons", kAdmin, admin_http::CreateCoupon);
  add("GET", "/api/v1/admin/coupons/{id}", kManager, admin_http::GetCoupon);
  add("PUT", "/api/v1/admin/coupons/{id}", kAdmin, admin_http::UpdateCoupon);
  add("DELETE", "/api/v1/admin/coupons/{id}", kAdmin, admin_http::DeleteCoupon);
}

}  // namespace moderno::promotions
