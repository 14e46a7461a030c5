// Webpay Plus by redirect through the real Webpay client against the local fake Webpay (which
// follows Transbank's REST API v1.2 and keeps its own ledger): the customer pays on the fake's
// form and comes back; commit decides once; aborts, timeouts and declines leave the order
// payable again while its stock is held; reconciliation settles a commit lost to the network;
// refunds are reversals or nullifications as Webpay answers.
#include "fake_webpay.hpp"
#include "orders_fixture.hpp"

namespace moderno::testing {
namespace {

class WebpayHttpTest : public OrdersTest {
 protected:
  static void SetUpTestSuite() {
    webpay_ = new FakeWebpay();
    configure_ = [](config::Config& c) {
      c.webpay_api_base = webpay_->BaseUrl();
      c.webpay_commerce_code = FakeWebpay::kCommerceCode;
      c.webpay_api_key = FakeWebpay::kApiKey;
    };
    OrdersTest::SetUpTestSuite();
    configure_ = nullptr;
  }
  static void TearDownTestSuite() {
    OrdersTest::TearDownTestSuite();
    delete webpay_;
  }
  static Reply Order(std::int64_t product, std::int64_t quantity) {
    return PlaceOrder(customer_, json::array{Line(product, quantity)}, "webpay");
  }
  static std::string Token(const Reply& order) {
    return std::string(order.body.at("next_action").at("fields").at("token_ws").as_string());
  }
  static std::int64_t Id(const Reply& order) { return order.body.at("id").as_int64(); }
  static Reply Reload(std::int64_t id) { return Call("GET", "/api/v1/admin/orders/" + std::to_string(id), "", admin_); }
  // The browser coming back to the shop with what the fake's form sends.
  // `to`: the port of the node the load balancer picks (default: this one, as the URL says).
  static HttpResult Deliver(const WebpayReturn& r, std::uint16_t to = 0) {
    const std::string prefix = "http://127.0.0.1:" + std::to_string(port());
    EXPECT_TRUE(r.url.starts_with(prefix + "/api/v1/payments/webpay/return?order=")) << r.url;
    std::string encoded;
    for (const auto& [k, v] : r.fields) encoded += (encoded.empty() ? "" : "&") + k + "=" + v;
    HttpClient c(to ? to : port());
    const std::string target = r.url.substr(prefix.size());
    if (r.method == "GET") return c.Get(target + "&" + encoded);
    return c.Request("POST", target, {{"Content-Type", "application/x-www-form-urlencoded"}}, encoded);
  }
  static HttpResult Pay(const Reply& order, WebpayChoice choice, const std::string& type = "VN", int installments = 0) {
    return Deliver(webpay_->Choose(Token(order), choice, type, installments));
  }
  static json::object LastCharge(const Reply& order) {
    json::object last;
    for (const auto& p : order.body.at("payments").as_array()) {
      if (p.at("kind") == "charge") last = p.as_object();
    }
    return last;
  }
  static inline FakeWebpay* webpay_ = nullptr;
};

TEST_F(WebpayHttpTest, OfferedAsARedirectMethod) {
  auto r = Call("GET", "/api/v1/payment-methods");
  bool found = false;
  for (const auto& m : r.body.at("data").as_array()) {
    if (m.at("code") == "webpay") {
      found = true;
      EXPECT_EQ(m.at("redirect"), true);
      EXPECT_EQ(m.at("requires_token"), false);
    }
  }
  EXPECT_TRUE(found) << r.raw;
  // The checkout page may post the customer's browser to Webpay's form, and nowhere else.
  const std::string csp = r.http.Header("content-security-policy");
  EXPECT_TRUE(csp.ends_with("form-action 'self' " + webpay_->BaseUrl())) << csp;
  EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
}

TEST_F(WebpayHttpTest, PaidThroughTheFormWithCardDetailsStored) {
  const auto p = MakeProduct("WP-OK", 12990, {{"W1", 5}});
  auto r = Order(p, 2);
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body.at("status"), "pending");
  const auto& next = r.body.at("next_action").as_object();
  EXPECT_EQ(next.at("type"), "redirect");
  EXPECT_EQ(next.at("method"), "POST");
  EXPECT_EQ(next.at("url"), json::value(webpay_->BaseUrl() + "/webpayserver/initTransaction"));
  EXPECT_EQ(webpay_->LastRequestHeader("tbk-api-key-id"), FakeWebpay::kCommerceCode);
  EXPECT_EQ(webpay_->LastRequestHeader("tbk-api-key-secret"), FakeWebpay::kApiKey);
  // Whole pesos, the order's own number in the buy order, the order id as session.
  auto tx = webpay_->Transaction(Token(r));
  ASSERT_TRUE(tx);
  EXPECT_EQ(tx->amount, r.body.at("total_amount").as_int64());
  EXPECT_EQ(tx->buy_order, std::string(r.body.at("order_number").as_string()) + "-1");
  EXPECT_EQ(tx->session_id, std::to_string(Id(r)));
  EXPECT_EQ(Stock(p, "W1").reserved, 2);

  auto back = Pay(r, WebpayChoice::kApprove, "VC", 3);
  EXPECT_EQ(back.status, 303) << back.body;
  EXPECT_EQ(back.Header("location"), "/cuenta/pedidos/" + std::to_string(Id(r)) + "/pago");
  auto paid = Reload(Id(r));
  EXPECT_EQ(paid.body.at("status"), "confirmed");
  EXPECT_EQ(paid.body.at("payment_status"), "paid");
  const auto charge = LastCharge(paid);
  EXPECT_EQ(charge.at("status"), "succeeded");
  EXPECT_EQ(charge.at("provider"), "webpay");
  EXPECT_EQ(charge.at("reference"), json::value(Token(r)));
  EXPECT_EQ(charge.at("authorization_code"), json::value(webpay_->Transaction(Token(r))->authorization_code));
  EXPECT_EQ(charge.at("card_last4"), "6623");
  EXPECT_EQ(charge.at("payment_type"), "VC");
  EXPECT_EQ(charge.at("installments"), 3);
  EXPECT_EQ(charge.at("provider_status"), "AUTHORIZED");
  EXPECT_EQ(Stock(p, "W1").quantity, 3);
  EXPECT_EQ(Stock(p, "W1").reserved, 0);
}

TEST_F(WebpayHttpTest, ADeclineLeavesTheOrderPayableAndARetryPays) {
  const auto p = MakeProduct("WP-NO", 10000, {{"W1", 5}});
  auto r = Order(p, 1);
  ASSERT_EQ(Pay(r, WebpayChoice::kReject).status, 303);
  auto after = Reload(Id(r));
  EXPECT_EQ(after.body.at("status"), "pending");
  EXPECT_EQ(after.body.at("payment_status"), "pending");
  EXPECT_EQ(LastCharge(after).at("status"), "failed");
  EXPECT_EQ(LastCharge(after).at("provider_status"), "FAILED");
  EXPECT_EQ(Stock(p, "W1").reserved, 1);
  // Another customer cannot start a payment of this order.
  EXPECT_EQ(Call("POST", "/api/v1/orders/" + std::to_string(Id(r)) + "/pay", "", other_).status, 404);
  auto retry = Call("POST", "/api/v1/orders/" + std::to_string(Id(r)) + "/pay", "", customer_);
  ASSERT_EQ(retry.status, 200) << retry.raw;
  EXPECT_NE(Token(retry), Token(r));
  EXPECT_EQ(webpay_->Transaction(Token(retry))->buy_order, std::string(r.body.at("order_number").as_string()) + "-2");
  ASSERT_EQ(Pay(retry, WebpayChoice::kApprove).status, 303);
  auto paid = Reload(Id(r));
  EXPECT_EQ(paid.body.at("payment_status"), "paid");
  EXPECT_EQ(paid.body.at("payments").as_array().size(), 2u);
  EXPECT_EQ(Stock(p, "W1").quantity, 4);
  // A paid order has nothing left to pay.
  auto again = Call("POST", "/api/v1/orders/" + std::to_string(Id(r)) + "/pay", "", customer_);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(ProblemType(again), "not_payable");
}

TEST_F(WebpayHttpTest, AnAbortIsNotCommittedAndFailsTheAttempt) {
  const auto p = MakeProduct("WP-ABORT", 10000, {{"W1", 5}});
  auto r = Order(p, 1);
  const int commits = webpay_->CommitRequests();
  auto back = Pay(r, WebpayChoice::kAbort);
  EXPECT_EQ(back.status, 303) << back.body;
  EXPECT_EQ(webpay_->CommitRequests(), commits);
  auto after = Reload(Id(r));
  EXPECT_EQ(after.body.at("status"), "pending");
  EXPECT_EQ(LastCharge(after).at("status"), "failed");
  EXPECT_EQ(LastCharge(after).at("failure_code"), "aborted");
  EXPECT_EQ(Stock(p, "W1").reserved, 1);
}

TEST_F(WebpayHttpTest, ATimeoutSendsBothTokensAndFailsTheAttempt) {
  const auto p = MakeProduct("WP-TIME", 10000, {{"W1", 5}});
  auto r = Order(p, 1);
  const int commits = webpay_->CommitRequests();
  EXPECT_EQ(Pay(r, WebpayChoice::kTimeout).status, 303);
  EXPECT_EQ(webpay_->CommitRequests(), commits);
  EXPECT_EQ(LastCharge(Reload(Id(r))).at("failure_code"), "timeout");
}

TEST_F(WebpayHttpTest, ADuplicateReturnChangesNothing) {
  const auto p = MakeProduct("WP-DUP", 10000, {{"W1", 5}});
  auto r = Order(p, 1);
  const WebpayReturn back = webpay_->Choose(Token(r), WebpayChoice::kApprove);
  ASSERT_EQ(Deliver(back).status, 303);
  const int commits = webpay_->CommitRequests();
  const auto first = Reload(Id(r));
  EXPECT_EQ(Deliver(back).status, 303);
  EXPECT_EQ(webpay_->CommitRequests(), commits);
  const auto second = Reload(Id(r));
  EXPECT_EQ(second.body.at("status_history"), first.body.at("status_history"));
  EXPECT_EQ(second.body.at("payments"), first.body.at("payments"));
  EXPECT_EQ(Stock(p, "W1").quantity, 4);
}

TEST_F(WebpayHttpTest, ACommitLostToTheNetworkIsSettledByReconciliation) {
  const auto p = MakeProduct("WP-NET", 10000, {{"W1", 5}});
  auto r = Order(p, 1);
  webpay_->DropNextCommitAnswer();
  EXPECT_EQ(Pay(r, WebpayChoice::kApprove).status, 303);
  EXPECT_EQ(webpay_->Transaction(Token(r))->status, "AUTHORIZED");  // Webpay did take the money
  EXPECT_EQ(Reload(Id(r)).body.at("payment_status"), "pending");
  // Not yet due: an attempt is given five minutes before Webpay is asked.
  auto early = store().app().order_changes().ReconcilePayments();
  ASSERT_TRUE(early);
  EXPECT_EQ(Reload(Id(r)).body.at("payment_status"), "pending");
  clock_->Advance(std::chrono::minutes(6));
  auto decided = store().app().order_changes().ReconcilePayments();
  ASSERT_TRUE(decided);
  EXPECT_GE(*decided, 1);
  auto paid = Reload(Id(r));
  EXPECT_EQ(paid.body.at("payment_status"), "paid");
  EXPECT_EQ(LastCharge(paid).at("card_last4"), "6623");
  EXPECT_EQ(Stock(p, "W1").quantity, 4);
  // Asked again: nothing left to decide for this order.
  const auto history = paid.body.at("status_history");
  ASSERT_TRUE(store().app().order_changes().ReconcilePayments());
  EXPECT_EQ(Reload(Id(r)).body.at("status_history"), history);
}

TEST_F(WebpayHttpTest, ACustomerWhoPaidAndNeverCameBackIsCommittedByReconciliation) {
  const auto p = MakeProduct("WP-GONE", 10000, {{"W1", 5}});
  auto r = Order(p, 1);
  webpay_->Choose(Token(r), WebpayChoice::kApprove);  // the browser closed before the return
  clock_->Advance(std::chrono::minutes(6));
  ASSERT_TRUE(store().app().order_changes().ReconcilePayments());
  EXPECT_TRUE(webpay_->Transaction(Token(r))->committed);
  EXPECT_EQ(Reload(Id(r)).body.at("payment_status"), "paid");
  EXPECT_EQ(Stock(p, "W1").quantity, 4);
}

TEST_F(WebpayHttpTest, AReturnAfterTheReservationEndedIsNotCommitted) {
  const auto p = MakeProduct("WP-LATE", 10000, {{"W1", 5}});
  auto r = Order(p, 1);
  const WebpayReturn back = webpay_->Choose(Token(r), WebpayChoice::kApprove);
  clock_->Advance(std::chrono::minutes(16));
  ASSERT_TRUE(store().app().order_changes().SweepExpired());
  EXPECT_EQ(Reload(Id(r)).body.at("status"), "cancelled");
  EXPECT_EQ(Deliver(back).status, 303);
  EXPECT_FALSE(webpay_->Transaction(Token(r))->committed);  // Webpay reverses what is never committed
  auto after = Reload(Id(r));
  EXPECT_EQ(LastCharge(after).at("failure_code"), "order_closed");
  EXPECT_EQ(after.body.at("payment_status"), "failed");
  EXPECT_EQ(Stock(p, "W1").quantity, 5);
  EXPECT_EQ(Stock(p, "W1").reserved, 0);
}

TEST_F(WebpayHttpTest, TwoNodesAReturnOnTheOtherNodePaysOnceAndTheFirstSeesIt) {
  TestNode second(store(), clock_->clocks());
  const auto p = MakeProduct("WP-2NODE", 10000, {{"W1", 5}});
  auto r = Order(p, 1);  // placed on the first node
  const WebpayReturn back = webpay_->Choose(Token(r), WebpayChoice::kApprove);
  auto on_second = Deliver(back, second.port());
  EXPECT_EQ(on_second.status, 303) << on_second.body;
  const int commits = webpay_->CommitRequests();
  EXPECT_EQ(Deliver(back).status, 303);  // the same return again, on the first node
  EXPECT_EQ(webpay_->CommitRequests(), commits);
  auto paid = Reload(Id(r));
  EXPECT_EQ(paid.body.at("payment_status"), "paid");
  EXPECT_EQ(paid.body.at("status_history").as_array().size(), 2u);
  EXPECT_EQ(Stock(p, "W1").quantity, 4);
  // Reconciliation on either node finds nothing left to decide.
  clock_->Advance(std::chrono::minutes(6));
  ASSERT_TRUE(second.app().order_changes().ReconcilePayments());
  ASSERT_TRUE(store().app().order_changes().ReconcilePayments());
  EXPECT_EQ(Reload(Id(r)).body.at("status_history").as_array().size(), 2u);
}

TEST_F(WebpayHttpTest, PartialThenFullRefundAsWebpayAnswers) {
  const auto p = MakeProduct("WP-REF", 10000, {{"W1", 5}});
  auto r = Order(p, 1);
  ASSERT_EQ(Pay(r, WebpayChoice::kApprove).status, 303);
  const std::int64_t total = r.body.at("total_amount").as_int64();
  const std::string url = "/api/v1/admin/orders/" + std::to_string(Id(r)) + "/refund";
  const int refunds = webpay_->RefundRequests();
  auto over = Call("POST", url, json::object{{"amount", total + 1}}, admin_);
  EXPECT_EQ(over.status, 422);
  EXPECT_EQ(webpay_->RefundRequests(), refunds);  // refused before Webpay is asked
  auto partial = Call("POST", url, json::object{{"amount", 3000}}, admin_);
  ASSERT_EQ(partial.status, 200) << partial.raw;
  EXPECT_EQ(partial.body.at("payment_status"), "partially_refunded");
  EXPECT_EQ(partial.body.at("refunded_amount"), 3000);
  const auto& refund = partial.body.at("payments").as_array().back();
  EXPECT_EQ(refund.at("kind"), "refund");
  EXPECT_EQ(refund.at("provider_status"), "NULLIFIED");
  EXPECT_EQ(webpay_->Transaction(Token(r))->balance, total - 3000);
  auto rest = Call("POST", url, json::object{{"amount", total - 3000}}, admin_);
  ASSERT_EQ(rest.status, 200) << rest.raw;
  EXPECT_EQ(rest.body.at("payment_status"), "refunded");
  EXPECT_EQ(rest.body.at("status"), "refunded");
  EXPECT_EQ(webpay_->Transaction(Token(r))->balance, 0);
  EXPECT_EQ(webpay_->Transaction(Token(r))->status, "NULLIFIED");
  EXPECT_EQ(Stock(p, "W1").quantity, 5);  // not shipped: back on the shelf
}

TEST_F(WebpayHttpTest, AFullRefundTheSameDayIsAReversal) {
  const auto p = MakeProduct("WP-REV", 10000, {{"W1", 5}});
  auto r = Order(p, 1);
  ASSERT_EQ(Pay(r, WebpayChoice::kApprove).status, 303);
  auto full = Call("POST", "/api/v1/admin/orders/" + std::to_string(Id(r)) + "/refund", "", admin_);
  ASSERT_EQ(full.status, 200) << full.raw;
  EXPECT_EQ(full.body.at("payments").as_array().back().at("provider_status"), "REVERSED");
  EXPECT_EQ(webpay_->Transaction(Token(r))->status, "REVERSED");
}

TEST_F(WebpayHttpTest, ForgedOrForeignTokensAreRefusedAndChangeNothing) {
  const auto p = MakeProduct("WP-FORGE", 10000, {{"W1", 5}});
  auto mine = Order(p, 1);
  auto theirs = PlaceOrder(other_, json::array{Line(p, 1)}, "webpay");
  ASSERT_EQ(theirs.status, 201) << theirs.raw;
  webpay_->Choose(Token(theirs), WebpayChoice::kApprove);
  const int commits = webpay_->CommitRequests();
  const std::string mine_url = "/api/v1/payments/webpay/return?order=" + std::to_string(Id(mine));
  HttpClient c(port());
  const Headers form{{"Content-Type", "application/x-www-form-urlencoded"}};
  // A token Webpay never gave us.
  auto forged = c.Request("POST", mine_url, form, "token_ws=" + std::string(64, 'a'));
  EXPECT_EQ(forged.status, 400) << forged.body;
  // Another order's token on this order's return.
  EXPECT_EQ(c.Request("POST", mine_url, form, "token_ws=" + Token(theirs)).status, 400);
  // An abort naming another buy order or session.
  EXPECT_EQ(c.Get(mine_url + "&TBK_TOKEN=" + Token(mine) + "&TBK_ORDEN_COMPRA=X-1&TBK_ID_SESION=" +
                  std::to_string(Id(mine))).status, 400);
  EXPECT_EQ(c.Request("POST", mine_url, form, "").status, 400);
  EXPECT_EQ(webpay_->CommitRequests(), commits);
  EXPECT_EQ(LastCharge(Reload(Id(mine))).at("status"), "pending");
  EXPECT_EQ(LastCharge(Reload(Id(theirs))).at("status"), "pending");
  EXPECT_EQ(Reload(Id(theirs)).body.at("payment_status"), "pending");
}

TEST_F(WebpayHttpTest, AnAbandonedPaymentReleasesItsStockAtExpiryAndCannotBeRetried) {
  const auto p = MakeProduct("WP-LEFT", 10000, {{"W1", 3}});
  auto r = Order(p, 2);
  EXPECT_EQ(Stock(p, "W1").reserved, 2);
  clock_->Advance(std::chrono::minutes(16));
  ASSERT_TRUE(store().app().order_changes().ReconcilePayments());  // Webpay says INITIALIZED: undecided
  auto swept = store().app().order_changes().SweepExpired();
  ASSERT_TRUE(swept);
  EXPECT_GE(*swept, 1);
  EXPECT_EQ(Stock(p, "W1").reserved, 0);
  auto after = Reload(Id(r));
  EXPECT_EQ(after.body.at("status"), "cancelled");
  auto retry = Call("POST", "/api/v1/orders/" + std::to_string(Id(r)) + "/pay", "", customer_);
  EXPECT_EQ(retry.status, 409);
}

TEST_F(WebpayHttpTest, WebpayDownAtCheckoutLeavesTheOrderToRetry) {
  const auto p = MakeProduct("WP-DOWN", 10000, {{"W1", 3}});
  webpay_->FailWith(503);
  auto r = Order(p, 1);
  webpay_->FailWith(0);
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_TRUE(r.body.at("next_action").is_null());
  EXPECT_EQ(r.body.at("status"), "pending");
  auto retry = Call("POST", "/api/v1/orders/" + std::to_string(Id(r)) + "/pay", "", customer_);
  ASSERT_EQ(retry.status, 200) << retry.raw;
  ASSERT_EQ(Pay(retry, WebpayChoice::kApprove).status, 303);
  EXPECT_EQ(Reload(Id(r)).body.at("payment_status"), "paid");
}

}  // namespace
}  // namespace moderno::testing
