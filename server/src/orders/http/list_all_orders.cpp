#include <boost/json.hpp>

#include "orders/http/handlers.hpp"
#include "orders/http/json.hpp"
#include "platform/http/pagination.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::orders {
namespace {

bool KnownPaymentStatus(std::string_view s) {
  for (auto known : {kPaymentPending, kPaymentPaid, kPaymentFailed, kPaymentRefunded, kPaymentPartiallyRefunded}) {
    if (s == known) return true;
  }
  return false;
}

}  // namespace

// GET /api/v1/admin/orders?status&payment_status&from&to&customer&q&page&limit.
http::Response ListAllOrders(http::Request& req, HttpDeps& d) {
  std::vector<FieldError> errors;
  const http::PageRequest page = http::ReadPage(req.query, errors);
  OrderFilter f;
  f.page = page.page;
  f.limit = page.limit;
  if (auto s = req.Query("status"); s && !s->empty()) {
    f.status = ParseStatus(*s);
    if (!f.status) errors.push_back({"status", "invalid", "unknown order status"});
  }
  if (auto s = req.Query("payment_status"); s && !s->empty()) {
    f.payment_status = std::string(*s);
    if (!KnownPaymentStatus(*s)) errors.push_back({"payment_status", "invalid", "unknown payment status"});
  }
  f.from = http::TimestampParam(req, "from", false, errors);
  f.to = http::TimestampParam(req, "to", true, errors);
  if (auto c = req.Query("customer"); c && !c->empty()) {
    f.customer = http::ParseId(*c);
    if (!f.customer) errors.push_back({"customer", "invalid", "customer must be a user id"});
  }
  if (auto q = req.Query("q"); q && !q->empty()) {
    if (q->size() > 100) errors.push_back({"q", "too_long", "at most 100 characters"});
    f.q = std::string(*q);
  }
  if (!errors.empty()) return http::Problem(Invalid(std::move(errors)).error(), req);
  auto result = d.orders.ListAll(f);
  if (!result) return http::Problem(result.error(), req);
  boost::json::array data;
  for (std::size_t i = 0; i < result->orders.size(); ++i) {
    data.push_back(SummaryJson(result->orders[i], result->item_counts[i], true));
  }
  return http::PrivateJson(200, http::PageJson(std::move(data), f.page, f.limit, result->total));
}

}  // namespace moderno::orders
