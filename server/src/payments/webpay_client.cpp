// The Webpay Plus REST client: JSON requests over libcurl, JSON answers read with Boost.JSON.
#include "payments/webpay_client.hpp"

#include <curl/curl.h>

#include <boost/json.hpp>
#include <cctype>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace moderno::payments {
namespace {

namespace json = boost::json;

constexpr std::string_view kTransactions = "/rswebpaytransaction/api/webpay/v1.2/transactions";
constexpr std::size_t kMaxResponseBytes = 256 * 1024;

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
  if (body->size() + n > kMaxResponseBytes) return 0;
  body->append(data, n);
  return n;
}

bool HasLineBreak(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

// A Webpay token is 64 hex digits; anything else never reaches a URL.
bool PlausibleToken(std::string_view token) {
  if (token.empty() || token.size() > 100) return false;
  for (char c : token) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsLoopback(std::string_view base) {
  auto scheme = base.find("://");
  if (scheme == std::string_view::npos) return false;
  auto host = base.substr(scheme + 3);
  host = host.substr(0, host.find_first_of(":/"));
  return host == "127.0.0.1" || host == "localhost";
}

std::string Scrub(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
    text.replace(pos, secret.size(), "[redacted]");
  }
  return text;
}

std::string StringOf(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().get_string()) : std::string();
}

std::int64_t IntOf(const json::object& o, std::string_view key, std::int64_t fallback = 0) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return fallback;
  boost::system::error_code ec;
  auto n = it->value().to_number<std::int64_t>(ec);
  return ec ? fallback : n;
}

std::optional<json::object> ParseObject(const std::string& body) {
  boost::system::error_code ec;
  auto v = json::parse(body, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.get_object());
}

// One request. Transport failures are kUnavailable; any HTTP answer is a Reply.
Result<Reply> Call(const WebpayConfig& cfg, const char* method, const std::string& path, const std::string& body) {
  if (cfg.commerce_code.empty() || cfg.api_key.empty()) {
    return Fail(Errc::kInternal, "", "Webpay is not configured (WEBPAY_COMMERCE_CODE, WEBPAY_API_KEY)");
  }
  if (HasLineBreak(cfg.commerce_code) || HasLineBreak(cfg.api_key)) {
    return Fail(Errc::kInternal, "", "Webpay header value contains a line break");
  }
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl failed to initialise");
  });
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Fail(Errc::kInternal, "", "curl_easy_init failed");
  CURL* h = curl.get();
  curl_slist* raw = nullptr;
  for (const std::string& line : {"Tbk-Api-Key-Id: " + cfg.commerce_code, "Tbk-Api-Key-Secret: " + cfg.api_key,
                                  std::string("Content-Type: application/json"), std::string("Accept: application/json"),
                                  std::string("Expect:")}) {
    raw = curl_slist_append(raw, line.c_str());
  }
  std::unique_ptr<curl_slist, SlistDeleter> headers(raw);
  const std::string url = cfg.api_base + path;
  Reply reply;
  char error_text[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_USERAGENT, "moderno/" MODERNO_VERSION);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, cfg.timeout_ms);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, cfg.timeout_ms);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#endif
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &Collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &reply.body);
  if (IsLoopback(cfg.api_base)) curl_easy_setopt(h, CURLOPT_PROXY, "");
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
  if (std::string_view(method) != "GET") {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  const CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK) {
    std::string reason = error_text[0] != '\0' ? error_text : curl_easy_strerror(rc);
    return Fail(Errc::kUnavailable, "The payment provider is unavailable; try again shortly.",
                Scrub("Webpay " + std::string(method) + " " + path + " failed: " + reason, cfg.api_key));
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

// The Error of an answer that is not a success: Webpay's error_message kept for the log.
std::unexpected<Error> FailFromReply(const WebpayConfig& cfg, std::string_view what, const Reply& reply) {
  std::string summary = "Webpay " + std::string(what) + ": HTTP " + std::to_string(reply.status);
  if (auto body = ParseObject(reply.body)) summary += " " + StringOf(*body, "error_message");
  summary = Scrub(std::move(summary), cfg.api_key);
  if (reply.status >= 500) return Fail(Errc::kUnavailable, "The payment provider is unavailable; try again shortly.", summary);
  if (reply.status == 422 || reply.status == 409) return Fail(Errc::kConflict, "Webpay refused the operation.", summary);
  return Fail(Errc::kInternal, "", summary);
}

WebpayTransaction TransactionFrom(const json::object& o) {
  WebpayTransaction t;
  t.status = StringOf(o, "status");
  t.response_code = static_cast<int>(IntOf(o, "response_code", -99));
  t.amount = IntOf(o, "amount");
  t.buy_order = StringOf(o, "buy_order");
  t.session_id = StringOf(o, "session_id");
  t.authorization_code = StringOf(o, "authorization_code");
  t.payment_type_code = StringOf(o, "payment_type_code");
  t.installments_number = static_cast<int>(IntOf(o, "installments_number"));
  t.balance = IntOf(o, "balance");
  if (auto it = o.find("card_detail"); it != o.end() && it->value().is_object()) {
    t.card_last4 = StringOf(it->value().get_object(), "card_number");
  }
  return t;
}

}  // namespace

WebpayClient::WebpayClient(WebpayConfig cfg) : cfg_(std::move(cfg)) {
  while (!cfg_.api_base.empty() && cfg_.api_base.back() == '/') cfg_.api_base.pop_back();
}

Result<WebpayCreated> WebpayClient::Create(const std::string& buy_order, const std::string& session_id,
                                           std::int64_t amount, const std::string& return_url) {
  if (amount <= 0) return Fail(Errc::kInternal, "", "Webpay amount must be positive");
  const std::string body = json::serialize(
      json::object{{"buy_order", buy_order}, {"session_id", session_id}, {"amount", amount}, {"return_url", return_url}});
  auto reply = Call(cfg_, "POST", std::string(kTransactions), body);
  if (!reply) return std::unexpected(reply.error());
  if (reply->status != 200) return FailFromReply(cfg_, "create", *reply);
  auto o = ParseObject(reply->body);
  if (!o || StringOf(*o, "token").empty() || StringOf(*o, "url").empty()) {
    return Fail(Errc::kInternal, "", "Webpay create: unexpected answer");
  }
  return WebpayCreated{StringOf(*o, "token"), StringOf(*o, "url")};
}

Result<WebpayTransaction> WebpayClient::Commit(const std::string& token) {
  if (!PlausibleToken(token)) return Fail(Errc::kInvalidArgument, "Not a Webpay token.", "Webpay commit: bad token");
  auto reply = Call(cfg_, "PUT", std::string(kTransactions) + "/" + token, "");
  if (!reply) return std::unexpected(reply.error());
  if (reply->status != 200) return FailFromReply(cfg_, "commit", *reply);
  auto o = ParseObject(reply->body);
  if (!o) return Fail(Errc::kInternal, "", "Webpay commit: unexpected answer");
  return TransactionFrom(*o);
}

Result<WebpayTransaction> WebpayClient::Status(const std::string& token) {
  if (!PlausibleToken(token)) return Fail(Errc::kInvalidArgument, "Not a Webpay token.", "Webpay status: bad token");
  auto reply = Call(cfg_, "GET", std::string(kTransactions) + "/" + token, "");
  if (!reply) return std::unexpected(reply.error());
  if (reply->status != 200) return FailFromReply(cfg_, "status", *reply);
  auto o = ParseObject(reply->body);
  if (!o) return Fail(Errc::kInternal, "", "Webpay status: unexpected answer");
  return TransactionFrom(*o);
}

Result<WebpayRefund> WebpayClient::Refund(const std::string& token, std::int64_t amount) {
  if (!PlausibleToken(token)) return Fail(Errc::kInvalidArgument, "Not a Webpay token.", "Webpay refund: bad token");
  const std::string body = json::serialize(json::object{{"amount", amount}});
  auto reply = Call(cfg_, "POST", std::string(kTransactions) + "/" + token + "/refunds", body);
  if (!reply) return std::unexpected(reply.error());
  if (reply->status != 200) return FailFromReply(cfg_, "refund", *reply);
  auto o = ParseObject(reply->body);
  if (!o || StringOf(*o, "type").empty()) return Fail(Errc::kInternal, "", "Webpay refund: unexpected answer");
  return WebpayRefund{StringOf(*o, "type"), StringOf(*o, "authorization_code"), IntOf(*o, "nullified_amount"),
                      IntOf(*o, "balance"), static_cast<int>(IntOf(*o, "response_code"))};
}

}  // namespace moderno::payments
