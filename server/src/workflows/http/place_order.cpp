#include <boost/json.hpp>
#include <algorithm>

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
    auto price = item.Int("unit_price", 0, INT64_MAX / 1000, false);
    for (auto& e : item.errors()) errors.push_back({prefix + e.field, e.code, e.message});
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
