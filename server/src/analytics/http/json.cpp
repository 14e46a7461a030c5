#include <boost/json.hpp>

#include "analytics/http/handlers.hpp"

namespace moderno::analytics {

boost::json::object ToJson(const Figures& f) {
  boost::json::object by_status;
  for (const auto& [status, n] : f.orders_by_status) by_status[status] = n;
  return {{"from", f.from},
          {"to", f.to},
          {"revenue", f.revenue},
          {"gross_revenue", f.gross_revenue},
          {"refunds", f.refunds},
          {"orders", f.orders},
          {"placed_amount", f.placed_amount},
          {"paid_orders", f.paid_orders},
          {"average_order_value", f.average_order_value},
          {"units_sold", f.units_sold},
          {"cancelled_orders", f.cancelled_orders},
          {"cancellation_rate", f.cancellation_rate},
          {"new_customers", f.new_customers},
          {"carts_created", f.carts_created},
          {"conversion_rate", f.conversion_rate},
          {"orders_by_status", std::move(by_status)}};
}

}  // namespace moderno::analytics
