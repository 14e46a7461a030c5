#pragma once
// The JSON shapes of orders: the summary of lists and the full order (customer and staff views).
#include <boost/json/object.hpp>
#include <cstdint>

#include "orders/model.hpp"

namespace moderno::orders {

// The order with items, totals, addresses, history and payments; staff see who acted, the
// customer and the allowed transitions.
boost::json::object ToJson(const Order& o, bool staff);
// A line of an order list.
boost::json::object SummaryJson(const Order& o, std::int64_t item_count, bool staff);

}  // namespace moderno::orders
