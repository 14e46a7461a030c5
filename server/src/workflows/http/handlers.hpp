#pragma once
// The HTTP operations of the order workflows, one per file: checkout, the customer's
// cancellation, and the staff status changes, manual payments and refunds.
#include <boost/json/object.hpp>

#include "platform/http/idempotency.hpp"
#include "platform/http/message.hpp"
#include "workflows/order_changes.hpp"
#include "workflows/place_order.hpp"

namespace moderno::workflows {

// What every workflow handler is given.
struct HttpDeps {
  PlaceOrder& place;
  OrderChanges& changes;
  http::IdempotencyStore& idempotency;
};

http::Response PlaceOrderHandler(http::Request& req, HttpDeps& d);
http::Response CancelMyOrder(http::Request& req, HttpDeps& d);
http::Response ChangeOrderStatus(http::Request& req, HttpDeps& d);
http::Response MarkOrderPaid(http::Request& req, HttpDeps& d);
http::Response RefundOrder(http::Request& req, HttpDeps& d);
http::Response PayOrder(http::Request& req, HttpDeps& d);
http::Response WebpayReturn(http::Request& req, HttpDeps& d);

// POST /orders's body, type-checked, every problem at once.
Result<PlaceOrderInput> ReadPlaceOrder(const boost::json::object& body);

}  // namespace moderno::workflows
