// Request headers: line 1 is a header value given to every header reader the server has
// (Cookie, Accept-Encoding, X-Forwarded-For with trusted proxies, X-Request-ID,
// Stripe-Signature); the rest is a webhook payload, verified once with line 1 as its
// signature and once correctly signed, so that the event reader sees any payload.
#include "fuzz_input.hpp"
#include "payments/stripe_webhook.hpp"
#include "platform/http/client_ip.hpp"
#include "platform/http/cookies.hpp"
#include "platform/http/gzip.hpp"
#include "platform/http/pipeline.hpp"

using namespace moderno;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const http::TrustedProxies kTrusted = *http::TrustedProxies::Parse("10.0.0.0/8, 192.168.1.1, ::1");
  constexpr std::string_view kSecret = "whsec_fuzz";
  constexpr std::int64_t kNow = 1'760'000'000;

  std::string_view payload = fuzz::Text(data, size);
  const std::string header(fuzz::TakeLine(payload));

  if (auto cart = http::CookieValue(header, "cart_token")) {
    if (cart->find(';') != std::string::npos) fuzz::Violated();
  }
  (void)http::CookieValue(header, "");
  (void)http::AcceptsEncoding(header, "gzip");
  (void)http::IsValidRequestId(header);

  (void)http::TrustedProxies::Parse(header);
  for (std::string_view peer : {"10.1.2.3", "203.0.113.9", "::1"}) {
    const std::string client = http::ClientIp(peer, header, kTrusted);
    // The client is the peer or one of the addresses listed, never a mix of them.
    if (client != peer && header.find(client) == std::string::npos) fuzz::Violated();
  }

  auto event = payments::VerifyWebhook(payload, header, kSecret, kNow);
  if (!event && event.error().code != Errc::kMalformed) fuzz::Violated();
  const std::string signature = payments::SignWebhook(payload, kSecret, kNow);
  auto signed_event = payments::VerifyWebhook(payload, signature, kSecret, kNow);
  if (signed_event) {
    if (signed_event->id.empty() || signed_event->type.empty()) fuzz::Violated();
  } else if (signed_event.error().code != Errc::kMalformed) {
    fuzz::Violated();
  }
  return 0;
}
