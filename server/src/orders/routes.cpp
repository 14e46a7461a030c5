#include "orders/routes.hpp"

namespace moderno::orders {

void RegisterRoutes(http::Router& router, HttpDeps& deps) {
  using Operation = http::Response (*)(http::Request&, HttpDeps&);
  auto add = [&](const char* method, const char* pattern, Operation op, http::Access access, const char* rate_class) {
    router.Add(method, pattern, [&deps, op](http::Request& req) { return op(req, deps); },
               {.runs = http::Runs::kOnWorker, .access = access, .rate_class = rate_class});
  };
  const auto guest_or_user = http::OptionalAuth();
  add("GET", "/api/v1/cart", GetCart, guest_or_user, "general");
  add("DELETE", "/api/v1/cart", ClearCart, guest_or_user, "general");
  add("POST", "/api/v1/cart/items", AddCartItem, guest_or_user, "general");
  add("PUT", "/api/v1/cart/items/{id}", UpdateCartItem, guest_or_user, "general");
  add("DELETE", "/api/v1/cart/items/{id}", RemoveCartItem, guest_or_user, "general");
  add("POST", "/api/v1/cart/coupon", ApplyCartCoupon, guest_or_user, "general");
  add("DELETE", "/api/v1/cart/coupon", RemoveCartCoupon, guest_or_user, "general");

  add("POST", "/api/v1/orders", PlaceOrder, http::SignedIn(), "general");
  add("GET", "/api/v1/orders", ListMyOrders, http::SignedIn(), "general");
  add("GET", "/api/v1/orders/{id}", GetMyOrder, http::SignedIn(), "general");
  add("POST", "/api/v1/orders/{id}/cancel", CancelMyOrder, http::SignedIn(), "general");

  add("GET", "/api/v1/shipping-methods", ListShippingMethods, http::Public(), "general");
  add("GET", "/api/v1/payment-methods", ListPaymentMethods, http::Public(), "general");
  add("POST", "/api/v1/payments/webhooks/stripe", StripeWebhook, http::Public(), "none");

  // Staff: managers read, admins act.
  add("GET", "/api/v1/admin/orders", ListAllOrders, http::Staff(http::Role::kManager), "admin");
  add("GET", "/api/v1/admin/orders/{id}", GetAnyOrder, http::Staff(http::Role::kManager), "admin");
  add("PUT", "/api/v1/orders/{id}/status", ChangeOrderStatus, http::Staff(http::Role::kAdmin), "admin");
  add("POST", "/api/v1/admin/orders/{id}/mark-paid", MarkOrderPaid, http::Staff(http::Role::kAdmin), "admin");
  add("POST", "/api/v1/admin/orders/{id}/refund", RefundOrder, http::Staff(http::Role::kAdmin), "admin");
  add("GET", "/api/v1/admin/inventory/alerts", ListStockAlerts, http::Staff(http::Role::kManager), "admin");
}

}  // namespace moderno::orders
