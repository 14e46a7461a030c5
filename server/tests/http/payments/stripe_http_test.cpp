// Card payments through the real Stripe client against the local fake Stripe (which follows
// Stripe's documented API and test tokens), and signed webhooks applied once each.
#include "fake_stripe.hpp"
#include "orders_fixture.hpp"

namespace moderno::testing {
namespace {

class StripeHttpTest : public OrdersTest {
 protected:
  static void SetUpTestSuite() {
    stripe_ = new FakeStripe();
    configure_ = [](config::Config& c) {
      c.stripe_secret_key = stripe_->SecretKey();
      c.stripe_api_base = stripe_->BaseUrl();
      c.stripe_webhook_secret = stripe_->WebhookSecret();
    };
    OrdersTest::SetUpTestSuite();
    configure_ = nullptr;
  }
  static void TearDownTestSuite() {
    OrdersTest::TearDownTestSuite();
    delete stripe_;
  }
  static std::string WebhookUrl() {
    return "http://127.0.0.1:" + std::to_string(store_->port()) + "/api/v1/payments/webhooks/stripe";
  }
  static Reply Card(std::int64_t product, std::int64_t quantity, const std::string& token) {
    return PlaceOrder(customer_, json::array{Line(product, quantity)}, "stripe", {{"payment_token", token}});
  }
  static Reply Reload(const Reply& order) {
    return Call("GET", "/api/v1/admin/orders/" + std::to_string(order.body.at("id").as_int64()), "", admin_);
  }
  static inline FakeStripe* stripe_ = nullptr;
};

TEST_F(StripeHttpTest, PaymentMethodsListStripe) {
  auto r = Call("GET", "/api/v1/payment-methods");
  std::set<std::string> codes;
  for (const auto& m : r.body.at("data").as_array()) codes.insert(std::string(m.at("code").as_string()));
  EXPECT_TRUE(codes.contains("stripe")) << r.raw;
}

TEST_F(StripeHttpTest, ASucceededCardPaysTheOrderOnce) {
  const auto p = MakeProduct("STR-OK", 15000, {{"W1", 5}});
  const int intents = stripe_->IntentsCreated();
  auto r = Card(p, 2, "tok_visa");
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body.at("status").as_string(), "confirmed");
  EXPECT_EQ(r.body.at("payment_status").as_string(), "paid");
  const auto& pay = r.body.at("payments").at(0);
  EXPECT_TRUE(std::string(pay.at("reference").as_string()).starts_with("pi_")) << r.raw;
  EXPECT_EQ(pay.at("amount"), r.body.at("total_amount"));
  EXPECT_EQ(stripe_->IntentsCreated(), intents + 1);
  EXPECT_EQ(stripe_->LastRequestHeader("idempotency-key"), "charge-" + std::string(r.body.at("order_number").as_string()));
  EXPECT_EQ(stripe_->LastRequestHeader("authorization"), "Bearer " + stripe_->SecretKey());
  EXPECT_EQ(Stock(p, "W1").quantity, 3);
  // The succeeded webhook that follows changes nothing more.
  ASSERT_EQ(stripe_->SendWebhook(WebhookUrl(), "payment_intent.succeeded", std::string(pay.at("reference").as_string())), 200);
  auto after = Reload(r);
  EXPECT_EQ(after.body.at("payments").as_array().size(), 1u);
  EXPECT_EQ(after.body.at("status_history").as_array().size(), 2u);
}

TEST_F(StripeHttpTest, ADeclinedCardCancelsAndReleases) {
  const auto p = MakeProduct("STR-NO", 15000, {{"W1", 5}});
  auto r = Card(p, 2, "tok_chargeDeclinedInsufficientFunds");
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body.at("status").as_string(), "cancelled");
  EXPECT_EQ(r.body.at("payment_status").as_string(), "failed");
  EXPECT_EQ(Stock(p, "W1").reserved, 0);
  EXPECT_EQ(Stock(p, "W1").quantity, 5);
}

TEST_F(StripeHttpTest, ThreeDSecureWaitsForTheWebhookAndReplaysAreIgnored) {
  const auto p = MakeProduct("STR-3DS", 10000, {{"W1", 5}});
  auto r = Card(p, 1, "tok_threeDSecure2Required");
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body.at("status").as_string(), "pending");
  EXPECT_FALSE(r.body.at("next_action").is_null()) << r.raw;
  EXPECT_EQ(Stock(p, "W1").reserved, 1);
  const std::string pi(r.body.at("payments").at(0).at("reference").as_string());
  ASSERT_EQ(stripe_->SendWebhook(WebhookUrl(), "payment_intent.succeeded", pi), 200);
  auto paid = Reload(r);
  EXPECT_EQ(paid.body.at("payment_status").as_string(), "paid");
  EXPECT_EQ(paid.body.at("status").as_string(), "confirmed");
  EXPECT_EQ(Stock(p, "W1").quantity, 4);
  EXPECT_EQ(Stock(p, "W1").reserved, 0);
  // The very same event again: acknowledged, not applied twice.
  const std::string event = stripe_->LastEventJson();
  ASSERT_EQ(stripe_->SendEvent(WebhookUrl(), event), 200);
  EXPECT_EQ(Reload(r).body.at("status_history").as_array().size(), 2u);
  EXPECT_EQ(Stock(p, "W1").quantity, 4);
}

TEST_F(StripeHttpTest, AFailedPaymentWebhookCancels) {
  const auto p = MakeProduct("STR-3DF", 10000, {{"W1", 5}});
  auto r = Card(p, 2, "tok_threeDSecure2Required");
  const std::string pi(r.body.at("payments").at(0).at("reference").as_string());
  ASSERT_EQ(stripe_->SendWebhook(WebhookUrl(), "payment_intent.payment_failed", pi), 200);
  auto after = Reload(r);
  EXPECT_EQ(after.body.at("status").as_string(), "cancelled");
  EXPECT_EQ(after.body.at("payment_status").as_string(), "failed");
  EXPECT_EQ(Stock(p, "W1").reserved, 0);
}

TEST_F(StripeHttpTest, ABadSignatureIs400AndChangesNothing) {
  const auto p = MakeProduct("STR-SIG", 10000, {{"W1", 5}});
  auto r = Card(p, 1, "tok_threeDSecure2Required");
  const std::string pi(r.body.at("payments").at(0).at("reference").as_string());
  const std::string event = stripe_->BuildEvent("payment_intent.succeeded", pi);
  const std::int64_t events_before = Scalar("SELECT COUNT(*) FROM payment_events");
  EXPECT_EQ(stripe_->SendSigned(WebhookUrl(), event, "t=1700000000,v1=deadbeef"), 400);
  EXPECT_EQ(stripe_->SendSigned(WebhookUrl(), event, ""), 400);
  // Signed with another secret.
  FakeStripe impostor(FakeStripeOptions{"sk_test_other", "whsec_other", ""});
  EXPECT_EQ(impostor.SendEvent(WebhookUrl(), event), 400);
  auto after = Reload(r);
  EXPECT_EQ(after.body.at("payment_status").as_string(), "pending");
  EXPECT_EQ(Stock(p, "W1").reserved, 1);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM payment_events"), events_before) << "a rejected event is not recorded";
}

TEST_F(StripeHttpTest, RefundsGoThroughStripeAndRefundWebhooksAreApplied) {
  const auto p = MakeProduct("STR-REF", 20000, {{"W1", 5}});
  auto r = Card(p, 1, "tok_visa");
  ASSERT_EQ(r.body.at("payment_status").as_string(), "paid");
  const std::int64_t total = r.body.at("total_amount").as_int64();
  const int refunds = stripe_->RefundsCreated();
  auto part = Call("POST", "/api/v1/admin/orders/" + std::to_string(r.body.at("id").as_int64()) + "/refund",
                   json::object{{"amount", 5000}}, admin_);
  ASSERT_EQ(part.status, 200) << part.raw;
  EXPECT_EQ(stripe_->RefundsCreated(), refunds + 1);
  EXPECT_EQ(part.body.at("refunded_amount").as_int64(), 5000);
  // Stripe then reports the refunded total: already counted, nothing added.
  const std::string pi(r.body.at("payments").at(0).at("reference").as_string());
  ASSERT_EQ(stripe_->SendWebhook(WebhookUrl(), "charge.refunded", pi), 200);
  EXPECT_EQ(Reload(r).body.at("refunded_amount").as_int64(), 5000);
  // A refund made in Stripe's dashboard arrives by webhook only.
  payments::StripeClient direct(stripe_->ClientConfig());
  ASSERT_TRUE(direct.CreateRefund(pi, total - 5000, "dashboard-refund"));
  ASSERT_EQ(stripe_->SendWebhook(WebhookUrl(), "charge.refunded", pi), 200);
  auto after = Reload(r);
  EXPECT_EQ(after.body.at("refunded_amount").as_int64(), total);
  EXPECT_EQ(after.body.at("payment_status").as_string(), "refunded");
}

TEST_F(StripeHttpTest, StripeDownLeavesTheOrderPendingForTheWebhookOrExpiry) {
  const auto p = MakeProduct("STR-DOWN", 10000, {{"W1", 5}});
  stripe_->FailWith(500);
  auto r = Card(p, 1, "tok_visa");
  stripe_->FailWith(0);
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body.at("status").as_string(), "pending");
  EXPECT_EQ(r.body.at("payment_status").as_string(), "pending");
  EXPECT_FALSE(r.body.at("reserved_until").is_null());
  EXPECT_EQ(Stock(p, "W1").reserved, 1);
}

}  // namespace
}  // namespace moderno::testing
