// The Stripe REST client: form-encoded requests over libcurl, JSON answers read with Boost.JSON.
#include "payments/stripe_client.hpp"

#include <curl/curl.h>

#include <boost/json.hpp>
#include <cctype>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

namespace moderno::payments {
namespace {

namespace json = boost::json;

using Form = std::vector<std::pair<std::string, std::string>>;

// Stripe's answers are small; anything larger is not Stripe.
constexpr std::size_t kMaxResponseBytes = 1024 * 1024;

void EnsureCurl() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("libcurl failed to initialise");
    }
  });
}

// Percent-encodes for application/x-www-form-urlencoded. Square brackets in keys stay literal,
// as Stripe's own libraries send them ("metadata[order_number]").
std::string Escape(std::string_view text, bool keep_brackets) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved || (keep_brackets && (c == '[' || c == ']'))) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    }
  }
  return out;
}

std::string EncodeForm(const Form& form) {
  std::string out;
  for (const auto& [key, value] : form) {
    if (!out.empty()) out += '&';
    out += Escape(key, true);
    out += '=';
    out += Escape(value, false);
  }
  return out;
}

std::string Lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Replaces every occurrence of the secret key, so no message we keep can leak it.
std::string Scrub(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
    text.replace(pos, secret.size(), "[redacted]");
  }
  return text;
}

// True for http(s)://localhost or 127.0.0.1 (the fake in tests): never through a proxy.
bool IsLoopback(std::string_view base) {
  auto scheme = base.find("://");
  if (scheme == std::string_view::npos) return false;
  auto host = base.substr(scheme + 3);
  host = host.starts_with('[') ? host.substr(0, host.find(']') + 1) : host.substr(0, host.find_first_of(":/"));
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]";
}

bool HasLineBreak(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

struct Reply {
  long status = 0;
  std::string body;
};

struct CurlDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

std::size_t Collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  const std::size_t n = size * count;
  if (body->size() + n > kMaxResponseBytes) return 0;  // aborts the transfer
  body->append(data, n);
  return n;
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

const json::object* ObjectOf(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_object() ? &it->value().get_object() : nullptr;
}

PaymentIntent IntentFrom(const json::object& o) {
  PaymentIntent pi;
  pi.id = StringOf(o, "id");
  pi.status = StringOf(o, "status");
  pi.amount = IntOf(o, "amount");
  pi.currency = StringOf(o, "currency");
  pi.client_secret = StringOf(o, "client_secret");
  if (const auto* err = ObjectOf(o, "last_payment_error")) {
    pi.failure_code = StringOf(*err, "code");
    pi.decline_code = StringOf(*err, "decline_code");
    if (pi.failure_code.empty()) pi.failure_code = pi.decline_code;
    pi.failure_message = StringOf(*err, "message");
  }
  return pi;
}

// The body as a JSON object; nullopt when it is not one.
std::optional<json::object> ParseObject(const std::string& body) {
  boost::system::error_code ec;
  auto v = json::parse(body, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.get_object());
}

// One request to Stripe. Transport failures are kUnavailable; any HTTP answer is a Reply.
Result<Reply> Call(const StripeConfig& cfg, bool post, const std::string& path, const Form& form,
                   const std::string& idempotency_key) {
  if (cfg.secret_key.empty()) {
    return Fail(Errc::kInternal, "", "Stripe is not configured (STRIPE_SECRET_KEY)");
  }
  if (HasLineBreak(cfg.secret_key) || HasLineBreak(idempotency_key) || HasLineBreak(cfg.api_version)) {
    return Fail(Errc::kInternal, "", "Stripe header value contains a line break");
  }
  EnsureCurl();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Fail(Errc::kInternal, "", "curl_easy_init failed");
  CURL* h = curl.get();

  curl_slist* raw = nullptr;
  auto add = [&raw](const std::string& line) { raw = curl_slist_append(raw, line.c_str()); };
  add("Authorization: Bearer " + cfg.secret_key);
  add("Accept: application/json");
  add("Expect:");  // no 100-continue round trip
  if (!cfg.api_version.empty()) add("Stripe-Version: " + cfg.api_version);
  if (!idempotency_key.empty()) add("Idempotency-Key: " + idempotency_key);
  if (post) add("Content-Type: application/x-www-form-urlencoded");
  std::unique_ptr<curl_slist, SlistDeleter> headers(raw);

  const std::string url = cfg.api_base + path;
  const std::string body = EncodeForm(form);
  Reply reply;
  char error_text[CURL_ERROR_SIZE] = {};

  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_USERAGENT, "moderno/" MODERNO_VERSION);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for timeouts: safe in threads
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, cfg.timeout_ms);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, cfg.timeout_ms);
  curl_easy_setopt(h, CURLOPT_VERBOSE, 0L);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#endif
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &Collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &reply.body);
  if (IsLoopback(cfg.api_base)) curl_easy_setopt(h, CURLOPT_PROXY, "");
  if (post) {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  } else {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  }

  const CURLcode rc = curl_easy_perform(h);
  const std::string what = std::string(post ? "POST " : "GET ") + path;
  if (rc != CURLE_OK) {
    std::string reason = error_text[0] != '\0' ? error_text : curl_easy_strerror(rc);
    return Fail(Errc::kUnavailable, "The payment provider is unavailable; try again shortly.",
                Scrub("Stripe " + what + " failed: " + reason, cfg.secret_key));
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

// An Error for a Stripe answer that is not a success (nor a decline the caller handles).
std::unexpected<Error> FailFromReply(const StripeConfig& cfg, std::string_view what, const Reply& reply) {
  std::string summary = "Stripe " + std::string(what) + ": HTTP " + std::to_string(reply.status);
  if (auto body = ParseObject(reply.body)) {
    if (const auto* err = ObjectOf(*body, "error")) {
      for (const char* key : {"type", "code", "decline_code", "param", "message"}) {
        if (auto value = StringOf(*err, key); !value.empty()) summary += std::string(" ") + key + "=" + value;
      }
    }
  } else {
    summary += " (not JSON)";
  }
  summary = Scrub(std::move(summary), cfg.secret_key);
  // 5xx and rate limiting are Stripe's trouble and pass; anything else is ours (bad key,
  // invalid parameters, idempotency key reused with other parameters).
  if (reply.status >= 500 || reply.status == 429) {
    return Fail(Errc::kUnavailable, "The payment provider is unavailable; try again shortly.", summary);
  }
  return Fail(Errc::kInternal, "", summary);
}

std::unexpected<Error> Unexpected(const StripeConfig& cfg, std::string_view what, const Reply& reply) {
  return Fail(Errc::kInternal, "",
              Scrub("Stripe " + std::string(what) + ": unexpected answer (HTTP " +
                        std::to_string(reply.status) + ")",
                    cfg.secret_key));
}

}  // namespace

StripeClient::StripeClient(StripeConfig cfg) : cfg_(std::move(cfg)) {
  while (!cfg_.api_base.empty() && cfg_.api_base.back() == '/') cfg_.api_base.pop_back();
}

Result<PaymentIntent> StripeClient::CreateAndConfirm(std::int64_t amount, const std::string& currency,
                                                     const std::string& token,
                                                     const std::string& order_number,
                                                     const std::string& idempotency_key) {
  if (amount <= 0) return Fail(Errc::kInternal, "", "Stripe payment amount must be positive");
  // payment_method_types=card keeps automatic payment methods off, so a server-side confirm
  // needs no return_url.
  const Form form = {
      {"amount", std::to_string(amount)},
      {"currency", Lower(currency)},
      {"confirm", "true"},
      {"payment_method_types[0]", "card"},
      {"payment_method_data[type]", "card"},
      {"payment_method_data[card][token]", token},
      {"metadata[order_number]", order_number},
      {"description", "Order " + order_number},
  };
  constexpr std::string_view kWhat = "POST /v1/payment_intents";
  auto reply = Call(cfg_, true, "/v1/payment_intents", form, idempotency_key);
  if (!reply) return std::unexpected(reply.error());

  if (reply->status == 200) {
    auto body = ParseObject(reply->body);
    if (!body) return Unexpected(cfg_, kWhat, *reply);
    PaymentIntent pi = IntentFrom(*body);
    if (pi.id.empty()) return Unexpected(cfg_, kWhat, *reply);
    return pi;
  }
  if (reply->status == 402) {
    // A decline: the intent exists and waits for another payment method.
    auto body = ParseObject(reply->body);
    const json::object* err = body ? ObjectOf(*body, "error") : nullptr;
    if (!err) return Unexpected(cfg_, kWhat, *reply);
    PaymentIntent pi;
    if (const auto* intent = ObjectOf(*err, "payment_intent")) pi = IntentFrom(*intent);
    if (pi.status.empty()) pi.status = "requires_payment_method";
    if (pi.amount == 0) pi.amount = amount;
    if (pi.currency.empty()) pi.currency = Lower(currency);
    if (pi.decline_code.empty()) pi.decline_code = StringOf(*err, "decline_code");
    if (pi.failure_code.empty()) pi.failure_code = StringOf(*err, "code");
    if (pi.failure_code.empty()) pi.failure_code = pi.decline_code;
    if (pi.failure_message.empty()) pi.failure_message = StringOf(*err, "message");
    return pi;
  }
  return FailFromReply(cfg_, kWhat, *reply);
}

Result<PaymentIntent> StripeClient::Retrieve(const std::string& payment_intent_id) {
  if (payment_intent_id.empty()) return Fail(Errc::kInternal, "", "Stripe retrieve without an id");
  const std::string path = "/v1/payment_intents/" + Escape(payment_intent_id, false);
  const std::string what = "GET /v1/payment_intents/{id}";
  auto reply = Call(cfg_, false, path, {}, {});
  if (!reply) return std::unexpected(reply.error());
  if (reply->status != 200) return FailFromReply(cfg_, what, *reply);
  auto body = ParseObject(reply->body);
  if (!body) return Unexpected(cfg_, what, *reply);
  PaymentIntent pi = IntentFrom(*body);
  if (pi.id.empty()) return Unexpected(cfg_, what, *reply);
  return pi;
}

Result<Refund> StripeClient::CreateRefund(const std::string& payment_intent_id, std::int64_t amount,
                                          const std::string& idempotency_key) {
  if (payment_intent_id.empty()) return Fail(Errc::kInternal, "", "Stripe refund without a payment intent");
  Form form = {{"payment_intent", payment_intent_id}};
  // Without an amount Stripe refunds whatever remains.
  if (amount > 0) form.emplace_back("amount", std::to_string(amount));
  constexpr std::string_view kWhat = "POST /v1/refunds";
  auto reply = Call(cfg_, true, "/v1/refunds", form, idempotency_key);
  if (!reply) return std::unexpected(reply.error());
  if (reply->status != 200) return FailFromReply(cfg_, kWhat, *reply);
  auto body = ParseObject(reply->body);
  if (!body) return Unexpected(cfg_, kWhat, *reply);
  Refund refund{StringOf(*body, "id"), StringOf(*body, "status"), IntOf(*body, "amount")};
  if (refund.id.empty()) return Unexpected(cfg_, kWhat, *reply);
  return refund;
}

namespace {

CheckoutSession SessionFrom(const json::object& o) {
  return CheckoutSession{StringOf(o, "id"),       StringOf(o, "url"),           StringOf(o, "status"),
                         StringOf(o, "payment_status"), StringOf(o, "payment_intent"), IntOf(o, "amount_total"),
                         StringOf(o, "currency")};
}

}  // namespace

Result<CheckoutSession> StripeClient::CreateCheckoutSession(const CheckoutRequest& r) {
  if (r.lines.empty()) return Fail(Errc::kInternal, "", "Stripe Checkout Session without lines");
  Form form = {{"mode", "payment"},
               {"success_url", r.success_url},
               {"cancel_url", r.cancel_url},
               {"client_reference_id", r.order_id},
               {"metadata[order_id]", r.order_id},
               {"metadata[order_number]", r.order_number},
               {"payment_intent_data[metadata][order_number]", r.order_number},
               {"payment_method_types[0]", "card"}};
  for (std::size_t i = 0; i < r.lines.size(); ++i) {
    const std::string line = "line_items[" + std::to_string(i) + "]";
    form.emplace_back(line + "[price_data][currency]", Lower(r.currency));
    form.emplace_back(line + "[price_data][unit_amount]", std::to_string(r.lines[i].second));
    form.emplace_back(line + "[price_data][product_data][name]", r.lines[i].first);
    form.emplace_back(line + "[quantity]", "1");
  }
  constexpr std::string_view kWhat = "POST /v1/checkout/sessions";
  auto reply = Call(cfg_, true, "/v1/checkout/sessions", form, r.idempotency_key);
  if (!reply) return std::unexpected(reply.error());
  if (reply->status != 200) return FailFromReply(cfg_, kWhat, *reply);
  auto body = ParseObject(reply->body);
  if (!body) return Unexpected(cfg_, kWhat, *reply);
  CheckoutSession session = SessionFrom(*body);
  if (session.id.empty() || session.url.empty()) return Unexpected(cfg_, kWhat, *reply);
  return session;
}

Result<CheckoutSession> StripeClient::RetrieveCheckoutSession(const std::string& session_id) {
  if (session_id.empty()) return Fail(Errc::kInternal, "", "Stripe session retrieve without an id");
  const std::string what = "GET /v1/checkout/sessions/{id}";
  auto reply = Call(cfg_, false, "/v1/checkout/sessions/" + Escape(session_id, false), {}, {});
  if (!reply) return std::unexpected(reply.error());
  if (reply->status != 200) return FailFromReply(cfg_, what, *reply);
  auto body = ParseObject(reply->body);
  if (!body) return Unexpected(cfg_, what, *reply);
  CheckoutSession session = SessionFrom(*body);
  if (session.id.empty()) return Unexpected(cfg_, what, *reply);
  return session;
}

}  // namespace moderno::payments
