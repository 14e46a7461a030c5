// The seed's POST /orders example (docs: ../shared/spec/ecommerce-moderno-seed.md, section 5.6)
// as a client following it sends it: items with `price`, and a shipping address whose street
// carries its number, whose city names the comuna, with no region and the country by name.
#include <string>

#include "orders_fixture.hpp"
#include "payments/gateway.hpp"

namespace moderno::testing {
namespace {

// Stripe that approves every tok_ card at once (the seed's token is "tok_1234567890", which
// Stripe's test mode does not know).
class ApprovingGateway : public payments::PaymentGateway {
 public:
  std::string name() const override { return "stripe"; }
  Result<void> CheckToken(const std::string& token) const override {
    if (token.starts_with("tok_")) return {};
    return Invalid({{"payment_token", "invalid", "a tok_ token is required"}});
  }
  Result<payments::ChargeOutcome> Charge(std::int64_t, const std::string&, const std::string&,
                                         const std::string& number, const std::string&) override {
    payments::ChargeOutcome o;
    o.kind = payments::ChargeOutcome::Kind::kSucceeded;
    o.reference = "pi_seed_" + number;
    return o;
  }
  Result<std::string> Refund(const std::string&, std::int64_t, const std::string&) override {
    return std::string("re_seed");
  }
};

// The seed's body, character for character except the product and its price: the seed's
// product 1 at 599.99 does not exist in a shop whose prices are whole pesos.
std::string SeedBody(std::int64_t product_id, const std::string& price) {
  std::string body = R"({
  "items": [
    {
      "product_id": PRODUCT,
      "quantity": 2,
      "price": PRICE
    }
  ],
  "shipping_address": {
    "street": "Av. Principal 123",
    "city": "Santiago",
    "postal_code": "8320000",
    "country": "Chile"
  },
  "payment_method": "stripe",
  "payment_token": "tok_1234567890"
})";
  body.replace(body.find("PRODUCT"), 7, std::to_string(product_id));
  body.replace(body.find("PRICE"), 5, price);
  return body;
}

class SeedBodiesHttpTest : public OrdersTest {
 protected:
  static void SetUpTestSuite() {
    OrdersTest::SetUpTestSuite();
    store_->app().payments().SetStripeGateway(std::make_unique<ApprovingGateway>());
  }
  static Reply Post(const std::string& body) {
    return CallApi(store_->port(), "POST", "/api/v1/orders", body, customer_);
  }
};

TEST_F(SeedBodiesHttpTest, TheSeedsOrderExamplePlacesAnOrder) {
  const auto p = MakeProduct("SEED-1", 599990, {{"W1", 5}});
  auto r = Post(SeedBody(p, "599990"));
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body.at("status").as_string(), "confirmed");
  EXPECT_EQ(r.body.at("items").at(0).at("unit_price").as_int64(), 599990);
  EXPECT_EQ(r.body.at("items").at(0).at("quantity").as_int64(), 2);
  EXPECT_EQ(r.body.at("shipping_region").as_string(), "CL-RM");
  const auto& a = r.body.at("shipping_address").as_object();
  EXPECT_EQ(a.at("street").as_string(), "Av. Principal");
  EXPECT_EQ(a.at("number").as_string(), "123");
  EXPECT_EQ(a.at("comuna").as_string(), "Santiago");
  EXPECT_EQ(a.at("city").as_string(), "Santiago");
  EXPECT_EQ(a.at("region").as_string(), "Metropolitana de Santiago");
  EXPECT_EQ(a.at("postal_code").as_string(), "8320000");
  EXPECT_EQ(a.at("country").as_string(), "CL");
  // As stored: a fresh read shows the same address.
  auto stored = Call("GET", "/api/v1/orders/" + std::to_string(r.body.at("id").as_int64()), "", customer_);
  ASSERT_EQ(stored.status, 200) << stored.raw;
  EXPECT_EQ(json::serialize(stored.body.at("shipping_address")), json::serialize(a));
  EXPECT_EQ(Stock(p, "W1").quantity, 3);
}

TEST_F(SeedBodiesHttpTest, AStalePriceIsAConflictWithTheCurrentPrice) {
  const auto p = MakeProduct("SEED-2", 649990, {{"W1", 5}});
  auto r = Post(SeedBody(p, "599990"));
  ASSERT_EQ(r.status, 409) << r.raw;
  EXPECT_EQ(ProblemType(r), "price_changed");
  EXPECT_EQ(r.body.at("items").at(0).at("unit_price").as_int64(), 599990);
  EXPECT_EQ(r.body.at("items").at(0).at("current_price").as_int64(), 649990);
  EXPECT_EQ(Stock(p, "W1").reserved, 0);
  // A price written as a whole number with a point is the same price.
  EXPECT_EQ(Post(SeedBody(p, "649990.0")).status, 201);
}

TEST_F(SeedBodiesHttpTest, PricesWithCentsOrTwoDifferentPricesAreNamed) {
  // The seed's own figure: CLP has no cents, so it can never be a price here.
  auto cents = Post(SeedBody(1, "599.99"));
  ASSERT_EQ(cents.status, 422) << cents.raw;
  EXPECT_TRUE(NamesField(cents, "items[0].price", "type")) << cents.raw;
  for (const std::string& fc : FieldCodes(cents)) {
    EXPECT_FALSE(fc.starts_with("shipping_address")) << fc << " (the seed's address is complete)";
  }

  const auto p = MakeProduct("SEED-3", 1000, {{"W1", 5}});
  json::object line{{"product_id", p}, {"quantity", 1}, {"price", 1000}, {"unit_price", 900}};
  auto both = PlaceOrder(customer_, json::array{line});
  ASSERT_EQ(both.status, 422) << both.raw;
  EXPECT_EQ(FieldCodes(both), std::vector<std::string>{"items[0].price:conflict"});
  line["unit_price"] = 1000;
  EXPECT_EQ(PlaceOrder(customer_, json::array{line}).status, 201) << "the same price twice is fine";
}

TEST_F(SeedBodiesHttpTest, WhatIsReallyMissingIsNamedPrecisely) {
  const auto p = MakeProduct("SEED-4", 1000, {{"W1", 5}});
  auto with_address = [&](json::object address) {
    json::object body{{"items", json::array{json::object{{"product_id", p}, {"quantity", 1}, {"price", 1000}}}},
                      {"shipping_address", std::move(address)},
                      {"payment_method", "manual"}};
    return Post(json::serialize(body));
  };
  const json::object seed{{"street", "Av. Principal 123"}, {"city", "Santiago"},
                          {"postal_code", "8320000"}, {"country", "Chile"}};

  json::object no_number = seed;
  no_number["street"] = "Av. Principal";
  auto r = with_address(no_number);
  ASSERT_EQ(r.status, 422) << r.raw;
  EXPECT_EQ(FieldCodes(r), std::vector<std::string>{"shipping_address.number:required"});

  json::object no_street = seed;
  no_street.erase("street");
  r = with_address(no_street);
  EXPECT_TRUE(NamesField(r, "shipping_address.street", "required")) << r.raw;

  json::object unknown_city = seed;
  unknown_city["city"] = "Springfield";
  r = with_address(unknown_city);
  EXPECT_TRUE(NamesField(r, "shipping_address.comuna", "required")) << r.raw;
  EXPECT_TRUE(NamesField(r, "shipping_address.region", "required")) << r.raw;

  json::object contradiction = seed;
  contradiction["region"] = "Valparaíso";
  r = with_address(contradiction);
  EXPECT_EQ(FieldCodes(r), std::vector<std::string>{"shipping_address.region:mismatch"}) << r.raw;

  json::object nowhere = seed;
  nowhere["country"] = "Narnia";
  r = with_address(nowhere);
  EXPECT_TRUE(NamesField(r, "shipping_address.country", "invalid")) << r.raw;
  EXPECT_EQ(Stock(p, "W1").reserved, 0);
}

}  // namespace
}  // namespace moderno::testing
