#include <boost/json.hpp>

#include "analytics/http/handlers.hpp"
#include "platform/http/responses.hpp"
#include "platform/http/problem.hpp"

namespace moderno::analytics {
namespace {

namespace json = boost::json;

std::optional<std::string> Param(const http::Request& req, std::string_view name) {
  auto v = req.Query(name);
  return v ? std::optional<std::string>(std::string(*v)) : std::nullopt;
}

json::array List(const std::vector<Breakdown>& rows, bool product) {
  json::array out;
  for (const Breakdown& b : rows) {
    json::object o{{"id", b.id}, {"name", b.name}, {"units", b.units}, {"revenue", b.revenue}};
    if (product) o["sku"] = b.sku;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

http::Response GetAnalytics(http::Request& req, HttpDeps& d) {
  AnalyticsQuery q{Param(req, "from"), Param(req, "to"), Param(req, "group_by")};
  auto a = d.service.GetAnalytics(q);
  if (!a) return http::Problem(a.error(), req);
  json::array series;
  for (const SeriesPoint& p : a->series) {
    series.push_back({{"period", p.period},
                      {"revenue", p.revenue},
                      {"gross_revenue", p.gross_revenue},
                      {"refunds", p.refunds},
                      {"orders", p.orders},
                      {"paid_orders", p.paid_orders},
                      {"average_order_value", p.average_order_value},
                      {"units_sold", p.units_sold},
                      {"cancelled_orders", p.cancelled_orders}});
  }
  json::array methods;
  for (const MethodShare& m : a->payment_methods) {
    methods.push_back({{"method", m.method}, {"orders", m.orders}, {"revenue", m.revenue}, {"share", m.share}});
  }
  json::array coupons;
  for (const CouponUse& c : a->coupons) {
    coupons.push_back({{"code", c.code}, {"orders", c.orders}, {"discount", c.discount}, {"revenue", c.revenue}});
  }
  return http::PrivateJson(200, {{"from", a->from},
                    {"to", a->to},
                    {"group_by", a->group_by},
                    {"totals", ToJson(a->totals)},
                    {"series", std::move(series)},
                    {"sales_by_category", List(a->by_category, false)},
                    {"sales_by_brand", List(a->by_brand, false)},
                    {"top_products", {{"by_units", List(a->top_by_units, true)}, {"by_revenue", List(a->top_by_revenue, true)}}},
                    {"payment_methods", std::move(methods)},
                    {"coupons", std::move(coupons)},
                    {"customers", {{"ordering", a->customers},
                                   {"repeat", a->repeat_customers},
                                   {"repeat_customer_rate", a->repeat_customer_rate}}},
                    {"cancellation_rate", a->totals.cancellation_rate}});
}

}  // namespace moderno::analytics
