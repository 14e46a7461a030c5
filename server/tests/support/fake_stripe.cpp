// The fake Stripe: a Beast server on one io_context thread (coroutine per connection, so a
// stalled answer holds up nobody else) and a second thread that delivers automatic webhooks.
#include "fake_stripe.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url.hpp>
#include <cctype>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <random>
#include <thread>

#include "http_client.hpp"
#include "payments/stripe_webhook.hpp"

namespace moderno::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = net::ip::tcp;

namespace {

using Params = std::map<std::string, std::string>;

std::int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() &&
               std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// application/x-www-form-urlencoded into a sorted map (also the idempotency fingerprint).
Params ParseForm(std::string_view body) {
  Params out;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    out[PercentDecode(pair.substr(0, eq))] =
        eq == std::string_view::npos ? std::string() : PercentDecode(pair.substr(eq + 1));
  }
  return out;
}

std::string Param(const Params& params, const std::string& key) {
  auto it = params.find(key);
  return it == params.end() ? std::string() : it->second;
}

// A positive integer, or nullopt.
std::optional<std::int64_t> PositiveInt(const std::string& text) {
  if (text.empty() || text.size() > 15) return std::nullopt;
  std::int64_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (n <= 0) return std::nullopt;
  return n;
}

// The outcome Stripe documents for each test token.
struct TokenOutcome {
  std::string_view token;
  std::string_view status;
  std::string_view code;          // empty: no decline
  std::string_view decline_code;
  std::string_view message;
};

constexpr TokenOutcome kTokens[] = {
    {"tok_visa", "succeeded", "", "", ""},
    {"tok_visa_debit", "succeeded", "", "", ""},
    {"tok_mastercard", "succeeded", "", "", ""},
    {"tok_amex", "succeeded", "", "", ""},
    {"tok_chargeDeclined", "requires_payment_method", "card_declined", "generic_decline",
     "Your card was declined."},
    {"tok_chargeDeclinedInsufficientFunds", "requires_payment_method", "card_declined",
     "insufficient_funds", "Your card has insufficient funds."},
    {"tok_chargeDeclinedFraudulent", "requires_payment_method", "card_declined", "fraudulent",
     "Your card was declined."},
    {"tok_chargeDeclinedExpiredCard", "requires_payment_method", "expired_card", "expired_card",
     "Your card has expired."},
    {"tok_chargeDeclinedIncorrectCvc", "requires_payment_method", "incorrect_cvc", "incorrect_cvc",
     "Your card's security code is incorrect."},
    {"tok_chargeDeclinedProcessingError", "requires_payment_method", "processing_error",
     "processing_error", "An error occurred while processing your card. Try again in a little bit."},
    {"tok_threeDSecure2Required", "requires_action", "", "", ""},
};

const TokenOutcome* FindToken(std::string_view token) {
  for (const auto& t : kTokens) {
    if (t.token == token) return &t;
  }
  return nullptr;
}

json::value Nullable(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

json::object PaymentErrorJson(const FakeIntent& pi) {
  return {{"type", "card_error"},
          {"code", pi.failure_code},
          {"decline_code", Nullable(pi.decline_code)},
          {"message", pi.failure_message},
          {"charge", Nullable(pi.charge_id)},
          {"doc_url", "https://stripe.com/docs/error-codes/" + pi.failure_code}};
}

// A PaymentIntent in Stripe's shape (the fields the shop and its tests read, and a few more).
json::object IntentJson(const FakeIntent& pi) {
  json::object o{{"id", pi.id},
                 {"object", "payment_intent"},
                 {"amount", pi.amount},
                 {"amount_received", pi.status == "succeeded" ? pi.amount : 0},
                 {"currency", pi.currency},
                 {"status", pi.status},
                 {"client_secret", pi.client_secret},
                 {"confirmation_method", "automatic"},
                 {"capture_method", "automatic"},
                 {"created", pi.created},
                 {"description", Nullable(pi.description)},
                 {"latest_charge", Nullable(pi.charge_id)},
                 {"livemode", false},
                 {"metadata", json::object{{"order_number", pi.order_number}}},
                 {"payment_method_types", json::array{"card"}},
                 {"last_payment_error", nullptr},
                 {"next_action", nullptr}};
  if (!pi.failure_code.empty()) o["last_payment_error"] = PaymentErrorJson(pi);
  if (pi.status == "requires_action") {
    o["next_action"] = json::object{{"type", "use_stripe_sdk"}, {"use_stripe_sdk", json::object{}}};
  }
  return o;
}

// The Charge behind an intent, as charge.* events carry it.
json::object SessionJson(const FakeSession& cs) {
  json::object metadata;
  for (const auto& [k, v] : cs.metadata) metadata[k] = v;
  return {{"id", cs.id},
          {"object", "checkout.session"},
          {"mode", "payment"},
          {"url", cs.status == "open" ? json::value(cs.url) : json::value(nullptr)},
          {"status", cs.status},
          {"payment_status", cs.payment_status},
          {"amount_total", cs.amount_total},
          {"currency", cs.currency},
          {"payment_intent", cs.payment_intent.empty() ? json::value(nullptr) : json::value(cs.payment_intent)},
          {"client_reference_id", cs.client_reference_id},
          {"success_url", cs.success_url},
          {"cancel_url", cs.cancel_url},
          {"metadata", std::move(metadata)}};
}

json::object ChargeJson(const FakeIntent& pi) {
  const bool paid = pi.status == "succeeded";
  const std::string id = pi.charge_id.empty() ? "ch_" + pi.id.substr(std::min<std::size_t>(3, pi.id.size()))
                                              : pi.charge_id;
  return {{"id", id},
          {"object", "charge"},
          {"amount", pi.amount},
          {"amount_captured", paid ? pi.amount : 0},
          {"amount_refunded", pi.amount_refunded},
          {"currency", pi.currency},
          {"payment_intent", pi.id},
          {"paid", paid},
          {"captured", paid},
          {"refunded", paid && pi.amount_refunded >= pi.amount},
          {"status", paid ? "succeeded" : "failed"},
          {"failure_code", Nullable(pi.failure_code)},
          {"failure_message", Nullable(pi.failure_message)},
          {"livemode", false},
          {"created", pi.created}};
}

std::string ErrorBody(std::string_view type, std::string_view message, std::string_view code = {},
                      std::string_view param = {}) {
  json::object err{{"type", type}, {"message", message}};
  if (!code.empty()) {
    err["code"] = code;
    err["doc_url"] = "https://stripe.com/docs/error-codes/" + std::string(code);
  }
  if (!param.empty()) err["param"] = param;
  return json::serialize(json::object{{"error", std::move(err)}});
}

// Stripe shows only the start and the last four characters of a wrong key.
std::string RedactKey(const std::string& key) {
  if (key.size() <= 12) return std::string(key.size(), '*');
  const auto prefix = key.rfind('_', 8) != std::string::npos ? key.rfind('_', 8) + 1 : 0;
  return key.substr(0, prefix) + std::string(key.size() - prefix - 4, '*') + key.substr(key.size() - 4);
}

// An http://127.0.0.1:<port>/path URL as (port, target); nullopt for anything else.
std::optional<std::pair<std::uint16_t, std::string>> LocalTarget(const std::string& url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->scheme() != "http" || !parsed->has_port()) return std::nullopt;
  const std::string host(parsed->host());
  if (host != "127.0.0.1" && host != "localhost") return std::nullopt;
  std::string target(parsed->encoded_path());
  if (target.empty()) target = "/";
  if (parsed->has_query()) target += "?" + std::string(parsed->encoded_query());
  return std::make_pair(parsed->port_number(), target);
}

// What one API request gets back.
struct Answer {
  int status = 200;
  std::string body;
  bool replayed = false;
  std::chrono::milliseconds delay{0};
};

// A refusal of type invalid_request_error, Stripe's answer to bad parameters.
Answer InvalidRequest(int status, const std::string& message, std::string_view code = {},
                      std::string_view param = {}) {
  return {status, ErrorBody("invalid_request_error", message, code, param)};
}

}  // namespace

struct FakeStripe::State {
  FakeStripeOptions options;
  std::string id_tag;  // per instance, so ids from two fakes never collide in one database

  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::uint16_t port = 0;
  std::thread io_thread;

  mutable std::mutex mu;
  std::map<std::string, FakeIntent> intents;
  std::map<std::string, FakeSession> sessions;
  int sessions_created = 0;
  struct Stored {
    std::string fingerprint;
    int status = 0;
    std::string body;
  };
  std::map<std::string, Stored> idempotent;  // by Idempotency-Key
  int next_id = 0;
  int intents_created = 0;
  int refunds_created = 0;
  int requests = 0;
  std::map<std::string, std::string> last_headers;
  std::string last_line;
  std::string last_body;
  int fail_status = 0;
  std::chrono::milliseconds stall{0};
  std::string last_event;

  // Automatic webhooks.
  std::thread sender;
  std::condition_variable webhooks_changed;
  std::deque<std::string> webhook_queue;
  bool sending = false;
  bool stopping = false;
  std::vector<int> webhook_statuses;

  std::string NextId(std::string_view prefix) {
    char digits[16];
    std::snprintf(digits, sizeof digits, "%06d", ++next_id);
    return std::string(prefix) + "_" + id_tag + digits;
  }

  // Builds an event of `type` about an intent; needs mu.
  std::string EventLocked(const std::string& type, const std::string& payment_intent_id) {
    if (type.starts_with("checkout.session.")) {
      FakeSession cs;
      if (auto it = sessions.find(payment_intent_id); it != sessions.end()) cs = it->second;
      cs.id = payment_intent_id;
      return EventJson(type, SessionJson(cs));
    }
    FakeIntent pi;
    if (auto it = intents.find(payment_intent_id); it != intents.end()) {
      pi = it->second;
    } else {
      pi.id = payment_intent_id;
      pi.status = type == "payment_intent.succeeded" ? "succeeded" : "requires_payment_method";
      pi.created = NowUnix();
    }
    return EventJson(type, type.starts_with("charge.") ? ChargeJson(pi) : IntentJson(pi));
  }

  std::string EventJson(const std::string& type, json::object object) {
    json::object event{{"id", NextId("evt")},
                       {"object", "event"},
                       {"api_version", "2024-06-20"},
                       {"created", NowUnix()},
                       {"livemode", false},
                       {"pending_webhooks", 1},
                       {"request", json::object{{"id", nullptr}, {"idempotency_key", nullptr}}},
                       {"type", type},
                       {"data", json::object{{"object", std::move(object)}}}};
    return json::serialize(event);
  }

  // Queues an automatic webhook when a URL is configured; needs mu.
  void QueueWebhookLocked(const std::string& type, const std::string& payment_intent_id) {
    if (options.auto_webhook_url.empty()) return;
    webhook_queue.push_back(EventLocked(type, payment_intent_id));
    webhooks_changed.notify_all();
  }

  Answer CreateIntent(const Params& params) {
    const auto amount = PositiveInt(Param(params, "amount"));
    if (!amount) {
      return InvalidRequest(400, "Invalid positive integer", "parameter_invalid_integer", "amount");
    }
    const std::string currency = Lower(Param(params, "currency"));
    if (currency.size() != 3) {
      return InvalidRequest(400, "Invalid currency: " + currency, "parameter_invalid_string", "currency");
    }
    const bool confirm = Param(params, "confirm") == "true";
    const std::string token = Param(params, "payment_method_data[card][token]");
    const TokenOutcome* outcome = nullptr;
    if (!token.empty()) {
      outcome = FindToken(token);
      if (!outcome || Param(params, "payment_method_data[type]") != "card") {
        return InvalidRequest(400, "No such token: '" + token + "'", "resource_missing",
                              "payment_method_data[card][token]");
      }
    } else if (confirm) {
      return InvalidRequest(400, "You cannot confirm this PaymentIntent because it's missing a payment method.",
                            "payment_intent_unexpected_state");
    }

    FakeIntent pi;
    pi.id = NextId("pi");
    pi.client_secret = pi.id + "_secret_" + id_tag;
    pi.amount = *amount;
    pi.currency = currency;
    pi.token = token;
    pi.order_number = Param(params, "metadata[order_number]");
    pi.description = Param(params, "description");
    pi.created = NowUnix();
    pi.status = outcome ? "requires_confirmation" : "requires_payment_method";
    if (confirm && outcome) {
      pi.status = std::string(outcome->status);
      if (pi.status != "requires_action") pi.charge_id = NextId("ch");
      pi.failure_code = std::string(outcome->code);
      pi.decline_code = std::string(outcome->decline_code);
      pi.failure_message = std::string(outcome->message);
    }
    intents[pi.id] = pi;
    ++intents_created;

    if (pi.failure_code.empty()) {
      if (pi.status == "succeeded") QueueWebhookLocked("payment_intent.succeeded", pi.id);
      return {200, json::serialize(IntentJson(pi))};
    }
    QueueWebhookLocked("payment_intent.payment_failed", pi.id);
    json::object err = PaymentErrorJson(pi);
    err["payment_intent"] = IntentJson(pi);
    err["request_log_url"] = "https://dashboard.stripe.com/test/logs/req_fake";
    return {402, json::serialize(json::object{{"error", std::move(err)}})};
  }

  // Checkout Sessions: mode=payment with price_data lines (unit_amount in the smallest unit:
  // whole pesos for CLP), success and cancel URLs.
  Answer CreateSession(const Params& params, const std::string& idempotency_key) {
    if (Param(params, "mode") != "payment") {
      return InvalidRequest(400, "Missing required param: mode.", "parameter_missing", "mode");
    }
    for (const char* url : {"success_url", "cancel_url"}) {
      if (!Param(params, url).starts_with("http")) return InvalidRequest(400, "Not a valid URL", "url_invalid", url);
    }
    FakeSession cs;
    for (int i = 0; params.contains("line_items[" + std::to_string(i) + "][quantity]"); ++i) {
      const std::string line = "line_items[" + std::to_string(i) + "]";
      const auto unit = PositiveInt(Param(params, line + "[price_data][unit_amount]"));
      const auto quantity = PositiveInt(Param(params, line + "[quantity]"));
      const std::string currency = Lower(Param(params, line + "[price_data][currency]"));
      if (!unit || !quantity) {
        return InvalidRequest(400, "Invalid integer", "parameter_invalid_integer", line + "[price_data][unit_amount]");
      }
      if (currency.size() != 3 || (!cs.currency.empty() && currency != cs.currency)) {
        return InvalidRequest(400, "Invalid currency", "parameter_invalid_string", line + "[price_data][currency]");
      }
      cs.currency = currency;
      cs.amount_total += *unit * *quantity;
      cs.lines.emplace_back(Param(params, line + "[price_data][product_data][name]"), *unit * *quantity);
    }
    if (cs.lines.empty()) return InvalidRequest(400, "Missing required param: line_items.", "parameter_missing", "line_items");
    cs.id = NextId("cs_test");
    cs.url = "http://127.0.0.1:" + std::to_string(port) + "/c/pay/" + cs.id;
    cs.success_url = Param(params, "success_url");
    cs.cancel_url = Param(params, "cancel_url");
    cs.client_reference_id = Param(params, "client_reference_id");
    for (const auto& [k, v] : params) {
      if (k.starts_with("metadata[") && k.ends_with("]")) cs.metadata[k.substr(9, k.size() - 10)] = v;
    }
    cs.idempotency_key = idempotency_key;
    sessions[cs.id] = cs;
    ++sessions_created;
    return {200, json::serialize(SessionJson(cs))};
  }

  Answer RetrieveSession(const std::string& id) {
    auto it = sessions.find(id);
    if (it == sessions.end()) {
      return InvalidRequest(404, "No such checkout.session: '" + id + "'", "resource_missing", "session");
    }
    return {200, json::serialize(SessionJson(it->second))};
  }

  Answer RetrieveIntent(const std::string& id) {
    auto it = intents.find(id);
    if (it == intents.end()) {
      return InvalidRequest(404, "No such payment_intent: '" + id + "'", "resource_missing", "intent");
    }
    return {200, json::serialize(IntentJson(it->second))};
  }

  Answer CreateRefund(const Params& params) {
    const std::string id = Param(params, "payment_intent");
    if (id.empty()) {
      return InvalidRequest(400, "One of the following params should be provided for this request: "
                            "payment_intent or charge.", "parameter_missing", "payment_intent");
    }
    auto it = intents.find(id);
    if (it == intents.end()) {
      return InvalidRequest(400, "No such payment_intent: '" + id + "'", "resource_missing", "payment_intent");
    }
    FakeIntent& pi = it->second;
    if (pi.status != "succeeded") {
      return InvalidRequest(400, "This PaymentIntent does not have a successful charge to refund.",
                            "charge_not_refundable", "payment_intent");
    }
    const std::int64_t remaining = pi.amount - pi.amount_refunded;
    if (remaining <= 0) {
      return InvalidRequest(400, "Charge " + pi.charge_id + " has already been refunded.", "charge_already_refunded");
    }
    std::int64_t amount = remaining;
    if (params.contains("amount")) {
      const auto requested = PositiveInt(Param(params, "amount"));
      if (!requested) {
        return InvalidRequest(400, "Invalid positive integer", "parameter_invalid_integer", "amount");
      }
      if (*requested > remaining) {
        return InvalidRequest(400, "Refund amount (" + std::to_string(*requested) +
                                       ") is greater than unrefunded amount on charge (" +
                                       std::to_string(remaining) + ")",
                              "amount_too_large", "amount");
      }
      amount = *requested;
    }
    pi.amount_refunded += amount;
    ++refunds_created;
    json::object refund{{"id", NextId("re")},
                        {"object", "refund"},
                        {"amount", amount},
                        {"currency", pi.currency},
                        {"charge", pi.charge_id},
                        {"payment_intent", pi.id},
                        {"status", "succeeded"},
                        {"reason", nullptr},
                        {"created", NowUnix()}};
    QueueWebhookLocked("charge.refunded", pi.id);
    return {200, json::serialize(refund)};
  }

  // Records, authenticates, applies idempotency and routes one request.
  Answer Handle(const http::request<http::string_body>& req) {
    std::lock_guard lock(mu);
    ++requests;
    last_headers.clear();
    for (const auto& field : req) {
      last_headers[Lower(std::string(field.name_string()))] = std::string(field.value());
    }
    const std::string method(req.method_string());
    const std::string target(req.target());
    last_line = method + " " + target;
    last_body = req.body();

    Answer answer = Route(req, method, target);
    answer.delay = stall;
    return answer;
  }

  Answer Route(const http::request<http::string_body>& req, const std::string& method,
               const std::string& target) {
    if (fail_status != 0) {
      return {fail_status, ErrorBody("api_error", "An unknown error occurred (fake Stripe failure mode).")};
    }
    const std::string auth(req[http::field::authorization]);
    if (auth.empty()) {
      return InvalidRequest(401, "You did not provide an API key. You need to provide your API key in the "
                            "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer "
                            "YOUR_SECRET_KEY').");
    }
    if (auth != "Bearer " + options.secret_key) {
      const std::string given = auth.starts_with("Bearer ") ? auth.substr(7) : auth;
      return InvalidRequest(401, "Invalid API Key provided: " + RedactKey(given));
    }

    const Params params = ParseForm(req.body());
    const std::string key(req["Idempotency-Key"]);
    const bool post = method == "POST";
    if (post && !key.empty()) {
      std::string fingerprint = target;
      for (const auto& [k, v] : params) fingerprint += "\n" + k + "=" + v;
      if (auto it = idempotent.find(key); it != idempotent.end()) {
        if (it->second.fingerprint != fingerprint) {
          return {400, ErrorBody("idempotency_error",
                                 "Keys for idempotent requests can only be used with the same parameters "
                                 "they were first used with. Try using a key other than '" + key +
                                     "' if you meant to execute a different request.")};
        }
        return {it->second.status, it->second.body, true};
      }
      Answer answer = Dispatch(method, target, params, key);
      // Stripe saves the result once the endpoint started executing: successes and declines.
      if (answer.status == 200 || answer.status == 402) {
        idempotent[key] = Stored{std::move(fingerprint), answer.status, answer.body};
      }
      return answer;
    }
    return Dispatch(method, target, params, key);
  }

  Answer Dispatch(const std::string& method, const std::string& target, const Params& params,
                  const std::string& key) {
    const std::string path = target.substr(0, target.find('?'));
    constexpr std::string_view kIntents = "/v1/payment_intents";
    if (method == "POST" && path == kIntents) return CreateIntent(params);
    const std::string intent_prefix = std::string(kIntents) + "/";
    if (method == "GET" && path.starts_with(intent_prefix) && path.size() > intent_prefix.size()) {
      return RetrieveIntent(PercentDecode(path.substr(intent_prefix.size())));
    }
    if (method == "POST" && path == "/v1/refunds") return CreateRefund(params);
    constexpr std::string_view kSessions = "/v1/checkout/sessions";
    if (method == "POST" && path == kSessions) return CreateSession(params, key);
    const std::string session_prefix = std::string(kSessions) + "/";
    if (method == "GET" && path.starts_with(session_prefix) && path.size() > session_prefix.size()) {
      return RetrieveSession(PercentDecode(path.substr(session_prefix.size())));
    }
    return InvalidRequest(404, "Unrecognized request URL (" + method + ": " + path +
                                   "). Please see https://stripe.com/docs or we can help at "
                                   "https://support.stripe.com/.");
  }

  // POSTs a body with a Stripe-Signature header (omitted when empty) to a local URL.
  int Post(const std::string& url, const std::string& body, const std::string& signature) {
    auto local = LocalTarget(url);
    if (!local) return 0;
    std::vector<std::pair<std::string, std::string>> headers = {
        {"Content-Type", "application/json; charset=utf-8"},
        {"User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)"}};
    if (!signature.empty()) headers.emplace_back("Stripe-Signature", signature);
    try {
      HttpClient client(local->first);
      return client.Request("POST", local->second, headers, body).status;
    } catch (const std::exception&) {
      return 0;  // nothing listening, or the connection broke
    }
  }

  void SendLoop() {
    std::unique_lock lock(mu);
    for (;;) {
      webhooks_changed.wait(lock, [this] { return stopping || !webhook_queue.empty(); });
      if (stopping) return;
      std::string event = std::move(webhook_queue.front());
      webhook_queue.pop_front();
      const std::string url = options.auto_webhook_url;
      const std::string secret = options.webhook_secret;
      last_event = event;
      sending = true;
      lock.unlock();
      const int status = url.empty() ? 0 : Post(url, event, payments::SignWebhook(event, secret, NowUnix()));
      lock.lock();
      sending = false;
      webhook_statuses.push_back(status);
      webhooks_changed.notify_all();
    }
  }
};

namespace {

net::awaitable<void> Serve(FakeStripe::State& state, tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(1024 * 1024);
    stream.expires_after(std::chrono::seconds(30));
    auto [read_error, read_bytes] =
        co_await http::async_read(stream, buffer, parser, net::as_tuple(net::use_awaitable));
    if (read_error) break;
    http::request<http::string_body> req = parser.release();
    Answer answer = state.Handle(req);
    if (answer.delay.count() > 0) {
      net::steady_timer timer(stream.get_executor(), answer.delay);
      co_await timer.async_wait(net::as_tuple(net::use_awaitable));
    }
    http::response<http::string_body> res{static_cast<http::status>(answer.status), req.version()};
    res.set(http::field::content_type, "application/json");
    res.set(http::field::server, "fake-stripe");
    res.set("Request-Id", "req_fake");
    if (answer.replayed) res.set("Idempotent-Replayed", "true");
    res.keep_alive(req.keep_alive());
    res.body() = std::move(answer.body);
    res.prepare_payload();
    stream.expires_after(std::chrono::seconds(30));
    auto [write_error, write_bytes] =
        co_await http::async_write(stream, res, net::as_tuple(net::use_awaitable));
    if (write_error || !res.keep_alive()) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

net::awaitable<void> Accept(FakeStripe::State& state) {
  for (;;) {
    auto [error, socket] = co_await state.acceptor.async_accept(net::as_tuple(net::use_awaitable));
    if (error == net::error::operation_aborted || !state.acceptor.is_open()) co_return;
    if (error) continue;
    net::co_spawn(state.ioc, Serve(state, std::move(socket)), net::detached);
  }
}

}  // namespace

FakeStripe::FakeStripe(FakeStripeOptions options) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.options = std::move(options);
  std::random_device random;
  char tag[16];
  std::snprintf(tag, sizeof tag, "Fk%08x", static_cast<unsigned>(random()));
  s.id_tag = tag;

  const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), 0);
  s.acceptor.open(endpoint.protocol());
  s.acceptor.set_option(net::socket_base::reuse_address(true));
  s.acceptor.bind(endpoint);
  s.acceptor.listen();
  s.port = s.acceptor.local_endpoint().port();
  net::co_spawn(s.ioc, Accept(s), net::detached);
  s.io_thread = std::thread([&s] { s.ioc.run(); });
  s.sender = std::thread([&s] { s.SendLoop(); });
}

FakeStripe::~FakeStripe() {
  State& s = *state_;
  {
    std::lock_guard lock(s.mu);
    s.stopping = true;
  }
  s.webhooks_changed.notify_all();
  s.sender.join();
  s.ioc.stop();
  s.io_thread.join();
}

std::uint16_t FakeStripe::Port() const { return state_->port; }
std::string FakeStripe::BaseUrl() const { return "http://127.0.0.1:" + std::to_string(state_->port); }
const std::string& FakeStripe::SecretKey() const { return state_->options.secret_key; }
const std::string& FakeStripe::WebhookSecret() const { return state_->options.webhook_secret; }

payments::StripeConfig FakeStripe::ClientConfig(long timeout_ms) const {
  payments::StripeConfig cfg;
  cfg.api_base = BaseUrl();
  cfg.secret_key = SecretKey();
  cfg.timeout_ms = timeout_ms;
  return cfg;
}

int FakeStripe::IntentsCreated() const {
  std::lock_guard lock(state_->mu);
  return state_->intents_created;
}

int FakeStripe::RefundsCreated() const {
  std::lock_guard lock(state_->mu);
  return state_->refunds_created;
}

int FakeStripe::RequestCount() const {
  std::lock_guard lock(state_->mu);
  return state_->requests;
}

std::map<std::string, std::string> FakeStripe::LastRequestHeaders() const {
  std::lock_guard lock(state_->mu);
  return state_->last_headers;
}

std::string FakeStripe::LastRequestHeader(const std::string& lower_case_name) const {
  std::lock_guard lock(state_->mu);
  auto it = state_->last_headers.find(lower_case_name);
  return it == state_->last_headers.end() ? std::string() : it->second;
}

std::string FakeStripe::LastRequestLine() const {
  std::lock_guard lock(state_->mu);
  return state_->last_line;
}

std::string FakeStripe::LastRequestBody() const {
  std::lock_guard lock(state_->mu);
  return state_->last_body;
}

std::optional<FakeIntent> FakeStripe::Intent(const std::string& payment_intent_id) const {
  std::lock_guard lock(state_->mu);
  auto it = state_->intents.find(payment_intent_id);
  if (it == state_->intents.end()) return std::nullopt;
  return it->second;
}

void FakeStripe::FailWith(int status) {
  std::lock_guard lock(state_->mu);
  state_->fail_status = status;
}

void FakeStripe::StallFor(std::chrono::milliseconds delay) {
  std::lock_guard lock(state_->mu);
  state_->stall = delay;
}

std::optional<FakeSession> FakeStripe::Session(const std::string& session_id) const {
  std::lock_guard lock(state_->mu);
  auto it = state_->sessions.find(session_id);
  if (it == state_->sessions.end()) return std::nullopt;
  return it->second;
}

int FakeStripe::SessionsCreated() const {
  std::lock_guard lock(state_->mu);
  return state_->sessions_created;
}

std::string FakeStripe::CompleteCheckout(const std::string& session_id, CheckoutOutcome outcome) {
  std::lock_guard lock(state_->mu);
  auto it = state_->sessions.find(session_id);
  if (it == state_->sessions.end() || it->second.status != "open") return {};
  FakeSession& cs = it->second;
  FakeIntent pi;
  pi.id = state_->NextId("pi");
  pi.amount = cs.amount_total;
  pi.currency = cs.currency;
  pi.created = NowUnix();
  pi.status = outcome == CheckoutOutcome::kPaid ? "succeeded" : "processing";
  if (outcome == CheckoutOutcome::kPaid) pi.charge_id = state_->NextId("ch");
  state_->intents[pi.id] = pi;
  cs.payment_intent = pi.id;
  cs.status = "complete";
  cs.payment_status = outcome == CheckoutOutcome::kPaid ? "paid" : "unpaid";
  state_->QueueWebhookLocked("checkout.session.completed", cs.id);
  std::string url = cs.success_url;
  if (auto at = url.find("{CHECKOUT_SESSION_ID}"); at != std::string::npos) url.replace(at, 21, cs.id);
  return url;
}

void FakeStripe::SettleAsync(const std::string& session_id, bool succeeded) {
  std::lock_guard lock(state_->mu);
  auto it = state_->sessions.find(session_id);
  if (it == state_->sessions.end()) return;
  FakeSession& cs = it->second;
  cs.payment_status = succeeded ? "paid" : "unpaid";
  FakeIntent& pi = state_->intents[cs.payment_intent];
  pi.status = succeeded ? "succeeded" : "requires_payment_method";
  if (succeeded) pi.charge_id = state_->NextId("ch");
  state_->QueueWebhookLocked(succeeded ? "checkout.session.async_payment_succeeded"
                                       : "checkout.session.async_payment_failed", cs.id);
}

void FakeStripe::ExpireSession(const std::string& session_id) {
  std::lock_guard lock(state_->mu);
  auto it = state_->sessions.find(session_id);
  if (it == state_->sessions.end() || it->second.status != "open") return;
  it->second.status = "expired";
  state_->QueueWebhookLocked("checkout.session.expired", session_id);
}

std::string FakeStripe::BuildEvent(const std::string& type, const std::string& payment_intent_id) {
  std::lock_guard lock(state_->mu);
  return state_->EventLocked(type, payment_intent_id);
}

int FakeStripe::SendWebhook(const std::string& url, const std::string& type,
                            const std::string& payment_intent_id, std::int64_t timestamp) {
  return SendEvent(url, BuildEvent(type, payment_intent_id), timestamp);
}

int FakeStripe::SendEvent(const std::string& url, const std::string& event_json, std::int64_t timestamp) {
  {
    std::lock_guard lock(state_->mu);
    state_->last_event = event_json;
  }
  const std::int64_t t = timestamp != 0 ? timestamp : NowUnix();
  return state_->Post(url, event_json, payments::SignWebhook(event_json, state_->options.webhook_secret, t));
}

int FakeStripe::SendSigned(const std::string& url, const std::string& body,
                           const std::string& signature_header) {
  return state_->Post(url, body, signature_header);
}

std::string FakeStripe::LastEventJson() const {
  std::lock_guard lock(state_->mu);
  return state_->last_event;
}

void FakeStripe::SetAutoWebhookUrl(std::string url) {
  std::lock_guard lock(state_->mu);
  state_->options.auto_webhook_url = std::move(url);
}

void FakeStripe::WaitForWebhooks() {
  std::unique_lock lock(state_->mu);
  state_->webhooks_changed.wait_for(lock, std::chrono::seconds(30), [this] {
    return state_->webhook_queue.empty() && !state_->sending;
  });
}

std::vector<int> FakeStripe::AutoWebhookStatuses() const {
  std::lock_guard lock(state_->mu);
  return state_->webhook_statuses;
}

}  // namespace moderno::testing
