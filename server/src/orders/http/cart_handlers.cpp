// /api/v1/cart: the signed-in user's cart, or a guest's identified by the cart token (cookie
// `cart_token` or header X-Cart-Token). A signed-in call carrying a guest token merges it.
#include <boost/json.hpp>

#include "orders/http/handlers.hpp"
#include "orders/shipping.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace moderno::orders {
namespace json = boost::json;
namespace {

constexpr int kCookieMaxAge = 30 * 24 * 3600;

std::optional<std::string> CookieValue(const http::Request& req, std::string_view name) {
  auto header = req.Header("cookie");
  if (!header) return std::nullopt;
  std::string_view rest = *header;
  while (!rest.empty()) {
    const auto semi = rest.find(';');
    std::string_view part = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.starts_with(name) && part.size() > name.size() && part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
  }
  return std::nullopt;
}

CartOwner Owner(const http::Request& req) {
  CartOwner o;
  if (req.principal) o.user_id = req.principal->user_id;
  std::optional<std::string> token;
  if (auto h = req.Header("x-cart-token")) token = std::string(*h);
  else token = CookieValue(req, "cart_token");
  if (token && CartService::ValidToken(*token)) o.guest_token = token;
  return o;
}

http::Response Respond(const http::Request& req, const Result<Cart>& cart, int status = 200) {
  if (!cart) return http::Problem(cart.error(), req);
  http::Response r = PrivateJson(status, ToJson(*cart));
  if (cart->guest_token) {
    r.Set("Set-Cookie", "cart_token=" + *cart->guest_token + "; Path=/api/v1; Max-Age=" +
                            std::to_string(kCookieMaxAge) + "; HttpOnly; SameSite=Lax");
  } else if (req.principal && (req.Header("x-cart-token") || CookieValue(req, "cart_token"))) {
    // Merged into the user's cart: the guest token is spent.
    r.Set("Set-Cookie", "cart_token=; Path=/api/v1; Max-Age=0; HttpOnly; SameSite=Lax");
  }
  return r;
}

std::optional<std::int64_t> ItemId(const http::Request& req) { return PathId(req); }

}  // namespace

http::Response GetCart(http::Request& req, HttpDeps& d) {
  std::optional<std::string> region;
  if (auto q = req.Query("region"); q && !q->empty()) {
    region = RegionCode(*q);
    if (!region) return http::Problem(Invalid({{"region", "unknown", "not a region of Chile"}}).error(), req);
  }
  return Respond(req, d.orders.carts().Get(Owner(req), region));
}

http::Response AddCartItem(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto product_id = f.Int("product_id", 1, INT64_MAX);
  auto variant_id = f.Int("variant_id", 1, INT64_MAX, false);
  auto quantity = f.Int("quantity", 1, kMaxLineQuantity);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  return Respond(req, d.orders.carts().AddItem(Owner(req), *product_id, variant_id, *quantity), 201);
}

http::Response UpdateCartItem(http::Request& req, HttpDeps& d) {
  auto id = ItemId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such cart line.", req);
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto quantity = f.Int("quantity", 1, kMaxLineQuantity);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  return Respond(req, d.orders.carts().UpdateItem(Owner(req), *id, *quantity));
}

http::Response RemoveCartItem(http::Request& req, HttpDeps& d) {
  auto id = ItemId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such cart line.", req);
  return Respond(req, d.orders.carts().RemoveItem(Owner(req), *id));
}

http::Response ClearCart(http::Request& req, HttpDeps& d) { return Respond(req, d.orders.carts().Clear(Owner(req))); }

http::Response ApplyCartCoupon(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto code = f.String("code", 64);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  return Respond(req, d.orders.carts().ApplyCoupon(Owner(req), *code));
}

http::Response RemoveCartCoupon(http::Request& req, HttpDeps& d) {
  return Respond(req, d.orders.carts().RemoveCoupon(Owner(req)));
}

}  // namespace moderno::orders
