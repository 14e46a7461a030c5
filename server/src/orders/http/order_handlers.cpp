// Checkout (POST /api/v1/orders) and the customer's own orders.
#include <boost/json.hpp>

#include "accounts/profile/http/handlers.hpp"
#include "accounts/profile/validation.hpp"
#include "orders/http/handlers.hpp"
#include "platform/audit/audit.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/pagination.hpp"
#include "platform/http/problem.hpp"

namespace moderno::orders {
namespace json = boost::json;
namespace {

constexpr std::size_t kMaxOrderLines = 50;

// An address object of the body, validated as the address book does; errors are prefixed.
std::optional<accounts::profile::AddressFields> ReadAddress(const json::object& body, const char* name,
                                                            std::vector<FieldError>& errors) {
  auto it = body.find(name);
  if (it == body.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_object()) {
    errors.push_back({name, "type", std::string(name) + " must be an object"});
    return std::nullopt;
  }
  std::vector<FieldError> local;
  accounts::profile::AddressInput input = accounts::profile::ReadAddressInput(it->value().as_object(), local);
  accounts::profile::AddressFields fields;
  if (local.empty()) local = accounts::profile::ApplyAddressInput(input, fields);
  for (auto& e : local) errors.push_back({std::string(name) + "." + e.field, e.code, e.message});
  return fields;
}

Result<PlaceOrderInput> ReadPlaceOrder(const json::object& body) {
  PlaceOrderInput in;
  http::Fields f(body);
  std::vector<FieldError> errors;
  in.from_cart = f.Bool("from_cart").value_or(false);
  if (auto it = body.find("items"); it != body.end() && !it->value().is_null()) {
    if (!it->value().is_array()) {
      errors.push_back({"items", "type", "items must be an array"});
    } else {
      const auto& arr = it->value().as_array();
      if (arr.size() > kMaxOrderLines) errors.push_back({"items", "too_many", "at most 50 lines per order"});
      for (std::size_t i = 0; i < arr.size() && i < kMaxOrderLines; ++i) {
        const std::string prefix = "items[" + std::to_string(i) + "].";
        if (!arr[i].is_object()) {
          errors.push_back({"items[" + std::to_string(i) + "]", "type", "each item must be an object"});
          continue;
        }
        http::Fields item(arr[i].as_object());
        OrderLineInput line;
        auto product = item.Int("product_id", 1, INT64_MAX);
        auto variant = item.Int("variant_id", 1, INT64_MAX, false);
        auto quantity = item.Int("quantity", 1, kMaxLineQuantity);
        auto price = item.Int("unit_price", 0, INT64_MAX / 1000, false);
        for (auto& e : item.errors()) errors.push_back({prefix + e.field, e.code, e.message});
        if (product && quantity) in.items.push_back({*product, variant, *quantity, price});
      }
    }
  }
  if (in.from_cart && !in.items.empty()) errors.push_back({"items", "conflict", "send items or from_cart, not both"});
  if (!in.from_cart && in.items.empty() && std::none_of(errors.begin(), errors.end(), [](const FieldError& e) {
        return e.field.starts_with("items");
      })) {
    errors.push_back({"items", "required", "items (at least one) or from_cart: true is required"});
  }
  in.shipping_address = ReadAddress(body, "shipping_address", errors);
  in.shipping_address_id = f.Int("shipping_address_id", 1, INT64_MAX, false);
  if (!in.shipping_address && !in.shipping_address_id &&
      std::none_of(errors.begin(), errors.end(), [](const FieldError& e) { return e.field.starts_with("shipping_address"); })) {
    errors.push_back({"shipping_address", "required", "shipping_address or shipping_address_id is required"});
  }
  in.billing_address = ReadAddress(body, "billing_address", errors);
  in.shipping_method = f.OptString("shipping_method", 64);
  in.coupon_code = f.OptString("coupon_code", 64);
  auto method = f.String("payment_method", 32);
  if (method) in.payment_method = *method;
  in.payment_token = f.OptString("payment_token", 255);
  in.notes = f.OptString("notes", 1000);
  for (auto& e : f.errors()) errors.push_back(e);
  if (!errors.empty()) return Invalid(std::move(errors));
  return in;
}

}  // namespace

http::Response PlaceOrder(http::Request& req, HttpDeps& d) {
  auto key = IdempotencyKey(req);
  if (!key) return http::Problem(key.error(), req);
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  auto input = ReadPlaceOrder(*body);
  if (!input) return http::Problem(input.error(), req);
  // The hash of the parsed body: the same JSON with other spacing is the same request.
  const std::string hash = crypto::Sha256Hex(json::serialize(*body));
  auto placed = d.orders.Place(req.principal->user_id, *input, *key, hash, audit::EntryFrom(req));
  if (!placed) return http::Problem(placed.error(), req);
  if (placed->replay && placed->replay->first != 0) {
    http::Response r = http::JsonResponse(placed->replay->first, placed->replay->second);
    r.Set("Cache-Control", "no-store");
    r.Set("Idempotent-Replayed", "true");
    return r;
  }
  const std::string text = json::serialize(ToJson(placed->order, false));
  http::Response r = http::JsonResponse(201, text);
  r.Set("Cache-Control", "no-store");
  r.Set("Location", "/api/v1/orders/" + std::to_string(placed->order.id));
  if (placed->replay) {
    r.Set("Idempotent-Replayed", "true");
  } else {
    d.orders.RememberResponse(OrderService::CheckoutScope(req.principal->user_id), *key, 201, text);
  }
  return r;
}

http::Response ListMyOrders(http::Request& req, HttpDeps& d) {
  std::vector<FieldError> errors;
  const http::PageRequest page = http::ReadPage(req.query, errors);
  if (!errors.empty()) return http::Problem(Invalid(std::move(errors)).error(), req);
  auto result = d.orders.ListMine(req.principal->user_id, page.page, page.limit);
  if (!result) return http::Problem(result.error(), req);
  json::array data;
  for (std::size_t i = 0; i < result->orders.size(); ++i) {
    data.push_back(SummaryJson(result->orders[i], result->item_counts[i], false));
  }
  const std::int64_t pages = (result->total + page.limit - 1) / page.limit;
  return PrivateJson(200, json::object{{"data", std::move(data)},
                                       {"pagination", {{"page", page.page}, {"limit", page.limit},
                                                       {"total", result->total}, {"pages", pages}}}});
}

http::Response GetMyOrder(http::Request& req, HttpDeps& d) {
  auto id = PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such order.", req);
  auto o = d.orders.Get(req.principal->user_id, *id);
  if (!o) return http::Problem(o.error(), req);
  return PrivateJson(200, ToJson(*o, false));
}

http::Response CancelMyOrder(http::Request& req, HttpDeps& d) {
  auto id = PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such order.", req);
  return Idempotent(req, d, "cancel", [&]() -> http::Response {
    auto o = d.orders.CancelByCustomer(req.principal->user_id, *id);
    if (!o) return http::Problem(o.error(), req);
    return PrivateJson(200, ToJson(*o, false));
  });
}

Result<std::string> IdempotencyKey(const http::Request& req) {
  auto h = req.Header("idempotency-key");
  if (!h) return std::string();
  std::string key(*h);
  if (key.empty() || key.size() > 255 ||
      !std::all_of(key.begin(), key.end(), [](char c) { return c > 32 && c < 127; })) {
    return Invalid({{"Idempotency-Key", "invalid", "1-255 visible ASCII characters (a UUID is a good choice)"}});
  }
  return key;
}

http::Response Idempotent(http::Request& req, HttpDeps& d, const std::string& operation,
                          const std::function<http::Response()>& call) {
  auto key = IdempotencyKey(req);
  if (!key) return http::Problem(key.error(), req);
  if (key->empty()) return call();
  // The operation, its target and body identify the request.
  const std::string scope = "user:" + std::to_string(req.principal->user_id) + ":" + operation;
  const std::string hash = crypto::Sha256Hex(req.path + "\n" + req.body);
  auto claimed = d.orders.ClaimKey(scope, *key, hash);
  if (!claimed) return http::Problem(claimed.error(), req);
  if (*claimed) {
    http::Response r = http::JsonResponse((*claimed)->first, (*claimed)->second);
    r.Set("Cache-Control", "no-store");
    r.Set("Idempotent-Replayed", "true");
    return r;
  }
  http::Response r = call();
  if (r.status >= 200 && r.status < 300) {
    d.orders.RememberResponse(scope, *key, r.status, r.body);
  } else {
    d.orders.ForgetKey(scope, *key);
  }
  return r;
}

}  // namespace moderno::orders
