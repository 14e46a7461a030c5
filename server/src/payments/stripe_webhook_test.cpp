// Stripe-Signature verification and event parsing, on hand-written events in Stripe's shape.
#include "payments/stripe_webhook.hpp"

#include <gtest/gtest.h>

namespace moderno::payments {
namespace {

constexpr std::string_view kSecret = "whsec_test_secret";
constexpr std::int64_t kNow = 1700000000;

const std::string kSucceeded = R"({"id":"evt_1Succeeded","object":"event","api_version":"2024-06-20",
 "created":1700000000,"livemode":false,"type":"payment_intent.succeeded",
 "data":{"object":{"id":"pi_3Paid","object":"payment_intent","amount":15990,"currency":"clp",
 "status":"succeeded","last_payment_error":null,"metadata":{"order_number":"MOD-1001"}}}})";

const std::string kFailed = R"({"id":"evt_1Failed","object":"event","created":1700000001,
 "type":"payment_intent.payment_failed",
 "data":{"object":{"id":"pi_3Declined","object":"payment_intent","amount":8000,"currency":"clp",
 "status":"requires_payment_method","last_payment_error":{"type":"card_error","code":"card_declined",
 "decline_code":"insufficient_funds","message":"Your card has insufficient funds."}}}})";

const std::string kRefunded = R"({"id":"evt_1Refunded","object":"event","created":1700000002,
 "type":"charge.refunded",
 "data":{"object":{"id":"ch_3Paid","object":"charge","amount":15990,"amount_refunded":5000,
 "currency":"clp","payment_intent":"pi_3Paid","refunded":false}}})";

std::string Header(const std::string& payload, std::string_view secret = kSecret, std::int64_t t = kNow) {
  return SignWebhook(payload, secret, t);
}

// The v1 hex of a header built by SignWebhook.
std::string V1(const std::string& header) { return header.substr(header.find("v1=") + 3); }

void ExpectRejected(const Result<WebhookEvent>& result, std::string_view detail_part) {
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Errc::kMalformed);
  EXPECT_NE(result.error().detail.find(detail_part), std::string::npos) << result.error().detail;
}

TEST(StripeWebhook, SignatureMatchesAnIndependentHmac) {
  // python3: hmac.new(b"whsec_test_secret", b'1700000000.{"id":"evt_1"}', sha256).hexdigest()
  EXPECT_EQ(SignWebhook(R"({"id":"evt_1"})", kSecret, kNow),
            "t=1700000000,v1=248a374f50f943a28b0f6ab50faf9a7e7e29b710fa26df9fb1618b9bf8ea9c9a");
}

TEST(StripeWebhook, PaymentIntentSucceededIsAcceptedAndParsed) {
  auto event = VerifyWebhook(kSucceeded, Header(kSucceeded), kSecret, kNow);
  ASSERT_TRUE(event) << event.error().detail;
  EXPECT_EQ(event->id, "evt_1Succeeded");
  EXPECT_EQ(event->type, "payment_intent.succeeded");
  EXPECT_EQ(event->payment_intent_id, "pi_3Paid");
  EXPECT_EQ(event->amount, 15990);
  EXPECT_EQ(event->failure_code, "");
  EXPECT_EQ(event->created, 1700000000);
}

TEST(StripeWebhook, PaymentFailedCarriesTheFailureCode) {
  auto event = VerifyWebhook(kFailed, Header(kFailed), kSecret, kNow);
  ASSERT_TRUE(event) << event.error().detail;
  EXPECT_EQ(event->type, "payment_intent.payment_failed");
  EXPECT_EQ(event->payment_intent_id, "pi_3Declined");
  EXPECT_EQ(event->amount, 8000);
  EXPECT_EQ(event->failure_code, "card_declined");
  EXPECT_EQ(event->decline_code, "insufficient_funds");
}

TEST(StripeWebhook, FailureWithOnlyADeclineCodeUsesIt) {
  const std::string payload = R"({"id":"evt_2","object":"event","type":"payment_intent.payment_failed",
   "data":{"object":{"id":"pi_2","object":"payment_intent","amount":1,
   "last_payment_error":{"decline_code":"do_not_honor"}}}})";
  auto event = VerifyWebhook(payload, Header(payload), kSecret, kNow);
  ASSERT_TRUE(event) << event.error().detail;
  EXPECT_EQ(event->failure_code, "do_not_honor");
}

TEST(StripeWebhook, ChargeRefundedCarriesTheIntentAndRefundedAmount) {
  auto event = VerifyWebhook(kRefunded, Header(kRefunded), kSecret, kNow);
  ASSERT_TRUE(event) << event.error().detail;
  EXPECT_EQ(event->type, "charge.refunded");
  EXPECT_EQ(event->payment_intent_id, "pi_3Paid");
  EXPECT_EQ(event->amount, 5000);
}

TEST(StripeWebhook, OtherEventTypesPassThrough) {
  const std::string payload = R"({"id":"evt_3","object":"event","type":"customer.created",
   "data":{"object":{"id":"cus_1","object":"customer"}}})";
  auto event = VerifyWebhook(payload, Header(payload), kSecret, kNow);
  ASSERT_TRUE(event) << event.error().detail;
  EXPECT_EQ(event->type, "customer.created");
  EXPECT_EQ(event->payment_intent_id, "");
}

TEST(StripeWebhook, TamperedPayloadIsRejected) {
  std::string tampered = kSucceeded;
  tampered.replace(tampered.find("15990"), 5, "00001");
  ExpectRejected(VerifyWebhook(tampered, Header(kSucceeded), kSecret, kNow), "signature does not match");
}

TEST(StripeWebhook, WrongSecretIsRejected) {
  ExpectRejected(VerifyWebhook(kSucceeded, Header(kSucceeded, "whsec_other"), kSecret, kNow),
                 "signature does not match");
}

TEST(StripeWebhook, TimestampOutsideToleranceIsRejected) {
  ExpectRejected(VerifyWebhook(kSucceeded, Header(kSucceeded, kSecret, kNow - 301), kSecret, kNow),
                 "outside the tolerance");
  ExpectRejected(VerifyWebhook(kSucceeded, Header(kSucceeded, kSecret, kNow + 301), kSecret, kNow),
                 "outside the tolerance");
  ExpectRejected(VerifyWebhook(kSucceeded, Header(kSucceeded, kSecret, kNow - 61), kSecret, kNow, 60),
                 "outside the tolerance");
  EXPECT_TRUE(VerifyWebhook(kSucceeded, Header(kSucceeded, kSecret, kNow - 300), kSecret, kNow));
  EXPECT_TRUE(VerifyWebhook(kSucceeded, Header(kSucceeded, kSecret, kNow + 299), kSecret, kNow));
}

TEST(StripeWebhook, SignatureOfAnotherTimestampIsRejected) {
  // Moving t forward without re-signing breaks the signature.
  const std::string header = "t=" + std::to_string(kNow + 1) + ",v1=" + V1(Header(kSucceeded));
  ExpectRejected(VerifyWebhook(kSucceeded, header, kSecret, kNow), "signature does not match");
}

TEST(StripeWebhook, MissingHeaderIsRejected) {
  ExpectRejected(VerifyWebhook(kSucceeded, "", kSecret, kNow), "missing");
  ExpectRejected(VerifyWebhook(kSucceeded, "   ", kSecret, kNow), "missing");
}

TEST(StripeWebhook, GarbledHeaderIsRejected) {
  const std::string v1 = V1(Header(kSucceeded));
  for (const std::string& header : {std::string("garbage"), "v1=" + v1, "t=abc,v1=" + v1,
                                   "t=,v1=" + v1, "t=-5,v1=" + v1, "t=1700000000x,v1=" + v1,
                                   "t=1700000000,t=1700000000,v1=" + v1, "=1,t=1700000000,v1=" + v1,
                                   "t=99999999999999999999,v1=" + v1}) {
    SCOPED_TRACE(header);
    ExpectRejected(VerifyWebhook(kSucceeded, header, kSecret, kNow), "garbled");
  }
}

TEST(StripeWebhook, OneValidAmongSeveralV1IsAccepted) {
  const std::string good = V1(Header(kSucceeded));
  const std::string bad = V1(Header(kSucceeded, "whsec_old_secret"));
  const std::string header =
      "t=" + std::to_string(kNow) + ", v1=" + bad + ", v1=" + good + ", v0=" + std::string(64, '0');
  auto event = VerifyWebhook(kSucceeded, header, kSecret, kNow);
  ASSERT_TRUE(event) << event.error().detail;
  EXPECT_EQ(event->id, "evt_1Succeeded");
  const std::string only_bad = "t=" + std::to_string(kNow) + ",v1=" + bad + ",v1=short";
  ExpectRejected(VerifyWebhook(kSucceeded, only_bad, kSecret, kNow), "signature does not match");
}

TEST(StripeWebhook, UpperCaseHexIsAccepted) {
  std::string good = V1(Header(kSucceeded));
  for (auto& c : good) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(VerifyWebhook(kSucceeded, "t=" + std::to_string(kNow) + ",v1=" + good, kSecret, kNow));
}

TEST(StripeWebhook, V0OnlyIsRejected) {
  // Even a correct HMAC under the v0 label: only v1 is Stripe's live scheme.
  const std::string header = "t=" + std::to_string(kNow) + ",v0=" + V1(Header(kSucceeded));
  ExpectRejected(VerifyWebhook(kSucceeded, header, kSecret, kNow), "no v1 signature");
}

TEST(StripeWebhook, SignedPayloadThatIsNotAnEventIsRejected) {
  const std::vector<std::string> payloads = {
      "not json",
      "[1,2]",
      "{}",
      R"({"id":"evt_1","type":"x"})",
      R"({"id":"evt_1","type":"x","data":{"object":"pi_1"}})",
      R"({"id":"ch_1","object":"charge","type":"x","data":{"object":{}}})",
  };
  for (const std::string& payload : payloads) {
    SCOPED_TRACE(payload);
    ExpectRejected(VerifyWebhook(payload, Header(payload), kSecret, kNow), "not a Stripe event");
  }
}

TEST(StripeWebhook, EmptySecretIsAConfigurationBug) {
  auto event = VerifyWebhook(kSucceeded, Header(kSucceeded, ""), "", kNow);
  ASSERT_FALSE(event);
  EXPECT_EQ(event.error().code, Errc::kInternal);
}

}  // namespace
}  // namespace moderno::payments
