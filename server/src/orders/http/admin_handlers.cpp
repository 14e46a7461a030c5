// Staff order tools: the order list and detail, status transitions, manual payments, refunds,
// and low-stock alerts.
#include <boost/json.hpp>

#include "orders/http/handlers.hpp"
#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/pagination.hpp"
#include "platform/http/problem.hpp"
#include "platform/time/time.hpp"

namespace moderno::orders {
namespace json = boost::json;
namespace {

bool OneOf(const std::string& v, std::initializer_list<const char*> allowed) {
  for (const char* a : allowed) {
    if (v == a) return true;
  }
  return false;
}

// A date (YYYY-MM-DD) or timestamp parameter as SQL text; `end_of_day` moves a bare date to
// the next midnight (an inclusive "to").
std::optional<std::string> ReadTime(const http::Request& req, const char* name, bool end_of_day,
                                    std::vector<FieldError>& errors) {
  auto v = req.Query(name);
  if (!v || v->empty()) return std::nullopt;
  std::string text(*v);
  const bool date_only = text.size() == 10;
  if (date_only) text += " 00:00:00";
  auto t = time::FromSql(text);
  if (!t) {
    errors.push_back({name, "invalid", std::string(name) + " must be a date (YYYY-MM-DD) or an ISO 8601 timestamp"});
    return std::nullopt;
  }
  if (date_only && end_of_day) *t += std::chrono::hours(24);
  return time::ToSql(*t);
}

}  // namespace

http::Response ListAllOrders(http::Request& req, HttpDeps& d) {
  std::vector<FieldError> errors;
  const http::PageRequest page = http::ReadPage(req.query, errors);
  OrderFilter f;
  f.page = page.page;
  f.limit = page.limit;
  if (auto s = req.Query("status"); s && !s->empty()) {
    f.status = std::string(*s);
    if (!OneOf(*f.status, {"pending", "confirmed", "processing", "shipped", "delivered", "cancelled", "refunded"})) {
      errors.push_back({"status", "invalid", "unknown order status"});
    }
  }
  if (auto s = req.Query("payment_status"); s && !s->empty()) {
    f.payment_status = std::string(*s);
    if (!OneOf(*f.payment_status, {"pending", "paid", "failed", "refunded", "partially_refunded"})) {
      errors.push_back({"payment_status", "invalid", "unknown payment status"});
    }
  }
  f.from = ReadTime(req, "from", false, errors);
  f.to = ReadTime(req, "to", true, errors);
  if (auto c = req.Query("customer"); c && !c->empty()) {
    try {
      std::size_t used = 0;
      f.customer = std::stoll(std::string(*c), &used);
      if (used != c->size() || *f.customer < 1) throw std::invalid_argument("id");
    } catch (const std::exception&) {
      errors.push_back({"customer", "invalid", "customer must be a user id"});
    }
  }
  if (auto q = req.Query("q"); q && !q->empty()) {
    if (q->size() > 100) errors.push_back({"q", "too_long", "at most 100 characters"});
    f.q = std::string(*q);
  }
  if (!errors.empty()) return http::Problem(Invalid(std::move(errors)).error(), req);
  auto result = d.orders.ListAll(f);
  if (!result) return http::Problem(result.error(), req);
  json::array data;
  for (std::size_t i = 0; i < result->orders.size(); ++i) {
    data.push_back(SummaryJson(result->orders[i], result->item_counts[i], true));
  }
  return PrivateJson(200, json::object{{"data", std::move(data)},
                                       {"pagination", {{"page", f.page}, {"limit", f.limit}, {"total", result->total},
                                                       {"pages", (result->total + f.limit - 1) / f.limit}}}});
}

http::Response GetAnyOrder(http::Request& req, HttpDeps& d) {
  auto id = PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such order.", req);
  auto o = d.orders.Get(std::nullopt, *id);
  if (!o) return http::Problem(o.error(), req);
  return PrivateJson(200, ToJson(*o, true));
}

http::Response ChangeOrderStatus(http::Request& req, HttpDeps& d) {
  auto id = PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such order.", req);
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto status = f.String("status", 32);
  auto tracking = f.OptString("tracking_number", 100);
  auto note = f.OptString("note", 500);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  auto o = d.orders.ChangeStatus(*id, *status, tracking, note, audit::EntryFrom(req));
  if (!o) return http::Problem(o.error(), req);
  return PrivateJson(200, ToJson(*o, true));
}

http::Response MarkOrderPaid(http::Request& req, HttpDeps& d) {
  auto id = PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such order.", req);
  std::optional<std::string> reference;
  if (!req.body.empty()) {
    auto body = http::ParseJsonObject(req);
    if (!body) return http::Problem(body.error(), req);
    http::Fields f(*body);
    reference = f.OptString("reference", 255);
    if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  }
  return Idempotent(req, d, "mark-paid", [&]() -> http::Response {
    auto o = d.orders.MarkPaid(*id, reference, audit::EntryFrom(req));
    if (!o) return http::Problem(o.error(), req);
    return PrivateJson(200, ToJson(*o, true));
  });
}

http::Response RefundOrder(http::Request& req, HttpDeps& d) {
  auto id = PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such order.", req);
  std::optional<std::int64_t> amount;
  std::optional<std::string> reason;
  if (!req.body.empty()) {
    auto body = http::ParseJsonObject(req);
    if (!body) return http::Problem(body.error(), req);
    http::Fields f(*body);
    amount = f.Int("amount", 1, INT64_MAX / 1000, false);
    reason = f.OptString("reason", 500);
    if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  }
  return Idempotent(req, d, "refund", [&]() -> http::Response {
    auto o = d.orders.Refund(*id, amount, reason, audit::EntryFrom(req));
    if (!o) return http::Problem(o.error(), req);
    return PrivateJson(200, ToJson(*o, true));
  });
}

http::Response ListStockAlerts(http::Request& req, HttpDeps& d) {
  std::vector<FieldError> errors;
  const http::PageRequest page = http::ReadPage(req.query, errors);
  std::string status = "open";
  if (auto s = req.Query("status"); s && !s->empty()) {
    status = std::string(*s);
    if (status != "open" && status != "resolved") errors.push_back({"status", "invalid", "status must be open or resolved"});
  }
  if (!errors.empty()) return http::Problem(Invalid(std::move(errors)).error(), req);
  auto result = d.orders.Alerts(status, page.page, page.limit);
  if (!result) return http::Problem(result.error(), req);
  json::array data;
  for (const auto& a : result->first) {
    data.push_back({{"id", a.id},
                    {"inventory_id", a.inventory_id},
                    {"product_id", a.product_id},
                    {"variant_id", a.variant_id ? json::value(*a.variant_id) : json::value(nullptr)},
                    {"sku", a.sku},
                    {"name", a.name},
                    {"warehouse", a.warehouse_code},
                    {"available_at_alert", a.available},
                    {"available", a.available_now},
                    {"reorder_point", a.reorder_point},
                    {"status", a.status},
                    {"created_at", time::IsoFromSql(a.created_at)},
                    {"resolved_at", a.resolved_at ? json::value(time::IsoFromSql(*a.resolved_at)) : json::value(nullptr)}});
  }
  return PrivateJson(200, json::object{{"data", std::move(data)},
                                       {"pagination", {{"page", page.page}, {"limit", page.limit}, {"total", result->second},
                                                       {"pages", (result->second + page.limit - 1) / page.limit}}}});
}

}  // namespace moderno::orders
