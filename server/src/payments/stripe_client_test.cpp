// The Stripe client against the fake Stripe over real sockets: payments, declines,
// idempotency, refunds and every way Stripe can fail us.
#include "payments/stripe_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "fake_stripe.hpp"
#include "payments/stripe_webhook.hpp"

namespace moderno::payments {
namespace {

using testing::FakeStripe;

class StripeClientTest : public ::testing::Test {
 protected:
  FakeStripe fake;
  StripeClient client{fake.ClientConfig()};
};

TEST_F(StripeClientTest, CardPaymentSucceedsWithIntentFields) {
  auto pi = client.CreateAndConfirm(15990, "CLP", "tok_visa", "MOD-1001", "checkout-MOD-1001");
  ASSERT_TRUE(pi) << pi.error().internal;
  EXPECT_TRUE(pi->id.starts_with("pi_"));
  EXPECT_EQ(pi->status, "succeeded");
  EXPECT_EQ(pi->amount, 15990);
  EXPECT_EQ(pi->currency, "clp");
  EXPECT_TRUE(pi->client_secret.starts_with(pi->id + "_secret_"));
  EXPECT_EQ(pi->failure_code, "");
  EXPECT_EQ(fake.IntentsCreated(), 1);

  // What went over the wire: the key, the idempotency key, a form body.
  EXPECT_EQ(fake.LastRequestLine(), "POST /v1/payment_intents");
  EXPECT_EQ(fake.LastRequestHeader("authorization"), "Bearer " + fake.SecretKey());
  EXPECT_EQ(fake.LastRequestHeader("idempotency-key"), "checkout-MOD-1001");
  EXPECT_EQ(fake.LastRequestHeader("content-type"), "application/x-www-form-urlencoded");
  const std::string body = fake.LastRequestBody();
  EXPECT_NE(body.find("confirm=true"), std::string::npos) << body;
  EXPECT_NE(body.find("payment_method_data[card][token]=tok_visa"), std::string::npos) << body;
  EXPECT_NE(body.find("description=Order%20MOD-1001"), std::string::npos) << body;
  auto stored = fake.Intent(pi->id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->order_number, "MOD-1001");
  EXPECT_EQ(stored->token, "tok_visa");
}

TEST_F(StripeClientTest, FormValuesArePercentEncoded) {
  auto pi = client.CreateAndConfirm(1000, "clp", "tok_mastercard", "Pedido ñ&=+ 7", "k-encoded");
  ASSERT_TRUE(pi) << pi.error().internal;
  EXPECT_EQ(fake.Intent(pi->id)->order_number, "Pedido ñ&=+ 7");
}

TEST_F(StripeClientTest, DeclineIsAResultNotAnError) {
  auto pi = client.CreateAndConfirm(15990, "clp", "tok_chargeDeclined", "MOD-1002", "k-decline");
  ASSERT_TRUE(pi) << pi.error().internal;
  EXPECT_TRUE(pi->id.starts_with("pi_"));
  EXPECT_EQ(pi->status, "requires_payment_method");
  EXPECT_EQ(pi->failure_code, "card_declined");
  EXPECT_EQ(pi->decline_code, "generic_decline");
  EXPECT_EQ(pi->failure_message, "Your card was declined.");
  EXPECT_EQ(pi->amount, 15990);
  EXPECT_EQ(fake.IntentsCreated(), 1);
}

TEST_F(StripeClientTest, InsufficientFundsDeclineKeepsTheIssuerReason) {
  auto pi = client.CreateAndConfirm(500, "clp", "tok_chargeDeclinedInsufficientFunds", "MOD-1003", "k-nsf");
  ASSERT_TRUE(pi) << pi.error().internal;
  EXPECT_EQ(pi->status, "requires_payment_method");
  EXPECT_EQ(pi->failure_code, "card_declined");
  EXPECT_EQ(pi->decline_code, "insufficient_funds");
}

TEST_F(StripeClientTest, ThreeDSecureLeavesTheIntentRequiringAction) {
  auto pi = client.CreateAndConfirm(500, "clp", "tok_threeDSecure2Required", "MOD-1004", "k-3ds");
  ASSERT_TRUE(pi) << pi.error().internal;
  EXPECT_EQ(pi->status, "requires_action");
  EXPECT_FALSE(pi->client_secret.empty());
}

TEST_F(StripeClientTest, IdempotentReplayReturnsTheSameIntent) {
  auto first = client.CreateAndConfirm(2000, "clp", "tok_visa", "MOD-1005", "k-same");
  auto second = client.CreateAndConfirm(2000, "clp", "tok_visa", "MOD-1005", "k-same");
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->id, second->id);
  EXPECT_EQ(fake.IntentsCreated(), 1);
  EXPECT_EQ(fake.RequestCount(), 2);

  // A replayed decline is the same decline.
  auto declined = client.CreateAndConfirm(2000, "clp", "tok_chargeDeclined", "MOD-1006", "k-declined");
  auto again = client.CreateAndConfirm(2000, "clp", "tok_chargeDeclined", "MOD-1006", "k-declined");
  ASSERT_TRUE(declined && again);
  EXPECT_EQ(declined->id, again->id);
  EXPECT_EQ(again->failure_code, "card_declined");
  EXPECT_EQ(fake.IntentsCreated(), 2);
}

TEST_F(StripeClientTest, ReusedIdempotencyKeyWithOtherParametersIsInternal) {
  ASSERT_TRUE(client.CreateAndConfirm(2000, "clp", "tok_visa", "MOD-1007", "k-reused"));
  auto other = client.CreateAndConfirm(2500, "clp", "tok_visa", "MOD-1007", "k-reused");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, Errc::kInternal);
  EXPECT_NE(other.error().internal.find("idempotency_error"), std::string::npos) << other.error().internal;
  EXPECT_EQ(fake.IntentsCreated(), 1);
}

TEST_F(StripeClientTest, RefundsPartialThenTheRest) {
  auto pi = client.CreateAndConfirm(10000, "clp", "tok_visa", "MOD-1008", "k-pay");
  ASSERT_TRUE(pi);

  auto partial = client.CreateRefund(pi->id, 3000, "refund-1");
  ASSERT_TRUE(partial) << partial.error().internal;
  EXPECT_TRUE(partial->id.starts_with("re_"));
  EXPECT_EQ(partial->status, "succeeded");
  EXPECT_EQ(partial->amount, 3000);
  EXPECT_EQ(fake.LastRequestHeader("idempotency-key"), "refund-1");
  EXPECT_EQ(fake.Intent(pi->id)->amount_refunded, 3000);

  // The same key again is the same refund, not a second one.
  auto replay = client.CreateRefund(pi->id, 3000, "refund-1");
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->id, partial->id);
  EXPECT_EQ(fake.RefundsCreated(), 1);

  auto rest = client.CreateRefund(pi->id, 0, "refund-2");  // 0: whatever remains
  ASSERT_TRUE(rest) << rest.error().internal;
  EXPECT_EQ(rest->amount, 7000);
  EXPECT_EQ(fake.Intent(pi->id)->amount_refunded, 10000);
  EXPECT_EQ(fake.RefundsCreated(), 2);

  auto too_much = client.CreateRefund(pi->id, 1, "refund-3");
  ASSERT_FALSE(too_much);
  EXPECT_EQ(too_much.error().code, Errc::kInternal);
  EXPECT_NE(too_much.error().internal.find("charge_already_refunded"), std::string::npos);
}

TEST_F(StripeClientTest, FullRefundInOneCall) {
  auto pi = client.CreateAndConfirm(4990, "clp", "tok_visa", "MOD-1009", "k-full");
  ASSERT_TRUE(pi);
  auto refund = client.CreateRefund(pi->id, 4990, "refund-full");
  ASSERT_TRUE(refund) << refund.error().internal;
  EXPECT_EQ(refund->amount, 4990);
  EXPECT_EQ(fake.Intent(pi->id)->amount_refunded, 4990);
}

TEST_F(StripeClientTest, RefundOfADeclinedIntentIsInternal) {
  auto pi = client.CreateAndConfirm(4990, "clp", "tok_chargeDeclined", "MOD-1010", "k-declined-refund");
  ASSERT_TRUE(pi);
  auto refund = client.CreateRefund(pi->id, 0, "refund-declined");
  ASSERT_FALSE(refund);
  EXPECT_EQ(refund.error().code, Errc::kInternal);
}

TEST_F(StripeClientTest, RetrieveReadsTheIntent) {
  auto created = client.CreateAndConfirm(7500, "clp", "tok_chargeDeclined", "MOD-1011", "k-retrieve");
  ASSERT_TRUE(created);
  auto read = client.Retrieve(created->id);
  ASSERT_TRUE(read) << read.error().internal;
  EXPECT_EQ(read->id, created->id);
  EXPECT_EQ(read->status, "requires_payment_method");
  EXPECT_EQ(read->amount, 7500);
  EXPECT_EQ(read->currency, "clp");
  EXPECT_EQ(read->failure_code, "card_declined");
  EXPECT_EQ(fake.LastRequestLine(), "GET /v1/payment_intents/" + created->id);
  EXPECT_EQ(fake.LastRequestHeader("authorization"), "Bearer " + fake.SecretKey());

  auto missing = client.Retrieve("pi_does_not_exist");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::kInternal);
  EXPECT_NE(missing.error().internal.find("resource_missing"), std::string::npos);
}

TEST_F(StripeClientTest, UnknownTokenIsInternal) {
  auto pi = client.CreateAndConfirm(1000, "clp", "tok_bogus", "MOD-1012", "k-bogus");
  ASSERT_FALSE(pi);
  EXPECT_EQ(pi.error().code, Errc::kInternal);
  EXPECT_NE(pi.error().internal.find("resource_missing"), std::string::npos) << pi.error().internal;
  EXPECT_EQ(fake.IntentsCreated(), 0);
}

TEST_F(StripeClientTest, BadKeyIsInternalAndNeverShowsTheKey) {
  const std::string wrong_key = "sk_test_this_is_not_the_right_key_9876";
  auto cfg = fake.ClientConfig();
  cfg.secret_key = wrong_key;
  StripeClient bad(cfg);
  auto pi = bad.CreateAndConfirm(1000, "clp", "tok_visa", "MOD-1013", "k-bad-key");
  ASSERT_FALSE(pi);
  EXPECT_EQ(pi.error().code, Errc::kInternal);
  EXPECT_NE(pi.error().internal.find("401"), std::string::npos) << pi.error().internal;
  EXPECT_NE(pi.error().internal.find("Invalid API Key"), std::string::npos) << pi.error().internal;
  EXPECT_EQ(pi.error().internal.find(wrong_key), std::string::npos);
  EXPECT_EQ(pi.error().detail.find(wrong_key), std::string::npos);
  EXPECT_EQ(fake.IntentsCreated(), 0);

  auto read = bad.Retrieve("pi_x");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, Errc::kInternal);
  EXPECT_EQ(read.error().internal.find(wrong_key), std::string::npos);
}

TEST_F(StripeClientTest, ServerErrorIsUnavailableAndRecovers) {
  fake.FailWith(500);
  auto pi = client.CreateAndConfirm(1000, "clp", "tok_visa", "MOD-1014", "k-500");
  ASSERT_FALSE(pi);
  EXPECT_EQ(pi.error().code, Errc::kUnavailable);
  EXPECT_NE(pi.error().internal.find("500"), std::string::npos);
  auto refund = client.CreateRefund("pi_x", 10, "refund-500");
  ASSERT_FALSE(refund);
  EXPECT_EQ(refund.error().code, Errc::kUnavailable);

  fake.FailWith(503);
  EXPECT_EQ(client.Retrieve("pi_x").error().code, Errc::kUnavailable);

  // The retry with the same idempotency key goes through once Stripe is back.
  fake.FailWith(0);
  auto retried = client.CreateAndConfirm(1000, "clp", "tok_visa", "MOD-1014", "k-500");
  ASSERT_TRUE(retried) << retried.error().internal;
  EXPECT_EQ(retried->status, "succeeded");
  EXPECT_EQ(fake.IntentsCreated(), 1);
}

TEST_F(StripeClientTest, StalledStripeTimesOutAsUnavailable) {
  fake.StallFor(std::chrono::milliseconds(3000));
  StripeClient impatient(fake.ClientConfig(300));
  const auto start = std::chrono::steady_clock::now();
  auto pi = impatient.CreateAndConfirm(1000, "clp", "tok_visa", "MOD-1015", "k-stall");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(pi);
  EXPECT_EQ(pi.error().code, Errc::kUnavailable);
  EXPECT_LT(elapsed, std::chrono::milliseconds(2500));
}

TEST(StripeClient, NothingListeningIsUnavailable) {
  StripeConfig cfg;
  cfg.api_base = "http://127.0.0.1:1";
  cfg.secret_key = "sk_test_nobody_home";
  cfg.timeout_ms = 2000;
  StripeClient client(cfg);
  auto pi = client.CreateAndConfirm(1000, "clp", "tok_visa", "MOD-1016", "k-down");
  ASSERT_FALSE(pi);
  EXPECT_EQ(pi.error().code, Errc::kUnavailable);
  EXPECT_EQ(pi.error().internal.find(cfg.secret_key), std::string::npos);
}

TEST(StripeClient, MissingKeyFailsWithoutCallingStripe) {
  FakeStripe fake;
  auto cfg = fake.ClientConfig();
  cfg.secret_key.clear();
  auto pi = StripeClient(cfg).CreateAndConfirm(1000, "clp", "tok_visa", "MOD-1017", "k-nokey");
  ASSERT_FALSE(pi);
  EXPECT_EQ(pi.error().code, Errc::kInternal);
  EXPECT_EQ(fake.RequestCount(), 0);
}

// Receives webhook posts on 127.0.0.1, verifies each and answers 200 (400 when it does not verify).
class WebhookSink {
 public:
  explicit WebhookSink(std::string secret) : secret_(std::move(secret)) {
    namespace net = boost::asio;
    acceptor_.open(net::ip::tcp::v4());
    acceptor_.bind({net::ip::make_address("127.0.0.1"), 0});
    acceptor_.listen();
    thread_ = std::thread([this] { Run(); });
  }
  ~WebhookSink() {
    // Wakes the blocking accept so the thread sees the flag.
    stopping_ = true;
    boost::asio::ip::tcp::socket poke(ioc_);
    boost::system::error_code ec;
    poke.connect(acceptor_.local_endpoint(), ec);
    thread_.join();
  }
  std::string Url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/hooks/stripe";
  }
  std::vector<WebhookEvent> Events() {
    std::lock_guard lock(mu_);
    return events_;
  }

 private:
  void Run() {
    namespace http = boost::beast::http;
    for (;;) {
      boost::asio::ip::tcp::socket socket(ioc_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (stopping_ || ec) return;
      boost::beast::flat_buffer buffer;
      http::request<http::string_body> req;
      http::read(socket, buffer, req, ec);
      if (ec) continue;
      const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
      auto event = VerifyWebhook(req.body(), req["Stripe-Signature"], secret_, now);
      if (event) {
        std::lock_guard lock(mu_);
        events_.push_back(*event);
      }
      http::response<http::string_body> res{event ? http::status::ok : http::status::bad_request, 11};
      res.keep_alive(false);
      res.prepare_payload();
      http::write(socket, res, ec);
    }
  }

  std::string secret_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_{ioc_};
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  std::mutex mu_;
  std::vector<WebhookEvent> events_;
};

TEST_F(StripeClientTest, FakeSendsSignedWebhooksThatVerify) {
  WebhookSink sink(fake.WebhookSecret());
  auto paid = client.CreateAndConfirm(12000, "clp", "tok_visa", "MOD-1018", "k-hook-paid");
  auto declined = client.CreateAndConfirm(8000, "clp", "tok_chargeDeclined", "MOD-1019", "k-hook-declined");
  ASSERT_TRUE(paid && declined);
  ASSERT_TRUE(client.CreateRefund(paid->id, 2000, "refund-hook"));

  EXPECT_EQ(fake.SendWebhook(sink.Url(), "payment_intent.succeeded", paid->id), 200);
  EXPECT_EQ(fake.SendWebhook(sink.Url(), "payment_intent.payment_failed", declined->id), 200);
  // The exact event again (a redelivery), as the app must tolerate.
  EXPECT_EQ(fake.SendEvent(sink.Url(), fake.LastEventJson()), 200);

  auto events = sink.Events();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].type, "payment_intent.succeeded");
  EXPECT_EQ(events[0].payment_intent_id, paid->id);
  EXPECT_EQ(events[0].amount, 12000);
  EXPECT_EQ(events[1].type, "payment_intent.payment_failed");
  EXPECT_EQ(events[1].payment_intent_id, declined->id);
  EXPECT_EQ(events[1].failure_code, "card_declined");
  EXPECT_EQ(events[2].id, events[1].id);
  EXPECT_EQ(fake.SendSigned(sink.Url(), fake.LastEventJson(), "t=1700000000,v1=00"), 400);
  EXPECT_EQ(fake.SendSigned(sink.Url(), fake.LastEventJson(), ""), 400);

  // A charge.refunded event names the intent and the amount refunded so far.
  const std::string event = fake.BuildEvent("charge.refunded", paid->id);
  auto parsed = VerifyWebhook(event, SignWebhook(event, fake.WebhookSecret(), 1700000000),
                              fake.WebhookSecret(), 1700000000);
  ASSERT_TRUE(parsed) << parsed.error().detail;
  EXPECT_EQ(parsed->payment_intent_id, paid->id);
  EXPECT_EQ(parsed->amount, 2000);
}

TEST_F(StripeClientTest, FakeSendsAutomaticWebhooksWhenAsked) {
  WebhookSink sink(fake.WebhookSecret());
  fake.SetAutoWebhookUrl(sink.Url());
  auto paid = client.CreateAndConfirm(12000, "clp", "tok_visa", "MOD-1020", "k-auto-paid");
  auto declined =
      client.CreateAndConfirm(8000, "clp", "tok_chargeDeclinedInsufficientFunds", "MOD-1021", "k-auto-declined");
  ASSERT_TRUE(paid && declined);
  ASSERT_TRUE(client.CreateRefund(paid->id, 0, "refund-auto"));
  // A replay sends nothing more.
  ASSERT_TRUE(client.CreateAndConfirm(12000, "clp", "tok_visa", "MOD-1020", "k-auto-paid"));
  fake.WaitForWebhooks();

  EXPECT_EQ(fake.AutoWebhookStatuses(), (std::vector<int>{200, 200, 200}));
  auto events = sink.Events();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].type, "payment_intent.succeeded");
  EXPECT_EQ(events[0].payment_intent_id, paid->id);
  EXPECT_EQ(events[1].type, "payment_intent.payment_failed");
  EXPECT_EQ(events[1].failure_code, "card_declined");
  EXPECT_EQ(events[1].decline_code, "insufficient_funds");
  EXPECT_EQ(events[2].type, "charge.refunded");
  EXPECT_EQ(events[2].payment_intent_id, paid->id);
  EXPECT_EQ(events[2].amount, 12000);
}

TEST(StripeClient, FakeWebhookToNothingListeningIsZero) {
  FakeStripe fake;
  EXPECT_EQ(fake.SendWebhook("http://127.0.0.1:1/hooks", "payment_intent.succeeded", "pi_x"), 0);
  EXPECT_EQ(fake.SendWebhook("https://example.com/hooks", "payment_intent.succeeded", "pi_x"), 0);
}

}  // namespace
}  // namespace moderno::payments
