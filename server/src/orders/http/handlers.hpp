#pragma once
// HTTP operations of carts, checkout, orders, payments and the staff order tools.
#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>

#include "orders/order_service.hpp"
#include "platform/http/message.hpp"

namespace moderno::orders {

struct HttpDeps {
  OrderService& orders;
  std::string stripe_webhook_secret;
  time::SystemClock clock;
};

// Cart (/api/v1/cart...): signed-in users or guests with a cart token.
http::Response GetCart(http::Request& req, HttpDeps& d);
http::Response AddCartItem(http::Request& req, HttpDeps& d);
http::Response UpdateCartItem(http::Request& req, HttpDeps& d);
http::Response RemoveCartItem(http::Request& req, HttpDeps& d);
http::Response ClearCart(http::Request& req, HttpDeps& d);
http::Response ApplyCartCoupon(http::Request& req, HttpDeps& d);
http::Response RemoveCartCoupon(http::Request& req, HttpDeps& d);

// Checkout and the customer's orders.
http::Response PlaceOrder(http::Request& req, HttpDeps& d);
http::Response ListMyOrders(http::Request& req, HttpDeps& d);
http::Response GetMyOrder(http::Request& req, HttpDeps& d);
http::Response CancelMyOrder(http::Request& req, HttpDeps& d);

// Reference data.
http::Response ListShippingMethods(http::Request& req, HttpDeps& d);
http::Response ListPaymentMethods(http::Request& req, HttpDeps& d);
http::Response StripeWebhook(http::Request& req, HttpDeps& d);

// Staff.
http::Response ListAllOrders(http::Request& req, HttpDeps& d);
http::Response GetAnyOrder(http::Request& req, HttpDeps& d);
http::Response ChangeOrderStatus(http::Request& req, HttpDeps& d);
http::Response MarkOrderPaid(http::Request& req, HttpDeps& d);
http::Response RefundOrder(http::Request& req, HttpDeps& d);
http::Response ListStockAlerts(http::Request& req, HttpDeps& d);

// The Idempotency-Key header: empty when absent, 422 when malformed.
Result<std::string> IdempotencyKey(const http::Request& req);
// Runs a state-changing call once per Idempotency-Key (when the request has one): a repeat
// gets the first success again; a failure frees the key.
http::Response Idempotent(http::Request& req, HttpDeps& d, const std::string& operation,
                          const std::function<http::Response()>& call);

// JSON shapes.
boost::json::object ToJson(const Cart& c);
boost::json::object ToJson(const Order& o, bool staff);
boost::json::object SummaryJson(const Order& o, std::int64_t item_count, bool staff);
boost::json::object ToJson(const ShippingQuote& q);

// A JSON response for private data: never stored by browsers or proxies.
http::Response PrivateJson(int status, const boost::json::value& body);
// The {id} path parameter as a positive integer.
std::optional<std::int64_t> PathId(const http::Request& req, std::string_view name = "id");

}  // namespace moderno::orders
