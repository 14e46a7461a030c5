#include <boost/json.hpp>
#include <initializer_list>
#include <string_view>

#include "inventory/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/time/time.hpp"

namespace moderno::inventory {
namespace json = boost::json;
namespace {

constexpr std::int64_t kMaxQuantity = 1'000'000'000;

json::value OrNull(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value OrNull(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

// Every member not in `known` is an error, so that a misspelt field is not ignored.
void OnlyKnown(const json::object& body, http::Fields& f, std::initializer_list<std::string_view> known) {
  for (const auto& member : body) {
    const std::string_view key = member.key();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      f.Add(std::string(key), "unknown", "unknown field " + std::string(key));
    }
  }
}

// An optional text member: absent or null is none; otherwise a non-empty string.
std::optional<std::string> OptionalText(const json::object& body, http::Fields& f, const char* name, std::size_t max) {
  auto it = body.find(name);
  if (it == body.end() || it->value().is_null()) return std::nullopt;
  return f.String(name, max, true);
}

std::optional<std::int64_t> OptionalInt(const json::object& body, http::Fields& f, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->value().is_null()) return std::nullopt;
  return f.Int(name, 0, kMaxQuantity, true);
}

}  // namespace

Result<InventorySet> ReadInventorySet(const json::object& body) {
  http::Fields f(body);
  OnlyKnown(body, f, {"quantity", "reorder_point", "reorder_quantity", "reason"});
  InventorySet in;
  auto quantity = f.Int("quantity", 0, kMaxQuantity, true);
  in.reorder_point = OptionalInt(body, f, "reorder_point");
  in.reorder_quantity = OptionalInt(body, f, "reorder_quantity");
  in.reason = OptionalText(body, f, "reason", 255);
  if (!f.ok()) return Invalid(std::move(f.errors()));
  in.quantity = *quantity;
  return in;
}

Result<InventoryAdjust> ReadInventoryAdjust(const json::object& body) {
  http::Fields f(body);
  OnlyKnown(body, f, {"sku", "warehouse", "delta", "reason"});
  auto sku = f.String("sku", 100, true);
  auto warehouse = f.String("warehouse", 50, true);
  auto delta = f.Int("delta", -kMaxQuantity, kMaxQuantity, true);
  if (delta && *delta == 0) f.Add("delta", "zero", "delta must not be 0");
  auto reason = f.String("reason", 255, true);
  if (!f.ok()) return Invalid(std::move(f.errors()));
  return InventoryAdjust{*sku, *warehouse, *delta, *reason};
}

json::object ToJson(const StockChange& c) {
  const InventoryLevel& l = c.level;
  json::object o{{"id", l.id},
                 {"sku", l.sku},
                 {"product_id", l.product_id},
                 {"variant_id", OrNull(l.variant_id)},
                 {"warehouse", l.warehouse_code},
                 {"quantity", l.quantity},
                 {"reserved_quantity", l.reserved_quantity},
                 {"available", l.quantity - l.reserved_quantity},
                 {"reorder_point", l.reorder_point},
                 {"reorder_quantity", l.reorder_quantity}};
  o["adjustment"] = c.adjustment ? json::value(json::object{{"id", c.adjustment->id},
                                                            {"delta", c.adjustment->delta},
                                                            {"quantity_after", c.adjustment->quantity_after},
                                                            {"reason", c.adjustment->reason}})
                                 : json::value(nullptr);
  return o;
}

json::object ToJson(const StockRow& r) {
  const std::int64_t available = r.quantity - r.reserved;
  return {{"inventory_id", r.inventory_id}, {"sku", r.sku},
          {"product_id", r.product_id},     {"product", r.product},
          {"variant_id", OrNull(r.variant_id)}, {"variant", OrNull(r.variant)},
          {"warehouse", r.warehouse},       {"quantity", r.quantity},
          {"reserved", r.reserved},         {"available", available},
          {"reorder_point", r.reorder_point}, {"low_stock", available <= r.reorder_point},
          {"active", r.active}};
}

json::object ToJson(const LowStockAlert& a) {
  return {{"id", a.id},
          {"inventory_id", a.inventory_id},
          {"product_id", a.product_id},
          {"variant_id", OrNull(a.variant_id)},
          {"sku", a.sku},
          {"name", a.name},
          {"warehouse", a.warehouse_code},
          {"available_at_alert", a.available},
          {"available", a.available_now},
          {"reorder_point", a.reorder_point},
          {"status", a.status},
          {"created_at", time::IsoFromSql(a.created_at)},
          {"resolved_at", a.resolved_at ? json::value(time::IsoFromSql(*a.resolved_at)) : json::value(nullptr)}};
}

}  // namespace moderno::inventory
