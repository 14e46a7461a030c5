#include "workflows/http/routes.hpp"

namespace moderno::workflows {

void RegisterRoutes(http::Router& router, HttpDeps& deps) {
  using Operation = http::Response (*)(http::Request&, HttpDeps&);
  auto add = [&](const char* method, const char* pattern, Operation op, http::Access access, const char* rate_class) {
    router.Add(method, pattern, [&deps, op](http::Request& req) { return op(req, deps); },
               {.runs = http::Runs::kOnWorker, .access = access, .rate_class = rate_class});
  };
  add("POST", "/api/v1/orders", PlaceOrderHandler, http::SignedIn(), "general");
  add("POST", "/api/v1/orders/{id}/cancel", CancelMyOrder, http::SignedIn(), "general");
  add("POST", "/api/v1/orders/{id}/pay", PayOrder, http::SignedIn(), "general");
  // The customer's browser comes back from Webpay (a GET or a form POST); the token is the gate.
  add("GET", "/api/v1/payments/webpay/return", WebpayReturn, http::Public(), "general");
  add("POST", "/api/v1/payments/webpay/return", WebpayReturn, http::Public(), "general");
  // Staff: admins act on orders.
  add("PUT", "/api/v1/orders/{id}/status", ChangeOrderStatus, http::Staff(http::Role::kAdmin), "admin");
  add("POST", "/api/v1/admin/orders/{id}/mark-paid", MarkOrderPaid, http::Staff(http::Role::kAdmin), "admin");
  add("POST", "/api/v1/admin/orders/{id}/refund", RefundOrder, http::Staff(http::Role::kAdmin), "admin");
}

}  // namespace moderno::workflows
