#pragma once
// The cart operations (/api/v1/cart...), one per file: signed-in users, or guests identified by
// the cart token (cookie `cart_token` or header X-Cart-Token). A signed-in call carrying a guest
// token merges it.
#include <boost/json/object.hpp>

#include "cart/service.hpp"
#include "platform/http/message.hpp"

namespace moderno::cart {

// What every cart handler is given.
struct HttpDeps {
  Service& carts;
};

http::Response GetCart(http::Request& req, HttpDeps& d);
http::Response AddCartItem(http::Request& req, HttpDeps& d);
http::Response UpdateCartItem(http::Request& req, HttpDeps& d);
http::Response RemoveCartItem(http::Request& req, HttpDeps& d);
http::Response ClearCart(http::Request& req, HttpDeps& d);
http::Response ApplyCartCoupon(http::Request& req, HttpDeps& d);
http::Response RemoveCartCoupon(http::Request& req, HttpDeps& d);

// Whose cart the request means (principal, X-Cart-Token or the cart_token cookie).
CartOwner OwnerOf(const http::Request& req);
// The cart (or its error) as the answer, setting or clearing the guest cookie.
http::Response CartResponse(const http::Request& req, const Result<Cart>& cart, int status = 200);
boost::json::object ToJson(const Cart& c);

}  // namespace moderno::cart
