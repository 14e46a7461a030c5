#pragma once
// The order reads, one per file: a customer's own orders and the staff order list and detail.
// The operations that change orders are workflows (server/src/workflows/http).
#include "orders/service.hpp"
#include "platform/http/message.hpp"

namespace moderno::orders {

// What every orders handler is given.
struct HttpDeps {
  Service& orders;
};

http::Response ListMyOrders(http::Request& req, HttpDeps& d);
http::Response GetMyOrder(http::Request& req, HttpDeps& d);
http::Response ListAllOrders(http::Request& req, HttpDeps& d);
http::Response GetAnyOrder(http::Request& req, HttpDeps& d);

}  // namespace moderno::orders
