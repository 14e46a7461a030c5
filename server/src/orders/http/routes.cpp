#include "orders/http/routes.hpp"

namespace moderno::orders {

void RegisterRoutes(http::Router& router, HttpDeps& deps) {
  using Operation = http::Response (*)(http::Request&, HttpDeps&);
  auto add = [&](const char* pattern, Operation op, http::Access access, const char* rate_class) {
    router.Add("GET", pattern, [&deps, op](http::Request& req) { return op(req, deps); },
               {.runs = http::Runs::kOnWorker, .access = access, .rate_class = rate_class});
  };
  add("/api/v1/orders", ListMyOrders, http::SignedIn(), "general");
  add("/api/v1/orders/{id}", GetMyOrder, http::SignedIn(), "general");
  // Staff: managers read.
  add("/api/v1/admin/orders", ListAllOrders, http::Staff(http::Role::kManager), "admin");
  add("/api/v1/admin/orders/{id}", GetAnyOrder, http::Staff(http::Role::kManager), "admin");
}

}  // namespace moderno::orders
