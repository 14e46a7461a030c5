#include "promotions/routes.hpp"

#include <memory>

#include "promotions/http/handlers.hpp"

namespace moderno::promotions {

void RegisterAdminRoutes(http::Router& router, db::Database& db) {
  // One service shared by the handlers; it lives as long as the routes that hold it.
  auto admin = std::make_shared<CouponAdmin>(db);
  using Operation = http::Response (*)(http::Request&, CouponAdmin&);
  auto add = [&](const char* method, const char* pattern, http::Role role, Operation op) {
    router.Add(method, pattern, [admin, op](http::Request& req) { return op(req, *admin); },
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
