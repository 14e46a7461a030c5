// Stripe Checkout Sessions through the real Stripe client against the local fake Stripe: the
// order's session (CLP, a zero-decimal currency, in whole pesos), the customer pays on the
// hosted page, and the signed checkout.session.* webhooks decide the attempt once; refunds
// through the Refunds API; reconciliation reads the session when no webhook came.
#include "fake_stripe.hpp"
#include "orders_fixture.hpp"

namespace moderno::testing {
namespace {

class StripeCheckoutHttpTest : public OrdersTest {
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
    return "http://127.0.0.1:" + std::to_string(port()) + "/api/v1/payments/webhooks/stripe";
  }
  static Reply Order(std::int64_t product, std::int64_t quantity) {
    return PlaceOrder(customer_, json::array{Line(product, quantity)}, "stripe_checkout");
  }
  static std::string SessionId(const Reply& order) {
    const std::string url(order.body.at("next_action").at("url").as_string());
    return url.substr(url.rfind('/') + 1);
  }
  static std::int64_t Id(const Reply& order) { return order.body.at("id").as_int64(); }
  static Reply Reload(std::int64_t id) { return Call("GET", "/api/v1/admin/orders/" + std::to_string(id), "", admin_); }
  static json::object LastCharge(const Reply& order) {
    json::object last;
    for (const auto& p : order.body.at("payments").as_array()) {
      if (p.at("kind") == "charge") last = p.as_object();
    }
    return last;
  }
  // The shop's clock moves forward in some tests; webhooks are signed at the shop's now.
  static void Advance(std::chrono::seconds by) {
    clock_->Advance(by);
    advanced_ += by.count();
  }
  static int Webhook(const std::string& type, const std::string& session_id) {
    const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch()).count();
    return stripe_->SendWebhook(WebhookUrl(), type, session_id, now + advanced_);
  }
  static inline FakeStripe* stripe_ = nullptr;
  static inline std::int64_t advanced_ = 0;
};

TEST_F(StripeCheckoutHttpTest, ASessionInPesosPaidOnTheSignedWebhook) {
  const auto p = MakeProduct("SC-OK", 12990, {{"W1", 5}});
  auto r = Order(p, 2);
  ASSERT_EQ(r.status, 201) << r.raw;
  const auto& next = r.body.at("next_action").as_object();
  EXPECT_EQ(next.at("type"), "redirect");
  EXPECT_EQ(next.at("method"), "GET");
  EXPECT_TRUE(next.at("fields").as_object().empty());
  auto session = stripe_->Session(SessionId(r));
  ASSERT_TRUE(session) << r.raw;
  EXPECT_EQ(session->currency, "clp");
  EXPECT_EQ(session->amount_total, r.body.at("total_amount").as_int64());  // whole pesos, no cents
  // The order's lines: the product line and, when charged, shipping; they add up to the total.
  ASSERT_GE(session->lines.size(), 1u);
  EXPECT_EQ(session->lines[0], std::make_pair(std::string("2 x Producto SC-OK"), std::int64_t{2 * 12990}));
  if (r.body.at("shipping_amount").as_int64() > 0) {
    ASSERT_EQ(session->lines.size(), 2u);
    EXPECT_EQ(session->lines[1].second, r.body.at("shipping_amount").as_int64());
  }
  EXPECT_EQ(session->metadata.at("order_id"), std::to_string(Id(r)));
  EXPECT_EQ(session->client_reference_id, std::to_string(Id(r)));
  EXPECT_EQ(session->idempotency_key, "checkout-" + std::string(r.body.at("order_number").as_string()) + "-1");
  const std::string page = "http://127.0.0.1:" + std::to_string(port()) + "/cuenta/pedidos/" + std::to_string(Id(r)) + "/pago";
  EXPECT_EQ(session->success_url, page + "?session_id={CHECKOUT_SESSION_ID}");
  EXPECT_EQ(session->cancel_url, page + "?cancelled=1");
  EXPECT_EQ(stripe_->CompleteCheckout(session->id, CheckoutOutcome::kPaid), page + "?session_id=" + session->id);
  EXPECT_EQ(Reload(Id(r)).body.at("payment_status"), "pending");  // the webhook decides
  ASSERT_EQ(Webhook("checkout.session.completed", session->id), 200);
  auto paid = Reload(Id(r));
  EXPECT_EQ(paid.body.at("status"), "confirmed");
  EXPECT_EQ(paid.body.at("payment_status"), "paid");
  EXPECT_EQ(LastCharge(paid).at("provider"), "stripe_checkout");
  EXPECT_EQ(LastCharge(paid).at("provider_status"), "paid");
  EXPECT_EQ(Stock(p, "W1").quantity, 3);
  // The same event again: acknowledged as a duplicate, nothing applied twice.
  const std::string event = stripe_->LastEventJson();
  ASSERT_EQ(stripe_->SendEvent(WebhookUrl(), event), 200);
  auto again = Reload(Id(r));
  EXPECT_EQ(again.body.at("status_history"), paid.body.at("status_history"));
  EXPECT_EQ(again.body.at("payments"), paid.body.at("payments"));
  EXPECT_EQ(Stock(p, "W1").quantity, 3);
}

TEST_F(StripeCheckoutHttpTest, AsynchronousPaymentsWaitThenPayOrFail) {
  const auto p = MakeProduct("SC-ASYNC", 10000, {{"W1", 5}});
  auto ok = Order(p, 1);
  auto ko = Order(p, 1);
  for (const auto* r : {&ok, &ko}) {
    stripe_->CompleteCheckout(SessionId(*r), CheckoutOutcome::kAsyncPending);
    ASSERT_EQ(Webhook("checkout.session.completed", SessionId(*r)), 200);
    EXPECT_EQ(Reload(Id(*r)).body.at("payment_status"), "pending");
  }
  stripe_->SettleAsync(SessionId(ok), true);
  ASSERT_EQ(Webhook("checkout.session.async_payment_succeeded", SessionId(ok)), 200);
  EXPECT_EQ(Reload(Id(ok)).body.at("payment_status"), "paid");
  stripe_->SettleAsync(SessionId(ko), false);
  ASSERT_EQ(Webhook("checkout.session.async_payment_failed", SessionId(ko)), 200);
  auto failed = Reload(Id(ko));
  EXPECT_EQ(failed.body.at("status"), "pending");  // payable again while the stock is held
  EXPECT_EQ(LastCharge(failed).at("status"), "failed");
  EXPECT_EQ(LastCharge(failed).at("failure_code"), "async_payment_failed");
  auto retry = Call("POST", "/api/v1/orders/" + std::to_string(Id(ko)) + "/pay", "", customer_);
  ASSERT_EQ(retry.status, 200) << retry.raw;
  EXPECT_NE(SessionId(retry), SessionId(ko));
}

TEST_F(StripeCheckoutHttpTest, TwoNodesTheWebhookOnTheOtherNodePaysOnce) {
  TestNode second(store(), clock_->clocks());
  const auto p = MakeProduct("SC-2NODE", 10000, {{"W1", 5}});
  auto r = Order(p, 1);  // placed on the first node, whose page the customer returns to
  const std::string page = stripe_->CompleteCheckout(SessionId(r), CheckoutOutcome::kPaid);
  EXPECT_TRUE(page.starts_with("http://127.0.0.1:" + std::to_string(port()) + "/cuenta/pedidos/")) << page;
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch()).count() + advanced_;
  const std::string second_url = "http://127.0.0.1:" + std::to_string(second.port()) + "/api/v1/payments/webhooks/stripe";
  ASSERT_EQ(stripe_->SendWebhook(second_url, "checkout.session.completed", SessionId(r), now), 200);
  const std::string event = stripe_->LastEventJson();
  // Stripe retries the same event; the load balancer sends it to the first node.
  ASSERT_EQ(stripe_->SendEvent(WebhookUrl(), event, now), 200);
  auto paid = Reload(Id(r));
  EXPECT_EQ(paid.body.at("payment_status"), "paid");
  EXPECT_EQ(paid.body.at("status_history").as_array().size(), 2u);
  EXPECT_EQ(Stock(p, "W1").quantity, 4);
}

TEST_F(StripeCheckoutHttpTest, PartialThenFullRefundThroughTheRefundsApi) {
  const auto p = MakeProduct("SC-REF", 10000, {{"W1", 5}});
  auto r = Order(p, 1);
  stripe_->CompleteCheckout(SessionId(r), CheckoutOutcome::kPaid);
  ASSERT_EQ(Webhook("checkout.session.completed", SessionId(r)), 200);
  const std::int64_t total = r.body.at("total_amount").as_int64();
  const std::string url = "/api/v1/admin/orders/" + std::to_string(Id(r)) + "/refund";
  auto partial = Call("POST", url, json::object{{"amount", 2500}}, admin_);
  ASSERT_EQ(partial.status, 200) << partial.raw;
  EXPECT_EQ(partial.body.at("payment_status"), "partially_refunded");
  EXPECT_EQ(partial.body.at("payments").as_array().back().at("provider_status"), "succeeded");
  const std::string pi = stripe_->Session(SessionId(r))->payment_intent;
  EXPECT_EQ(stripe_->Intent(pi)->amount_refunded, 2500);
  auto rest = Call("POST", url, "", admin_);
  ASSERT_EQ(rest.status, 200) << rest.raw;
  EXPECT_EQ(rest.body.at("payment_status"), "refunded");
  EXPECT_EQ(stripe_->Intent(pi)->amount_refunded, total);
}

TEST_F(StripeCheckoutHttpTest, WithoutAWebhookReconciliationReadsTheSession) {
  const auto p = MakeProduct("SC-REC", 10000, {{"W1", 5}});
  auto r = Order(p, 1);
  stripe_->CompleteCheckout(SessionId(r), CheckoutOutcome::kPaid);
  Advance(std::chrono::minutes(6));
  ASSERT_TRUE(store().app().order_changes().ReconcilePayments());
  EXPECT_EQ(Reload(Id(r)).body.at("payment_status"), "paid");
  // The webhook that comes late changes nothing.
  const auto history = Reload(Id(r)).body.at("status_history");
  ASSERT_EQ(Webhook("checkout.session.completed", SessionId(r)), 200);
  EXPECT_EQ(Reload(Id(r)).body.at("status_history"), history);
  EXPECT_EQ(Stock(p, "W1").quantity, 4);
}

TEST_F(StripeCheckoutHttpTest, AnEventForNoSessionOfOursChangesNothing) {
  const std::int64_t payments = Scalar("SELECT COUNT(*) FROM payments");
  EXPECT_EQ(Webhook("checkout.session.completed", "cs_test_unknown"), 200);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM payments"), payments);
}

TEST_F(StripeCheckoutHttpTest, WithoutWebpayConfiguredItIsNotOfferedAndItsReturnIs404) {
  auto methods = Call("GET", "/api/v1/payment-methods");
  for (const auto& m : methods.body.at("data").as_array()) EXPECT_NE(m.at("code"), "webpay");
  EXPECT_TRUE(methods.http.Header("content-security-policy").ends_with("form-action 'self'"));
  EXPECT_EQ(Call("GET", "/api/v1/payments/webpay/return?token_ws=" + std::string(64, 'a')).status, 404);
  const auto p = MakeProduct("SC-NOWP", 10000, {{"W1", 5}});
  auto r = PlaceOrder(customer_, json::array{Line(p, 1)}, "webpay");
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(NamesField(r, "payment_method", "unavailable")) << r.raw;
}

}  // namespace
}  // namespace moderno::testing
