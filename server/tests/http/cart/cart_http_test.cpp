// The cart over real HTTP on both databases: guest carts with a token, the signed-in cart seen
// from every device, the merge on sign-in, validation, and warnings for price and stock.
#include "orders_fixture.hpp"

namespace moderno::testing {
namespace {

class CartHttpTest : public OrdersTest {
 protected:
  static std::string TokenFrom(const Reply& r) { return std::string(r.body.at("cart_token").as_string()); }
  static Headers Guest(const std::string& token) { return {{"X-Cart-Token", token}}; }
};

TEST_F(CartHttpTest, GuestCartLivesByItsTokenAndCookie) {
  const auto p = MakeProduct("CART-G1", 12990, {{"W1", 5}});
  auto empty = Call("GET", "/api/v1/cart");
  ASSERT_EQ(empty.status, 200) << empty.raw;
  EXPECT_EQ(empty.body.at("items").as_array().size(), 0u);
  const std::string token = TokenFrom(empty);
  EXPECT_GE(token.size(), 24u);
  const std::string cookie = empty.http.Header("set-cookie");
  EXPECT_NE(cookie.find("cart_token=" + token), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);

  auto added = Call("POST", "/api/v1/cart/items", json::serialize(Line(p, 2)), nullptr, Guest(token));
  ASSERT_EQ(added.status, 201) << added.raw;
  EXPECT_EQ(TokenFrom(added), token);
  // The same token by cookie sees the same cart.
  auto again = Call("GET", "/api/v1/cart", "", nullptr, {{"Cookie", "theme=dark; cart_token=" + token}});
  ASSERT_EQ(again.status, 200);
  const auto& items = again.body.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("quantity").as_int64(), 2);
  EXPECT_EQ(items[0].at("unit_price").as_int64(), 12990);
  EXPECT_EQ(items[0].at("name").as_string(), "Producto CART-G1");
  EXPECT_EQ(again.body.at("subtotal").as_int64(), 25980);
  // IVA included: the tax is the part of the total.
  const std::int64_t total = again.body.at("total").as_int64();
  EXPECT_EQ(again.body.at("tax_amount").as_int64(), (total * 19 + 59) / 119);
  EXPECT_EQ(total, 25980 + again.body.at("shipping_amount").as_int64());
  // Adding again adds quantities.
  Call("POST", "/api/v1/cart/items", json::serialize(Line(p, 1)), nullptr, Guest(token));
  auto three = Call("GET", "/api/v1/cart", "", nullptr, Guest(token));
  EXPECT_EQ(three.body.at("items").at(0).at("quantity").as_int64(), 3);
  EXPECT_EQ(three.body.at("item_count").as_int64(), 3);
}

TEST_F(CartHttpTest, SignedInCartIsTheSameOnEveryDevice) {
  const auto p = MakeProduct("CART-D1", 5000, {{"W1", 10}});
  auto user = store_->CreateUser(http::Role::kCustomer);
  ASSERT_EQ(Call("POST", "/api/v1/cart/items", json::serialize(Line(p, 4)), &user).status, 201);
  // A second device: a new session of the same user.
  auto login = Call("POST", "/api/v1/auth/login", json::object{{"email", user.email}, {"password", user.password}});
  ASSERT_EQ(login.status, 200);
  TestUser phone = user;
  phone.access_token = std::string(login.body.at("access_token").as_string());
  auto seen = Call("GET", "/api/v1/cart", "", &phone);
  ASSERT_EQ(seen.status, 200);
  ASSERT_EQ(seen.body.at("items").as_array().size(), 1u);
  EXPECT_EQ(seen.body.at("items").at(0).at("quantity").as_int64(), 4);
  EXPECT_FALSE(seen.body.contains("cart_token"));
  const std::int64_t line = seen.body.at("items").at(0).at("id").as_int64();
  ASSERT_EQ(Call("PUT", "/api/v1/cart/items/" + std::to_string(line), json::object{{"quantity", 2}}, &phone).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/cart", "", &user).body.at("items").at(0).at("quantity").as_int64(), 2);
  ASSERT_EQ(Call("DELETE", "/api/v1/cart/items/" + std::to_string(line), "", &user).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/cart", "", &phone).body.at("items").as_array().size(), 0u);
}

TEST_F(CartHttpTest, SignInMergesTheGuestCartCappedByStock) {
  const auto a = MakeProduct("CART-M1", 1000, {{"W1", 5}});
  const auto b = MakeProduct("CART-M2", 2000, {{"W1", 3}});
  auto user = store_->CreateUser(http::Role::kCustomer);
  ASSERT_EQ(Call("POST", "/api/v1/cart/items", json::serialize(Line(a, 3)), &user).status, 201);
  auto guest = Call("GET", "/api/v1/cart");
  const std::string token = TokenFrom(guest);
  ASSERT_EQ(Call("POST", "/api/v1/cart/items", json::serialize(Line(a, 4)), nullptr, Guest(token)).status, 201);
  ASSERT_EQ(Call("POST", "/api/v1/cart/items", json::serialize(Line(b, 2)), nullptr, Guest(token)).status, 201);

  // The first signed-in cart call carrying the guest token merges.
  auto merged = Call("GET", "/api/v1/cart", "", &user, Guest(token));
  ASSERT_EQ(merged.status, 200) << merged.raw;
  std::map<std::int64_t, std::int64_t> qty;
  for (const auto& i : merged.body.at("items").as_array()) qty[i.at("product_id").as_int64()] = i.at("quantity").as_int64();
  EXPECT_EQ(qty[a], 5) << "3 + 4 capped by the 5 in stock";
  EXPECT_EQ(qty[b], 2);
  EXPECT_NE(merged.http.Header("set-cookie").find("Max-Age=0"), std::string::npos) << "the guest token is spent";
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM carts WHERE token_hash IS NOT NULL AND id IN "
                   "(SELECT cart_id FROM cart_items WHERE product_id = ?)", {b}),
            0);
  // The guest token now names an empty cart.
  EXPECT_EQ(Call("GET", "/api/v1/cart", "", nullptr, Guest(token)).body.at("items").as_array().size(), 0u);
}

TEST_F(CartHttpTest, BadInputIsRefusedAndChangesNothing) {
  const auto p = MakeProduct("CART-V1", 1000, {{"W1", 3}});
  auto user = store_->CreateUser(http::Role::kCustomer);
  auto r = Call("POST", "/api/v1/cart/items", json::serialize(Line(p, 0)), &user);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(NamesField(r, "quantity")) << r.raw;
  r = Call("POST", "/api/v1/cart/items", json::serialize(Line(p, 101)), &user);
  EXPECT_EQ(r.status, 422);
  r = Call("POST", "/api/v1/cart/items", R"({"product_id": 1, "quantity": 1.5})", &user);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(NamesField(r, "quantity")) << r.raw;
  r = Call("POST", "/api/v1/cart/items", json::serialize(Line(p, 4)), &user);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(NamesField(r, "quantity", "insufficient_stock")) << r.raw;
  r = Call("POST", "/api/v1/cart/items", json::serialize(Line(999999, 1)), &user);
  EXPECT_EQ(r.status, 404);
  Exec("UPDATE products SET is_active = 0 WHERE id = ?", {p});
  EXPECT_EQ(Call("POST", "/api/v1/cart/items", json::serialize(Line(p, 1)), &user).status, 404);
  Exec("UPDATE products SET is_active = 1 WHERE id = ?", {p});
  r = Call("POST", "/api/v1/cart/items", "{not json", &user);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/cart", "", &user).body.at("items").as_array().size(), 0u);
  // Another customer's line is not found.
  ASSERT_EQ(Call("POST", "/api/v1/cart/items", json::serialize(Line(p, 1)), &user).status, 201);
  const auto line = Call("GET", "/api/v1/cart", "", &user).body.at("items").at(0).at("id").as_int64();
  EXPECT_EQ(Call("PUT", "/api/v1/cart/items/" + std::to_string(line), json::object{{"quantity", 2}}, other_).status, 404);
  EXPECT_EQ(Call("DELETE", "/api/v1/cart/items/" + std::to_string(line), "", other_).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/cart", "", &user).body.at("items").at(0).at("quantity").as_int64(), 1);
}

TEST_F(CartHttpTest, WarnsWhenPriceOrStockChanged) {
  const auto p = MakeProduct("CART-W1", 10000, {{"W1", 5}});
  auto user = store_->CreateUser(http::Role::kCustomer);
  ASSERT_EQ(Call("POST", "/api/v1/cart/items", json::serialize(Line(p, 4)), &user).status, 201);
  Exec("UPDATE products SET price = 12000 WHERE id = ?", {p});
  Exec("UPDATE inventory SET quantity = 2 WHERE product_id = ?", {p});
  auto r = Call("GET", "/api/v1/cart", "", &user);
  const auto& line = r.body.at("items").at(0).as_object();
  EXPECT_EQ(line.at("unit_price").as_int64(), 12000);
  EXPECT_EQ(line.at("price_when_added").as_int64(), 10000);
  std::set<std::string> codes;
  for (const auto& w : line.at("warnings").as_array()) codes.insert(std::string(w.at("code").as_string()));
  EXPECT_TRUE(codes.contains("price_changed")) << r.raw;
  EXPECT_TRUE(codes.contains("stock_short")) << r.raw;
  EXPECT_EQ(r.body.at("subtotal").as_int64(), 48000);
  // Setting the quantity within stock confirms the price: no more warnings.
  auto fixed = Call("PUT", "/api/v1/cart/items/" + std::to_string(line.at("id").as_int64()), json::object{{"quantity", 2}}, &user);
  ASSERT_EQ(fixed.status, 200) << fixed.raw;
  EXPECT_EQ(fixed.body.at("items").at(0).at("warnings").as_array().size(), 0u) << fixed.raw;
}

TEST_F(CartHttpTest, ShippingEstimateFollowsTheRegionAndFreeShipping) {
  const auto cheap = MakeProduct("CART-S1", 10000, {{"W1", 20}});
  auto user = store_->CreateUser(http::Role::kCustomer);
  ASSERT_EQ(Call("POST", "/api/v1/cart/items", json::serialize(Line(cheap, 1)), &user).status, 201);
  auto rm = Call("GET", "/api/v1/cart?region=RM", "", &user);
  EXPECT_EQ(rm.body.at("shipping_estimate").at("method").as_string(), "standard");
  EXPECT_EQ(rm.body.at("shipping_amount").as_int64(), 3990);
  auto south = Call("GET", "/api/v1/cart?region=Magallanes", "", &user);
  EXPECT_EQ(south.body.at("shipping_amount").as_int64(), 8990);
  EXPECT_EQ(Call("GET", "/api/v1/cart?region=Narnia", "", &user).status, 422);
  // 50.000 or more ships free with the standard method.
  ASSERT_EQ(Call("POST", "/api/v1/cart/items", json::serialize(Line(cheap, 4)), &user).status, 201);
  auto free = Call("GET", "/api/v1/cart?region=RM", "", &user);
  EXPECT_EQ(free.body.at("subtotal").as_int64(), 50000);
  EXPECT_EQ(free.body.at("shipping_amount").as_int64(), 0);
  // Clearing empties it.
  auto cleared = Call("DELETE", "/api/v1/cart", "", &user);
  EXPECT_EQ(cleared.status, 200);
  EXPECT_EQ(cleared.body.at("items").as_array().size(), 0u);
  EXPECT_EQ(cleared.body.at("total").as_int64(), 0);
}

TEST_F(CartHttpTest, CouponsApplyToTheCartAndCarryToCheckout) {
  const auto p = MakeProduct("CART-CPN1", 20000, {{"W1", 10}});
  Exec("INSERT INTO coupons (code, type, value, min_subtotal, is_active) VALUES ('DIEZ', 'percentage', 10, 0, 1)");
  Exec("INSERT INTO coupons (code, type, value, min_subtotal, is_active) VALUES ('GRANDE', 'fixed', 5000, 100000, 1)");
  Exec("INSERT INTO coupons (code, type, value, min_subtotal, is_active) VALUES ('ENVIOGRATIS', 'free_shipping', 0, 0, 1)");
  Exec("INSERT INTO coupons (code, type, value, min_subtotal, ends_at, is_active) "
       "VALUES ('VENCIDO', 'fixed', 1000, 0, '2001-01-01 00:00:00', 1)");
  auto user = store_->CreateUser(http::Role::kCustomer);
  ASSERT_EQ(Call("POST", "/api/v1/cart/items", json::serialize(Line(p, 1)), &user).status, 201);

  auto r = Call("POST", "/api/v1/cart/coupon", json::object{{"code", "diez"}}, &user);
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body.at("coupon").at("code").as_string(), "DIEZ");
  EXPECT_EQ(r.body.at("discount_amount").as_int64(), 2000);
  EXPECT_EQ(r.body.at("total").as_int64(), 20000 - 2000 + r.body.at("shipping_amount").as_int64());
  // Refusals say why, on the body's field, and keep the applied coupon.
  auto min = Call("POST", "/api/v1/cart/coupon", json::object{{"code", "GRANDE"}}, &user);
  EXPECT_EQ(min.status, 422);
  EXPECT_TRUE(NamesField(min, "code", "min_subtotal")) << min.raw;
  EXPECT_TRUE(NamesField(Call("POST", "/api/v1/cart/coupon", json::object{{"code", "VENCIDO"}}, &user), "code", "expired"));
  EXPECT_TRUE(NamesField(Call("POST", "/api/v1/cart/coupon", json::object{{"code", "NOEXISTE"}}, &user), "code", "unknown"));
  EXPECT_EQ(Call("GET", "/api/v1/cart", "", &user).body.at("coupon").at("code").as_string(), "DIEZ");

  auto free = Call("POST", "/api/v1/cart/coupon", json::object{{"code", "ENVIOGRATIS"}}, &user);
  ASSERT_EQ(free.status, 200) << free.raw;
  EXPECT_EQ(free.body.at("shipping_amount").as_int64(), 0);
  EXPECT_EQ(free.body.at("discount_amount").as_int64(), 0);
  auto removed = Call("DELETE", "/api/v1/cart/coupon", "", &user);
  EXPECT_TRUE(removed.body.at("coupon").is_null());
  EXPECT_GT(removed.body.at("shipping_amount").as_int64(), 0);

  // The cart's coupon goes into the order placed from it, and is used once.
  ASSERT_EQ(Call("POST", "/api/v1/cart/coupon", json::object{{"code", "DIEZ"}}, &user).status, 200);
  auto order = Call("POST", "/api/v1/orders",
                    json::object{{"from_cart", true}, {"shipping_address", Address()}, {"payment_method", "manual"}}, &user);
  ASSERT_EQ(order.status, 201) << order.raw;
  EXPECT_EQ(order.body.at("coupon_code").as_string(), "DIEZ");
  EXPECT_EQ(order.body.at("discount_amount").as_int64(), 2000);
  EXPECT_EQ(order.body.at("items").at(0).at("discount_amount").as_int64(), 2000);
  EXPECT_EQ(Scalar("SELECT times_used FROM coupons WHERE code = 'DIEZ'"), 1);
  // Cancelling gives the use back.
  ASSERT_EQ(Call("POST", "/api/v1/orders/" + std::to_string(order.body.at("id").as_int64()) + "/cancel", "", &user).status, 200);
  EXPECT_EQ(Scalar("SELECT times_used FROM coupons WHERE code = 'DIEZ'"), 0);
}

}  // namespace
}  // namespace moderno::testing
