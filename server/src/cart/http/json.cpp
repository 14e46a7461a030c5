#include <boost/json.hpp>

#include "cart/http/handlers.hpp"
#include "platform/http/cookies.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::cart {
namespace json = boost::json;
namespace {

constexpr int kCookieMaxAge = 30 * 24 * 3600;

json::value OrNull(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value OrNull(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }

std::optional<std::string> CookieValue(const http::Request& req, std::string_view name) {
  auto header = req.Header("cookie");
  if (!header) return std::nullopt;
  return http::CookieValue(*header, name);
}

json::object LineJson(const CartLine& l) {
  json::array warnings;
  for (const auto& [code, message] : l.warnings) warnings.push_back({{"code", code}, {"message", message}});
  return {{"id", l.id},
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
          {"warnings", std::move(warnings)}};
}

}  // namespace

CartOwner OwnerOf(const http::Request& req) {
  CartOwner o;
  if (req.principal) o.user_id = req.principal->user_id;
  std::optional<std::string> token;
  if (auto h = req.Header("x-cart-token")) token = std::string(*h);
  else token = CookieValue(req, "cart_token");
  if (token && Service::ValidToken(*token)) o.guest_token = token;
  return o;
}

http::Response CartResponse(const http::Request& req, const Result<Cart>& cart, int status) {
  if (!cart) return http::Problem(cart.error(), req);
  http::Response r = http::PrivateJson(status, ToJson(*cart));
  if (cart->guest_token) {
    r.Set("Set-Cookie", "cart_token=" + *cart->guest_token + "; Path=/api/v1; Max-Age=" +
                            std::to_string(kCookieMaxAge) + "; HttpOnly; SameSite=Lax");
  } else if (req.principal && (req.Header("x-cart-token") || CookieValue(req, "cart_token"))) {
    // Merged into the user's cart: the guest token is spent.
    r.Set("Set-Cookie", "cart_token=; Path=/api/v1; Max-Age=0; HttpOnly; SameSite=Lax");
  }
  return r;
}

json::object ToJson(const Cart& c) {
  json::array items;
  std::int64_t count = 0;
  for (const CartLine& l : c.lines) {
    count += l.quantity;
    items.push_back(LineJson(l));
  }
  json::object o{{"items", std::move(items)}, {"item_count", count}, {"currency", c.currency}};
  o["subtotal"] = c.totals.subtotal;
  o["discount_amount"] = c.totals.discount_amount;
  o["shipping_amount"] = c.totals.shipping_amount;
  o["tax_amount"] = c.totals.tax_amount;
  o["total_amount"] = c.totals.total_amount;
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

}  // namespace moderno::cart
