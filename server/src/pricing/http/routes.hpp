#pragma once
// The pricing routes: the shipping methods and their prices per region.
#include <boost/json/object.hpp>

#include "pricing/model.hpp"
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"

namespace moderno::pricing {

// What the pricing handlers are given.
struct HttpDeps {
  db::Database& db;
  Settings settings;
};

http::Response ListShippingMethods(http::Request& req, HttpDeps& d);
// A shipping method as JSON (cart estimates use the same shape).
boost::json::object ToJson(const ShippingQuote& q);

// `deps` must outlive the router.
void RegisterRoutes(http::Router& router, HttpDeps& deps);

}  // namespace moderno::pricing
