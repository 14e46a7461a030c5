#pragma once
// The order status machine: which status may follow which (staff workflow).
#include <vector>

#include "orders/model.hpp"

namespace moderno::orders {

// The statuses an order may move to from `from` (staff workflow).
std::vector<OrderStatus> AllowedTransitions(OrderStatus from);
// True when `to` may follow `from`.
bool CanTransition(OrderStatus from, OrderStatus to);

}  // namespace moderno::orders
