#include <boost/json.hpp>
#include <charconv>

#include "orders/http/handlers.hpp"
#include "orders/order_service.hpp"
#include "platform/time/time.hpp"

namespace moderno::orders {
namespace json = boost::json;
namespace {

json::value OrNull(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value OrNull(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value TimeOrNull(const std::optional<std::string>& v) {
  return v ? json::value(time::IsoFromSql(*v)) : json::value(nullptr);
}
json::value ParsedOrNull(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  boost::system::error_code ec;
  json::value v = json::parse(*text, ec);
  return ec ? json::value(nullptr) : v;
}

json::object TotalsJson(const Totals& t) {
  return {{"subtotal", t.subtotal},
          {"discount_amount", t.discount_amount},
          {"shipping_amount", t.shipping_amount},
          {"tax_amount", t.tax_amount},
          {"total_amount", t.total_amount}};
}

}  // namespace

json::object ToJson(const ShippingQuote& q) {
  json::object o{{"code", q.code},         {"name", q.name},         {"description", OrNull(q.description)},
                 {"min_days", q.min_days}, {"max_days", q.max_days}, {"price", q.price},
                 {"free_over", OrNull(q.free_over)}, {"is_pickup", q.is_pickup}};
  if (!q.region_prices.empty()) {
    json::object prices;
    for (const auto& [region, price] : q.region_prices) prices[region] = price;
    o["region_prices"] = std::move(prices);
  }
  return o;
}

json::object ToJson(const Cart& c) {
  json::array items;
  std::int64_t count = 0;
  for (const CartLine& l : c.lines) {
    json::array warnings;
    for (const auto& [code, message] : l.warnings) warnings.push_back({{"code", code}, {"message", message}});
    count += l.quantity;
    items.push_back({{"id", l.id},
                     {"product_id", l.item.product_id},
                     {"variant_id", OrNull(l.item.variant_id)},
                     {"sku", l.item.sku},
                     {"name", l.item.name},
                     {"slug", l.item.slug},
                     {"variant_name", OrNull(l.item.variant_name)},
                     {"image_url", OrNull(l.item.image_url)},
                     {"unit_price", l.item.unit_price},
                     {"price_when_added", l.price_when_added},
                     {"quantity", l.quantity},
                     {"line_total", l.line_total},
                     {"available", l.item.available},
                     {"warnings", std::move(warnings)}});
  }
  json::object o{{"items", std::move(items)}, {"item_count", count}, {"currency", c.currency}};
  for (auto& [k, v] : TotalsJson(c.totals)) o[k] = v;
  o["total"] = c.totals.total_amount;
  o["coupon"] = c.coupon ? json::value(json::object{{"code", c.coupon->code},
                                                    {"type", c.coupon->type},
                                                    {"value", c.coupon->value},
                                                    {"discount", c.coupon->discount},
                                                    {"free_shipping", c.coupon->free_shipping}})
                         : json::value(nullptr);
  if (c.coupon_problem) {
    o["coupon_warning"] = {{"code", c.coupon_problem->first}, {"message", c.coupon_problem->second}};
  }
  o["shipping_estimate"] = c.shipping ? json::value(json::object{{"method", c.shipping->code},
                                                                 {"name", c.shipping->name},
                                                                 {"amount", c.shipping->price}})
                                      : json::value(nullptr);
  if (c.guest_token) o["cart_token"] = *c.guest_token;
  return o;
}

json::object SummaryJson(const Order& o, std::int64_t item_count, bool staff) {
  json::object j{{"id", o.id},
                 {"order_number", o.order_number},
                 {"status", o.status},
                 {"payment_status", o.payment_status},
                 {"payment_method", o.payment_method},
                 {"currency", o.currency},
                 {"total_amount", o.totals.total_amount},
                 {"item_count", item_count},
                 {"shipping_method", o.shipping_method},
                 {"tracking_number", OrNull(o.tracking_number)},
                 {"created_at", time::IsoFromSql(o.created_at)},
                 {"updated_at", time::IsoFromSql(o.updated_at)}};
  if (staff) {
    j["user_id"] = o.user_id;
    j["customer_email"] = OrNull(o.customer_email);
    j["shipping_region"] = o.shipping_region;
  }
  return j;
}

json::object ToJson(const Order& o, bool staff) {
  json::object j = SummaryJson(o, 0, staff);
  std::int64_t count = 0;
  json::array items;
  for (const OrderItem& i : o.items) {
    count += i.quantity;
    items.push_back({{"id", i.id},
                     {"product_id", i.product_id},
                     {"variant_id", OrNull(i.variant_id)},
                     {"sku", i.sku},
                     {"name", i.name},
                     {"variant_name", OrNull(i.variant_name)},
                     {"image_url", OrNull(i.image_url)},
                     {"unit_price", i.unit_price},
                     {"quantity", i.quantity},
                     {"discount_amount", i.discount_amount},
                     {"line_total", i.line_total}});
  }
  j["item_count"] = count;
  j["items"] = std::move(items);
  for (auto& [k, v] : TotalsJson(o.totals)) j[k] = v;
  j["refunded_amount"] = o.refunded_amount;
  j["coupon_code"] = OrNull(o.coupon_code);
  j["shipping_region"] = o.shipping_region;
  j["shipping_address"] = ParsedOrNull(o.shipping_address_json);
  j["billing_address"] = ParsedOrNull(o.billing_address_json);
  j["notes"] = OrNull(o.notes);
  j["reserved_until"] = TimeOrNull(o.reserved_until);
  j["paid_at"] = TimeOrNull(o.paid_at);
  j["shipped_at"] = TimeOrNull(o.shipped_at);
  j["delivered_at"] = TimeOrNull(o.delivered_at);
  j["cancelled_at"] = TimeOrNull(o.cancelled_at);
  json::array history;
  for (const StatusChange& h : o.history) {
    json::object e{{"from", OrNull(h.from)}, {"to", h.to}, {"by", h.actor_kind}, {"note", OrNull(h.note)},
                   {"created_at", time::IsoFromSql(h.created_at)}};
    if (staff) e["actor_user_id"] = OrNull(h.actor_user_id);
    history.push_back(std::move(e));
  }
  j["status_history"] = std::move(history);
  json::array payments;
  for (const Payment& p : o.payments) {
    payments.push_back({{"id", p.id}, {"provider", p.provider}, {"kind", p.kind}, {"status", p.status},
                        {"amount", p.amount}, {"reference", OrNull(p.reference)}, {"failure_code", OrNull(p.failure_code)},
                        {"created_at", time::IsoFromSql(p.created_at)}});
  }
  j["payments"] = std::move(payments);
  j["next_action"] = o.next_action_client_secret
                         ? json::value(json::object{{"type", "confirm_card_payment"},
                                                    {"client_secret", *o.next_action_client_secret}})
                         : json::value(nullptr);
  if (staff) {
    json::array allowed;
    for (const auto& s : AllowedTransitions(o.status)) allowed.push_back(json::value(s));
    j["allowed_transitions"] = std::move(allowed);
  }
  return j;
}

http::Response PrivateJson(int status, const json::value& body) {
  http::Response r = http::JsonResponse(status, json::serialize(body));
  r.Set("Cache-Control", "no-store");
  return r;
}

std::optional<std::int64_t> PathId(const http::Request& req, std::string_view name) {
  const std::string_view text = req.Param(name);
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace moderno::orders
