#include <boost/json.hpp>

#include "orders/http/handlers.hpp"
#include "orders/http/json.hpp"
#include "platform/http/pagination.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::orders {

// GET /api/v1/orders: the customer's orders, newest first.
http::Response ListMyOrders(http::Request& req, HttpDeps& d) {
  std::vector<FieldError> errors;
  const http::PageRequest page = http::ReadPage(req.query, errors);
  if (!errors.empty()) return http::Problem(Invalid(std::move(errors)).error(), req);
  auto result = d.orders.ListMine(req.principal->user_id, page.page, page.limit);
  if (!result) return http::Problem(result.error(), req);
  boost::json::array data;
  for (std::size_t i = 0; i < result->orders.size(); ++i) {
    data.push_back(SummaryJson(result->orders[i], result->item_counts[i], false));
  }
  return http::PrivateJson(200, http::PageJson(std::move(data), page.page, page.limit, result->total));
}

}  // namespace moderno::orders
