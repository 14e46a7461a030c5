#pragma once
// The inventory operations, one per file, and the JSON shapes they share.
#include <boost/json/object.hpp>

#include "inventory/model.hpp"
#include "inventory/service.hpp"
#include "platform/http/message.hpp"

namespace moderno::inventory {

// What every inventory handler is given.
struct HttpDeps {
  Service& inventory;
};

http::Response ListStock(http::Request& req, HttpDeps& d);
http::Response SetInventory(http::Request& req, HttpDeps& d);
http::Response AdjustInventory(http::Request& req, HttpDeps& d);
http::Response ListStockAlerts(http::Request& req, HttpDeps& d);

// Body readers: every problem of the body at once (unknown fields included).
Result<InventorySet> ReadInventorySet(const boost::json::object& body);
Result<InventoryAdjust> ReadInventoryAdjust(const boost::json::object& body);

boost::json::object ToJson(const StockChange& c);
boost::json::object ToJson(const StockRow& r);
boost::json::object ToJson(const LowStockAlert& a);

}  // namespace moderno::inventory
