#include <boost/json.hpp>
#include <algorithm>
#include <cmath>

#include "accounts/profile/address.hpp"
#include "cart/model.hpp"
#include "orders/http/json.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "workflows/http/handlers.hpp"

namespace moderno::workflows {
namespace json = boost::json;
namespace {

constexpr std::size_t kMaxOrderLines = 50;

bool AnyUnder(const std::vector<FieldError>& errors, std::string_view prefix) {
  return std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) { return e.field.starts_with(prefix); });
}

// A price the customer saw, in minor units: an integer, or a number with nothing after the
// point (12990.0); absent and null are nullopt. `prefix` names the line in errors.
std::optional<std::int64_t> ReadPrice(const json::object& item, const char* name, const std::string& prefix,
                                      std::vector<FieldError>& errors) {
  auto it = item.find(name);
  if (it == item.end() || it->value().is_null()) return std::nullopt;
  const json::value& v = it->value();
  constexpr std::int64_t kMax = INT64_MAX / 1000;
  const bool whole = v.is_double() && std::trunc(v.as_double()) == v.as_double();
  if (v.is_double() && !whole) {
    errors.push_back({prefix + name, "type",
                      std::string(name) + " is in minor units, whole pesos for CLP (no cents): an integer such as 12990"});
    return std::nullopt;
  }
  if (!v.is_int64() && !v.is_uint64() && !whole) {
    errors.push_back({prefix + name, "type", std::string(name) + " must be an integer"});
    return std::nullopt;
  }
  const bool in_range = v.is_int64() ? v.as_int64() >= 0 && v.as_int64() <= kMax
                                     : whole && v.as_double() >= 0 && v.as_double() <= static_cast<double>(kMax);
  if (!in_range) {
    errors.push_back({prefix + name, "out_of_range", std::string(name) + " must be between 0 and " + std::to_string(kMax)});
    return std::nullopt;
  }
  return v.is_int64() ? v.as_int64() : static_cast<std::int64_t>(v.as_double());
}

// The line's expected unit price: `unit_price` or its alias `price` (the seed's name); both
// may be sent when they agree.
std::optional<std::int64_t> ReadLinePrice(const json::object& item, const std::string& prefix,
                                          std::vector<FieldError>& errors) {
  auto unit_price = ReadPrice(item, "unit_price", prefix, errors);
  auto price = ReadPrice(item, "price", prefix, errors);
  if (unit_price && price && *unit_price != *price) {
    errors.push_back({prefix + "price", "conflict", "price and unit_price differ; send one of them"});
    return std::nullopt;
  }
  return unit_price ? unit_price : price;
}

// The items array: each line type-checked, errors under items[i].
void ReadItems(const json::object& body, PlaceOrderInput& in, std::vector<FieldError>& errors) {
  auto it = body.find("items");
  if (it == body.end() || it->value().is_null()) return;
  if (!it->value().is_array()) {
    errors.push_back({"items", "type", "items must be an array"});
    return;
  }
  const auto& arr = it->value().as_array();
  if (arr.size() > kMaxOrderLines) errors.push_back({"items", "too_many", "at most 50 lines per order"});
  for (std::size_t i = 0; i < arr.size() && i < kMaxOrderLines; ++i) {
    const std::string prefix = "items[" + std::to_string(i) + "].";
    if (!arr[i].is_object()) {
      errors.push_back({"items[" + std::to_string(i) + "]", "type", "each item must be an object"});
      continue;
    }
    http::Fields item(arr[i].as_object());
    auto product = item.Int("product_id", 1, INT64_MAX);
    auto variant = item.Int("variant_id", 1, INT64_MAX, false);
    auto quantity = item.Int("quantity", 1, cart::kMaxLineQuantity);
    for (auto& e : item.errors()) errors.push_back({prefix + e.field, e.code, e.message});
    auto price = ReadLinePrice(arr[i].as_object(), prefix, errors);
    if (product && quantity) in.items.push_back({*product, variant, *quantity, price});
  }
}

}  // namespace

Result<PlaceOrderInput> ReadPlaceOrder(const json::object& body) {
  PlaceOrderInput in;
  http::Fields f(body);
  std::vector<FieldError> errors;
  in.from_cart = f.Bool("from_cart").value_or(false);
  ReadItems(body, in, errors);
  if (in.from_cart && !in.items.empty()) errors.push_back({"items", "conflict", "send items or from_cart, not both"});
  if (!in.from_cart && in.items.empty() && !AnyUnder(errors, "items")) {
    errors.push_back({"items", "required", "items (at least one) or from_cart: true is required"});
  }
  in.shipping_address = accounts::profile::ReadAddressMember(body, "shipping_address", errors);
  in.shipping_address_id = f.Int("shipping_address_id", 1, INT64_MAX, false);
  if (!in.shipping_address && !in.shipping_address_id && !AnyUnder(errors, "shipping_address")) {
    errors.push_back({"shipping_address", "required", "shipping_address or shipping_address_id is required"});
  }
  in.billing_address = accounts::profile::ReadAddressMember(body, "billing_address", errors);
  in.shipping_method = f.OptString("shipping_method", 64);
  in.coupon_code = f.OptString("coupon_code", 64);
  if (auto method = f.String("payment_method", 32)) in.payment_method = *method;
  in.payment_token = f.OptString("payment_token", 255);
  in.notes = f.OptString("notes", 1000);
  for (auto& e : f.errors()) errors.push_back(e);
  if (!errors.empty()) return Invalid(std::move(errors));
  return in;
}

// POST /api/v1/orders: checkout, once per Idempotency-Key.
http::Response PlaceOrderHandler(http::Request& req, HttpDeps& d) {
  auto key = http::IdempotencyKey(req);
  if (!key) return http::Problem(key.error(), req);
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  auto input = ReadPlaceOrder(*body);
  if (!input) return http::Problem(input.error(), req);
  // The hash of the parsed body: the same JSON with other spacing is the same request.
  const std::string hash = crypto::Sha256Hex(json::serialize(*body));
  const std::int64_t user_id = req.principal->user_id;
  auto placed = d.place.Run(user_id, *input, *key, hash);
  if (!placed) return http::Problem(placed.error(), req);
  if (placed->replay && placed->replay->first != 0) {
    return http::Replayed({placed->replay->first, placed->replay->second});
  }
  const std::string text = json::serialize(orders::ToJson(placed->order, false));
  http::Response r = http::JsonResponse(201, text);
  r.Set("Cache-Control", "no-store");
  r.Set("Location", "/api/v1/orders/" + std::to_string(placed->order.id));
  if (placed->replay) {
    r.Set("Idempotent-Replayed", "true");
  } else {
    d.place.Remember(user_id, *key, 201, text);
  }
  return r;
}

}  // namespace moderno::workflows
