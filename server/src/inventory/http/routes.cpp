#include "inventory/http/routes.hpp"

namespace moderno::inventory {

void RegisterRoutes(http::Router& router, HttpDeps& deps) {
  using Operation = http::Response (*)(http::Request&, HttpDeps&);
  auto add = [&](const char* method, const char* pattern, Operation op, http::Role role) {
    router.Add(method, pattern, [&deps, op](http::Request& req) { return op(req, deps); },
               {.runs = http::Runs::kOnWorker, .access = http::Staff(role), .rate_class = "admin"});
  };
  // Managers read stock and alerts and change stock (as catalog staff did before the split).
  add("GET", "/api/v1/admin/inventory", ListStock, http::Role::kManager);
  add("GET", "/api/v1/admin/inventory/alerts", ListStockAlerts, http::Role::kManager);
  add("PUT", "/api/v1/inventory/{sku}/{warehouse}", SetInventory, http::Role::kManager);
  add("POST", "/api/v1/inventory/adjust", AdjustInventory, http::Role::kManager);
}

}  // namespace moderno::inventory
