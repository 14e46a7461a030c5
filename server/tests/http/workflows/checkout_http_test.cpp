// Checkout over real HTTP on both databases: prices from the server, totals with IVA and
// shipping, reservations across warehouses, all-or-nothing on short stock, idempotency keys,
// sandbox card payments and reservation expiry.
#include <thread>

#include "payments/gateway.hpp"
#include "orders_fixture.hpp"

namespace moderno::testing {
namespace {

class CheckoutHttpTest : public OrdersTest {};

TEST_F(CheckoutHttpTest, TotalsComeFromTheServerWithIvaAndShipping) {
  const auto p = MakeProduct("CHK-T1", 11900, {{"W1", 10}});
  auto r = PlaceOrder(customer_, json::array{Line(p, 2)});
  ASSERT_EQ(r.status, 201) << r.raw;
  const auto& o = r.body;
  EXPECT_EQ(o.at("status").as_string(), "pending");
  EXPECT_EQ(o.at("payment_status").as_string(), "pending");
  EXPECT_EQ(o.at("currency").as_string(), "CLP");
  EXPECT_EQ(o.at("subtotal").as_int64(), 23800);
  EXPECT_EQ(o.at("shipping_method").as_string(), "standard") << "the cheapest delivery, not pickup";
  EXPECT_EQ(o.at("shipping_amount").as_int64(), 3990);
  EXPECT_EQ(o.at("total_amount").as_int64(), 27790);
  EXPECT_EQ(o.at("tax_amount").as_int64(), (27790 * 19 + 59) / 119);
  EXPECT_EQ(o.at("items").at(0).at("line_total").as_int64(), 23800);
  const std::string number(o.at("order_number").as_string());
  EXPECT_TRUE(number.starts_with("MOD-2026-") || number.starts_with("MOD-20")) << number;
  EXPECT_EQ(number.size(), std::string("MOD-2026-XXXXXX").size());
  EXPECT_EQ(o.at("shipping_address").at("region").as_string(), "Metropolitana de Santiago");
  EXPECT_EQ(r.http.Header("location"), "/api/v1/orders/" + std::to_string(o.at("id").as_int64()));
  // The address is stored encrypted.
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM orders WHERE id = ? AND shipping_address LIKE '%Providencia%'",
                   {o.at("id").as_int64()}),
            0);
  // Express and pickup on request; free standard shipping from 50.000.
  auto express = PlaceOrder(customer_, json::array{Line(p, 1)}, "manual", {{"shipping_method", "express"}});
  EXPECT_EQ(express.body.at("shipping_amount").as_int64(), 6990);
  auto pickup = PlaceOrder(customer_, json::array{Line(p, 1)}, "manual", {{"shipping_method", "retiro"}});
  EXPECT_EQ(pickup.body.at("shipping_amount").as_int64(), 0);
  auto big = PlaceOrder(customer_, json::array{Line(p, 5)});
  EXPECT_EQ(big.body.at("shipping_amount").as_int64(), 0);
  auto unknown = PlaceOrder(customer_, json::array{Line(p, 1)}, "manual", {{"shipping_method", "drone"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(NamesField(unknown, "shipping_method")) << unknown.raw;
}

TEST_F(CheckoutHttpTest, TheAnswerIsTheOrderAsStored) {
  // The 201 is built from what was written, not read back: it must equal a fresh read, field
  // for field, with a coupon, a billing address, notes and a line split over two warehouses.
  Exec("INSERT INTO coupons (code, type, value, min_subtotal, is_active) VALUES ('ASI10', 'percentage', 10, 0, 1)");
  const auto a = MakeProduct("CHK-AS1", 15990, {{"W1", 1}, {"W2", 5}});
  const auto b = MakeProduct("CHK-AS2", 4990, {{"W1", 3}});
  json::object billing = Address("Valparaíso");
  billing["recipient_name"] = "Facturación Ltda.";
  auto r = PlaceOrder(customer_, json::array{Line(a, 2), Line(b, 1)}, "manual",
                      {{"coupon_code", "asi10"}, {"billing_address", billing}, {"notes", "Tocar el timbre"}});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body.at("coupon_code").as_string(), "ASI10");
  EXPECT_GT(r.body.at("discount_amount").as_int64(), 0);
  EXPECT_EQ(r.body.at("status_history").as_array().size(), 1u);
  auto stored = Call("GET", "/api/v1/orders/" + std::to_string(r.body.at("id").as_int64()), "", customer_);
  ASSERT_EQ(stored.status, 200) << stored.raw;
  EXPECT_EQ(json::serialize(r.body), json::serialize(stored.body));
}

TEST_F(CheckoutHttpTest, ShippingMethodsListPricesPerRegion) {
  auto rm = Call("GET", "/api/v1/shipping-methods?region=Metropolitana");
  ASSERT_EQ(rm.status, 200) << rm.raw;
  EXPECT_EQ(rm.body.at("region").as_string(), "CL-RM");
  const auto& methods = rm.body.at("data").as_array();
  ASSERT_EQ(methods.size(), 3u);
  EXPECT_EQ(methods[0].at("code").as_string(), "retiro") << "cheapest first";
  EXPECT_TRUE(methods[0].at("is_pickup").as_bool());
  EXPECT_EQ(methods[1].at("price").as_int64(), 3990);
  auto all = Call("GET", "/api/v1/shipping-methods");
  const auto& standard = all.body.at("data").at(0).as_object();
  EXPECT_EQ(standard.at("code").as_string(), "standard");
  EXPECT_EQ(standard.at("region_prices").as_object().size(), 16u);
  EXPECT_EQ(standard.at("region_prices").at("CL-RM").as_int64(), 3990);
  EXPECT_EQ(standard.at("region_prices").at("CL-MA").as_int64(), 8990);
  EXPECT_EQ(standard.at("region_prices").at("CL-BI").as_int64(), 5990);
  auto bad = Call("GET", "/api/v1/shipping-methods?region=Mordor");
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(NamesField(bad, "region"));
}

TEST_F(CheckoutHttpTest, APriceInTheBodyMustBeTheCurrentOne) {
  const auto p = MakeProduct("CHK-P1", 5000, {{"W1", 10}});
  json::object line = Line(p, 1);
  line["unit_price"] = 4000;
  auto r = PlaceOrder(customer_, json::array{line});
  ASSERT_EQ(r.status, 409) << r.raw;
  EXPECT_EQ(ProblemType(r), "price_changed");
  EXPECT_EQ(r.body.at("items").at(0).at("current_price").as_int64(), 5000);
  EXPECT_EQ(Stock(p, "W1").reserved, 0);
  line["unit_price"] = 5000;
  EXPECT_EQ(PlaceOrder(customer_, json::array{line}).status, 201);
}

TEST_F(CheckoutHttpTest, ReservesByWarehousePriorityAndSplitsALine) {
  const auto p = MakeProduct("CHK-R1", 1000, {{"W1", 3}, {"W2", 5}});
  auto r = PlaceOrder(customer_, json::array{Line(p, 6)});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(Stock(p, "W1").reserved, 3) << "the preferred warehouse first";
  EXPECT_EQ(Stock(p, "W2").reserved, 3);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM stock_reservations WHERE order_id = ?", {r.body.at("id").as_int64()}), 2);
  // The catalog's stock is what remains available.
  auto product = Call("GET", "/api/v1/products/" + std::to_string(p));
  ASSERT_EQ(product.status, 200) << product.raw;
  EXPECT_EQ(product.body.at("stock").as_int64(), 2);
}

TEST_F(CheckoutHttpTest, AShortLineReservesNothingAndListsTheShortLines) {
  const auto a = MakeProduct("CHK-S1", 1000, {{"W1", 5}});
  const auto b = MakeProduct("CHK-S2", 1000, {{"W1", 1}, {"W2", 1}});
  const auto orders_before = Scalar("SELECT COUNT(*) FROM orders");
  auto r = PlaceOrder(customer_, json::array{Line(a, 2), Line(b, 3)});
  ASSERT_EQ(r.status, 409) << r.raw;
  EXPECT_EQ(ProblemType(r), "insufficient_stock");
  const auto& shorts = r.body.at("short_lines").as_array();
  ASSERT_EQ(shorts.size(), 1u);
  EXPECT_EQ(shorts[0].at("sku").as_string(), "CHK-S2");
  EXPECT_EQ(shorts[0].at("requested").as_int64(), 3);
  EXPECT_EQ(shorts[0].at("available").as_int64(), 2);
  EXPECT_EQ(Stock(a, "W1").reserved, 0) << "nothing reserved for the line that fitted";
  EXPECT_EQ(Stock(b, "W1").reserved, 0);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM orders"), orders_before);
}

TEST_F(CheckoutHttpTest, BadBodiesNameTheirFields) {
  auto r = Call("POST", "/api/v1/orders", json::object{{"items", json::array{json::object{{"product_id", "x"}}}}}, customer_);
  ASSERT_EQ(r.status, 422) << r.raw;
  EXPECT_TRUE(NamesField(r, "items[0].product_id"));
  EXPECT_TRUE(NamesField(r, "items[0].quantity"));
  EXPECT_TRUE(NamesField(r, "shipping_address", "required"));
  EXPECT_TRUE(NamesField(r, "payment_method", "required"));
  json::object bad_address = Address();
  bad_address.erase("street");
  bad_address["region"] = "Narnia";
  r = Call("POST", "/api/v1/orders",
           json::object{{"items", json::array{Line(1, 1)}}, {"shipping_address", bad_address}, {"payment_method", "bitcoin"}},
           customer_);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(NamesField(r, "shipping_address.street")) << r.raw;
  EXPECT_TRUE(NamesField(r, "shipping_address.region")) << r.raw;
  const auto p = MakeProduct("CHK-B1", 1000, {{"W1", 1}});
  r = PlaceOrder(customer_, json::array{Line(p, 1)}, "bitcoin");
  EXPECT_TRUE(NamesField(r, "payment_method", "unavailable")) << r.raw;
  r = PlaceOrder(customer_, json::array{Line(p, 1)}, "sandbox", {{"payment_token", "tok_bogus"}});
  EXPECT_TRUE(NamesField(r, "payment_token")) << r.raw;
  r = PlaceOrder(customer_, json::array{Line(p, 1)}, "manual", {{"shipping_address_id", 999999}});
  EXPECT_EQ(r.status, 422);
  r = Call("POST", "/api/v1/orders", json::object{{"from_cart", true}, {"shipping_address", Address()}, {"payment_method", "manual"}},
           other_);
  EXPECT_TRUE(NamesField(r, "from_cart", "empty_cart")) << r.raw;
  EXPECT_EQ(Call("POST", "/api/v1/orders", json::object{}, nullptr).status, 401);
  EXPECT_EQ(Stock(p, "W1").reserved, 0);
}

TEST_F(CheckoutHttpTest, FromCartUsesASavedAddressAndEmptiesTheCart) {
  const auto p = MakeProduct("CHK-C1", 3000, {{"W1", 4}});
  auto user = store_->CreateUser(http::Role::kCustomer);
  auto address = Call("POST", "/api/v1/me/addresses", Address("Biobío"), &user);
  ASSERT_EQ(address.status, 201) << address.raw;
  ASSERT_EQ(Call("POST", "/api/v1/cart/items", json::serialize(Line(p, 2)), &user).status, 201);
  auto r = Call("POST", "/api/v1/orders",
                json::object{{"from_cart", true}, {"shipping_address_id", address.body.at("id").as_int64()},
                             {"payment_method", "manual"}},
                &user);
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body.at("shipping_region").as_string(), "CL-BI");
  EXPECT_EQ(r.body.at("shipping_amount").as_int64(), 5990) << "the base price outside the regions with a rate";
  EXPECT_EQ(r.body.at("items").at(0).at("quantity").as_int64(), 2);
  EXPECT_EQ(Call("GET", "/api/v1/cart", "", &user).body.at("items").as_array().size(), 0u);
  // Someone else's address is not usable.
  const auto other_addr = address.body.at("id").as_int64();
  EXPECT_EQ(PlaceOrder(other_, json::array{Line(p, 1)}, "manual", {{"shipping_address_id", other_addr}}).status, 422);
}

TEST_F(CheckoutHttpTest, AnIdempotencyKeyOrdersOnce) {
  const auto p = MakeProduct("CHK-I1", 2000, {{"W1", 10}});
  auto first = PlaceOrder(customer_, json::array{Line(p, 1)}, "sandbox", {}, "key-checkout-1");
  ASSERT_EQ(first.status, 201) << first.raw;
  auto again = PlaceOrder(customer_, json::array{Line(p, 1)}, "sandbox", {}, "key-checkout-1");
  ASSERT_EQ(again.status, 201) << again.raw;
  EXPECT_EQ(again.body.at("id"), first.body.at("id"));
  EXPECT_EQ(again.http.Header("idempotent-replayed"), "true");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM payments WHERE order_id = ?", {first.body.at("id").as_int64()}), 1)
      << "charged once";
  EXPECT_EQ(Stock(p, "W1").quantity, 9);
  // The same key with another body is refused.
  auto different = PlaceOrder(customer_, json::array{Line(p, 2)}, "sandbox", {}, "key-checkout-1");
  EXPECT_EQ(different.status, 422);
  EXPECT_TRUE(NamesField(different, "Idempotency-Key", "reused")) << different.raw;
  // Keys are per customer: another customer's same key is a new order.
  EXPECT_NE(PlaceOrder(other_, json::array{Line(p, 1)}, "sandbox", {}, "key-checkout-1").body.at("id"), first.body.at("id"));
  // After 24 hours a key may be used again (the row is aged: tokens would expire with the clock).
  Exec("UPDATE idempotency_keys SET created_at = '2000-01-01 00:00:00' WHERE idem_key = 'key-checkout-1'");
  auto later = PlaceOrder(customer_, json::array{Line(p, 1)}, "sandbox", {}, "key-checkout-1");
  ASSERT_EQ(later.status, 201);
  EXPECT_NE(later.body.at("id"), first.body.at("id"));
}

TEST_F(CheckoutHttpTest, TheSameKeyConcurrentlyOrdersOnce) {
  const auto p = MakeProduct("CHK-I2", 2000, {{"W1", 50}});
  std::vector<std::thread> threads;
  std::vector<Reply> replies(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] { replies[i] = PlaceOrder(customer_, json::array{Line(p, 1)}, "manual", {}, "key-concurrent"); });
  }
  for (auto& t : threads) t.join();
  std::set<std::int64_t> ids;
  for (const auto& r : replies) {
    ASSERT_EQ(r.status, 201) << r.raw;
    ids.insert(r.body.at("id").as_int64());
  }
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(Stock(p, "W1").reserved, 1);
}

TEST_F(CheckoutHttpTest, SandboxPaymentCommitsStockOrReleasesItOnDecline) {
  const auto p = MakeProduct("CHK-PAY1", 4000, {{"W1", 10}});
  auto paid = PlaceOrder(customer_, json::array{Line(p, 3)}, "sandbox");
  ASSERT_EQ(paid.status, 201) << paid.raw;
  EXPECT_EQ(paid.body.at("status").as_string(), "confirmed");
  EXPECT_EQ(paid.body.at("payment_status").as_string(), "paid");
  EXPECT_EQ(Stock(p, "W1").quantity, 7);
  EXPECT_EQ(Stock(p, "W1").reserved, 0);
  EXPECT_EQ(paid.body.at("status_history").as_array().size(), 2u);

  auto declined = PlaceOrder(customer_, json::array{Line(p, 2)}, "sandbox", {{"payment_token", "tok_chargeDeclined"}});
  ASSERT_EQ(declined.status, 201) << declined.raw;
  EXPECT_EQ(declined.body.at("status").as_string(), "cancelled");
  EXPECT_EQ(declined.body.at("payment_status").as_string(), "failed");
  EXPECT_EQ(declined.body.at("payments").at(0).at("failure_code").as_string(), "card_declined");
  EXPECT_EQ(Stock(p, "W1").quantity, 7);
  EXPECT_EQ(Stock(p, "W1").reserved, 0) << "released";
}

// A gateway whose charges wait for the customer (3-D Secure): the order stays pending.
class WaitingGateway : public payments::PaymentGateway {
 public:
  std::string name() const override { return "stripe"; }
  Result<void> CheckToken(const std::string&) const override { return {}; }
  Result<payments::ChargeOutcome> Charge(std::int64_t, const std::string&, const std::string&, const std::string& number,
                                       const std::string&) override {
    payments::ChargeOutcome o;
    o.kind = payments::ChargeOutcome::Kind::kPending;
    o.reference = "pi_wait_" + number;
    o.client_secret = "pi_wait_secret";
    return o;
  }
  Result<std::string> Refund(const std::string&, std::int64_t, const std::string&) override { return std::string("re_1"); }
};

TEST_F(CheckoutHttpTest, AnUnpaidCardReservationExpiresAndManualOnesHold) {
  store_->app().payments().SetStripeGateway(std::make_unique<WaitingGateway>());
  const auto p = MakeProduct("CHK-EXP1", 1000, {{"W1", 5}});
  auto card = PlaceOrder(customer_, json::array{Line(p, 2)}, "stripe", {{"payment_token", "tok_visa"}});
  ASSERT_EQ(card.status, 201) << card.raw;
  EXPECT_EQ(card.body.at("status").as_string(), "pending");
  EXPECT_EQ(card.body.at("next_action").at("client_secret").as_string(), "pi_wait_secret");
  EXPECT_FALSE(card.body.at("reserved_until").is_null());
  auto manual = PlaceOrder(customer_, json::array{Line(p, 1)}, "manual");
  ASSERT_EQ(manual.status, 201);
  EXPECT_TRUE(manual.body.at("reserved_until").is_null());
  EXPECT_EQ(Stock(p, "W1").reserved, 3);

  clock_->Advance(std::chrono::minutes(14));
  ASSERT_TRUE(store_->app().order_changes().SweepExpired());
  EXPECT_EQ(Stock(p, "W1").reserved, 3) << "not yet";
  clock_->Advance(std::chrono::minutes(2));
  auto swept = store_->app().order_changes().SweepExpired();
  ASSERT_TRUE(swept);
  EXPECT_EQ(*swept, 1);
  EXPECT_EQ(Stock(p, "W1").reserved, 1) << "only the manual order still holds stock";
  auto after = Call("GET", "/api/v1/orders/" + std::to_string(card.body.at("id").as_int64()), "", customer_);
  EXPECT_EQ(after.body.at("status").as_string(), "cancelled");
  EXPECT_EQ(after.body.at("payment_status").as_string(), "failed");
  // Sweeping again (another node) changes nothing.
  EXPECT_EQ(*store_->app().order_changes().SweepExpired(), 0);
  EXPECT_EQ(Stock(p, "W1").reserved, 1);
  clock_->Advance(-std::chrono::minutes(16));
}

TEST_F(CheckoutHttpTest, LowStockOpensOneAlertUntilRestocked) {
  const auto p = MakeProduct("CHK-LOW1", 1000, {{"W1", 10}}, 5);
  ASSERT_EQ(PlaceOrder(customer_, json::array{Line(p, 3)}).status, 201);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM stock_alerts WHERE product_id = ?", {p}), 0);
  ASSERT_EQ(PlaceOrder(customer_, json::array{Line(p, 2)}).status, 201);
  ASSERT_EQ(PlaceOrder(customer_, json::array{Line(p, 1)}).status, 201);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM stock_alerts WHERE product_id = ? AND status = 'open'", {p}), 1) << "once, not per order";
  auto alerts = Call("GET", "/api/v1/admin/inventory/alerts", "", manager_);
  ASSERT_EQ(alerts.status, 200) << alerts.raw;
  bool found = false;
  for (const auto& a : alerts.body.at("data").as_array()) {
    if (a.at("sku").as_string() == "CHK-LOW1") {
      found = true;
      EXPECT_EQ(a.at("available").as_int64(), 4);
      EXPECT_EQ(a.at("reorder_point").as_int64(), 5);
      EXPECT_EQ(a.at("warehouse").as_string(), "W1");
    }
  }
  EXPECT_TRUE(found) << alerts.raw;
  EXPECT_EQ(Call("GET", "/api/v1/admin/inventory/alerts", "", customer_).status, 403);
  ASSERT_TRUE(store_->app().inventory().RefreshOpenAlerts());
  auto metrics = Call("GET", "/metrics");
  EXPECT_NE(metrics.raw.find("inventory_low_stock"), std::string::npos);
  EXPECT_GE(store_->app().inventory().open_alerts(), 1);
  // Restocking by staff closes it.
  auto restock = Call("POST", "/api/v1/inventory/adjust",
                      json::object{{"sku", "CHK-LOW1"}, {"warehouse", "W1"}, {"delta", 20}, {"reason", "reposición"}}, manager_);
  ASSERT_EQ(restock.status, 200) << restock.raw;
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM stock_alerts WHERE product_id = ? AND status = 'open'", {p}), 0);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM stock_alerts WHERE product_id = ? AND status = 'resolved'", {p}), 1);
}

}  // namespace
}  // namespace moderno::testing
