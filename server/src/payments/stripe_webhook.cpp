// Stripe webhook signatures (https://docs.stripe.com/webhooks#verify-manually) and event parsing.
#include "payments/stripe_webhook.hpp"

#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <optional>
#include <vector>

#include "platform/crypto/cipher.hpp"

namespace moderno::payments {
namespace {

namespace json = boost::json;

std::string Hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    out += kHex[c >> 4];
    out += kHex[c & 0x0F];
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::unexpected<Error> Reject(std::string detail, std::string internal) {
  return Fail(Errc::kMalformed, std::move(detail), std::move(internal));
}

// "t=..." and every "v1=..." of the header; other schemes (v0) are ignored as Stripe's
// libraries do.
struct SignatureHeader {
  std::string_view timestamp_text;
  std::int64_t timestamp = 0;
  std::vector<std::string_view> v1;
};

Result<SignatureHeader> ParseHeader(std::string_view header) {
  SignatureHeader out;
  bool has_timestamp = false;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const std::string_view item = Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      return Reject("The Stripe-Signature header is garbled.", "Stripe-Signature item without key=value");
    }
    const std::string_view key = item.substr(0, eq);
    const std::string_view value = item.substr(eq + 1);
    if (key == "t") {
      std::int64_t t = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), t);
      const bool whole = !value.empty() && ec == std::errc() && end == value.data() + value.size();
      if (has_timestamp || !whole || t < 0) {
        return Reject("The Stripe-Signature header is garbled.",
                      "Stripe-Signature timestamp is not one unix time");
      }
      has_timestamp = true;
      out.timestamp_text = value;
      out.timestamp = t;
    } else if (key == "v1") {
      out.v1.push_back(value);
    }
  }
  if (!has_timestamp) {
    return Reject("The Stripe-Signature header is garbled.", "Stripe-Signature has no timestamp");
  }
  if (out.v1.empty()) {
    return Reject("The Stripe-Signature header has no v1 signature.", "Stripe-Signature has no v1 scheme");
  }
  return out;
}

const json::object* ObjectOf(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_object() ? &it->value().get_object() : nullptr;
}

std::string StringOf(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string()) return {};
  return std::string(it->value().get_string());
}

std::int64_t IntOf(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return 0;
  boost::system::error_code ec;
  auto n = it->value().to_number<std::int64_t>(ec);
  return ec ? 0 : n;
}

Result<WebhookEvent> ParseEvent(std::string_view payload) {
  boost::system::error_code ec;
  json::value doc = json::parse(payload, ec);
  const json::object* event = !ec && doc.is_object() ? &doc.get_object() : nullptr;
  const json::object* data = event ? ObjectOf(*event, "data") : nullptr;
  const json::object* object = data ? ObjectOf(*data, "object") : nullptr;
  WebhookEvent out;
  if (event) {
    out.id = StringOf(*event, "id");
    out.type = StringOf(*event, "type");
    out.created = IntOf(*event, "created");
  }
  const auto kind = event && event->contains("object") ? StringOf(*event, "object") : std::string("event");
  if (!object || out.id.empty() || out.type.empty() || kind != "event") {
    return Reject("The webhook payload is not a Stripe event.",
                  "webhook payload lacks id, type or data.object");
  }

  const std::string object_kind = StringOf(*object, "object");
  const bool is_charge = out.type.starts_with("charge.") || object_kind == "charge";
  if (out.type.starts_with("payment_intent.") || object_kind == "payment_intent") {
    out.payment_intent_id = StringOf(*object, "id");
  } else {
    out.payment_intent_id = StringOf(*object, "payment_intent");
  }
  out.amount = is_charge ? IntOf(*object, "amount_refunded") : IntOf(*object, "amount");
  if (out.type.starts_with("checkout.session.") || object_kind == "checkout.session") {
    out.session_id = StringOf(*object, "id");
    out.payment_status = StringOf(*object, "payment_status");
    out.amount = IntOf(*object, "amount_total");
  }
  if (const auto* failure = ObjectOf(*object, "last_payment_error")) {
    out.decline_code = StringOf(*failure, "decline_code");
    out.failure_code = StringOf(*failure, "code");
    if (out.failure_code.empty()) out.failure_code = out.decline_code;
  }
  return out;
}

// Lower-case hex HMAC-SHA256 over "<t>.<payload>", t exactly as the header carries it.
std::string Signature(std::string_view secret, std::string_view timestamp, std::string_view payload) {
  std::string signed_text;
  signed_text.reserve(timestamp.size() + 1 + payload.size());
  signed_text.append(timestamp).append(".").append(payload);
  return Hex(crypto::HmacSha256(secret, signed_text));
}

}  // namespace

std::string SignWebhook(std::string_view payload, std::string_view endpoint_secret, std::int64_t t) {
  const std::string timestamp = std::to_string(t);
  return "t=" + timestamp + ",v1=" + Signature(endpoint_secret, timestamp, payload);
}

Result<WebhookEvent> VerifyWebhook(std::string_view payload, std::string_view signature_header,
                                   std::string_view endpoint_secret, std::int64_t now_unix,
                                   std::int64_t tolerance_seconds) {
  if (endpoint_secret.empty()) {
    return Fail(Errc::kInternal, "", "Stripe webhook secret is not configured (STRIPE_WEBHOOK_SECRET)");
  }
  if (Trim(signature_header).empty()) {
    return Reject("The Stripe-Signature header is missing.", "no Stripe-Signature header");
  }
  auto header = ParseHeader(signature_header);
  if (!header) return std::unexpected(header.error());

  const std::string expected = Signature(endpoint_secret, header->timestamp_text, payload);
  bool matched = false;
  for (std::string_view candidate : header->v1) {
    std::string lower(candidate);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // Every candidate is compared (no early exit), each in constant time.
    matched = crypto::ConstantTimeEquals(lower, expected) || matched;
  }
  if (!matched) {
    return Reject("The webhook signature does not match.", "no v1 signature matches the payload");
  }
  // Checked after the signature, so the timestamp is known to be Stripe's.
  const std::int64_t skew = now_unix - header->timestamp;
  if (skew > tolerance_seconds || -skew > tolerance_seconds) {
    return Reject("The webhook timestamp is outside the tolerance.",
                  "webhook timestamp off by " + std::to_string(skew) + " s");
  }
  return ParseEvent(payload);
}

}  // namespace moderno::payments
