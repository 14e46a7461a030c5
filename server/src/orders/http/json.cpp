#include "orders/http/json.hpp"

#include <boost/json.hpp>

#include "orders/status.hpp"
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

json::object ItemJson(const OrderItem& i) {
  return {{"id", i.id},
          {"product_id", i.product_id},
          {"variant_id", OrNull(i.variant_id)},
          {"sku", i.sku},
          {"name", i.name},
          {"variant_name", OrNull(i.variant_name)},
          {"image_url", OrNull(i.image_url)},
          {"unit_price", i.unit_price},
          {"quantity", i.quantity},
          {"discount_amount", i.discount_amount},
          {"line_total", i.line_total}};
}

json::object PaymentJson(const Payment& p) {
  return {{"id", p.id},
          {"provider", p.provider},
          {"kind", p.kind},
          {"status", p.status},
          {"amount", p.amount},
          {"reference", OrNull(p.reference)},
          {"failure_code", OrNull(p.failure_code)},
          {"failure_message", OrNull(p.failure_message)},
          {"authorization_code", OrNull(p.authorization_code)},
          {"card_last4", OrNull(p.card_last4)},
          {"payment_type", OrNull(p.payment_type)},
          {"installments", OrNull(p.installments)},
          {"provider_status", OrNull(p.provider_status)},
          {"created_at", time::IsoFromSql(p.created_at)}};
}

json::value NextActionJson(const Order& o) {
  if (o.next_action_redirect) {
    json::object fields;
    for (const auto& [k, v] : o.next_action_redirect->fields) fields[k] = v;
    return json::object{{"type", "redirect"},
                        {"url", o.next_action_redirect->url},
                        {"method", o.next_action_redirect->method},
                        {"fields", std::move(fields)}};
  }
  if (o.next_action_client_secret) {
    return json::object{{"type", "confirm_card_payment"}, {"client_secret", *o.next_action_client_secret}};
  }
  return nullptr;
}

}  // namespace

json::object SummaryJson(const Order& o, std::int64_t item_count, bool staff) {
  json::object j{{"id", o.id},
                 {"order_number", o.order_number},
                 {"status", Name(o.status)},
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
    items.push_back(ItemJson(i));
  }
  j["item_count"] = count;
  j["items"] = std::move(items);
  j["subtotal"] = o.totals.subtotal;
  j["discount_amount"] = o.totals.discount_amount;
  j["shipping_amount"] = o.totals.shipping_amount;
  j["tax_amount"] = o.totals.tax_amount;
  j["total_amount"] = o.totals.total_amount;
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
  for (const Payment& p : o.payments) payments.push_back(PaymentJson(p));
  j["payments"] = std::move(payments);
  j["next_action"] = NextActionJson(o);
  if (staff) {
    json::array allowed;
    for (const auto s : AllowedTransitions(o.status)) allowed.push_back(json::value(Name(s)));
    j["allowed_transitions"] = std::move(allowed);
  }
  return j;
}

}  // namespace moderno::orders
