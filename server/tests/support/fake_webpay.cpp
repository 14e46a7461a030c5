// The fake Webpay: a Beast server on one io_context thread, a coroutine per connection.
#include "fake_webpay.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <cstdio>
#include <mutex>
#include <random>
#include <thread>

namespace moderno::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = net::ip::tcp;

namespace {

constexpr std::string_view kApi = "/rswebpaytransaction/api/webpay/v1.2/transactions";

struct Answer {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::string location;
  bool drop = false;  // close without answering
};

Answer Error(int status, const std::string& message) {
  return {status, json::serialize(json::object{{"error_message", message}})};
}

std::string Decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::map<std::string, std::string> Form(std::string_view body) {
  std::map<std::string, std::string> out;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    const auto eq = pair.find('=');
    if (!pair.empty()) out[Decode(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : Decode(pair.substr(eq + 1));
  }
  return out;
}

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

std::string UrlEncode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

json::object TransactionJson(const FakeWebpayTransaction& t) {
  json::object o{{"vci", t.committed && t.response_code == 0 ? "TSY" : ""},
                 {"amount", t.amount},
                 {"status", t.status == "ABORTED" ? "INITIALIZED" : t.status},
                 {"buy_order", t.buy_order},
                 {"session_id", t.session_id},
                 {"card_detail", json::object{{"card_number", t.card_number}}},
                 {"accounting_date", "1207"},
                 {"transaction_date", "2026-12-07T12:00:00.000Z"},
                 {"authorization_code", t.authorization_code},
                 {"payment_type_code", t.payment_type_code},
                 {"response_code", t.response_code},
                 {"installments_number", t.installments_number}};
  if (t.status != "INITIALIZED" && t.status != "ABORTED") o["balance"] = t.balance;
  return o;
}

}  // namespace

struct FakeWebpay::State {
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::uint16_t port = 0;
  std::thread io_thread;
  mutable std::mutex mu;
  std::map<std::string, FakeWebpayTransaction> ledger;
  std::mt19937_64 random{std::random_device{}()};
  int fail_status = 0;
  bool drop_next_commit = false;
  int commits = 0, commit_requests = 0, refund_requests = 0;
  std::map<std::string, std::string> last_headers;

  std::string BaseUrl() const { return "http://127.0.0.1:" + std::to_string(port); }

  std::string NewToken() {
    char text[65];
    std::snprintf(text, sizeof text, "%016llx%016llx%016llx%016llx", static_cast<unsigned long long>(random()),
                  static_cast<unsigned long long>(random()), static_cast<unsigned long long>(random()),
                  static_cast<unsigned long long>(random()));
    return text;
  }

  Answer Create(const std::string& body) {
    boost::system::error_code ec;
    auto v = json::parse(body, ec);
    if (ec || !v.is_object()) return Error(400, "Invalid JSON");
    const auto& o = v.as_object();
    auto text = [&](const char* key, std::size_t max) -> std::optional<std::string> {
      auto it = o.find(key);
      if (it == o.end() || !it->value().is_string() || it->value().as_string().empty() ||
          it->value().as_string().size() > max) return std::nullopt;
      return std::string(it->value().as_string());
    };
    auto buy_order = text("buy_order", 26), session = text("session_id", 61), return_url = text("return_url", 256);
    auto amount = o.find("amount");
    if (!buy_order) return Error(422, "buy_order is required and is at most 26 characters");
    if (!session) return Error(422, "session_id is required and is at most 61 characters");
    if (!return_url) return Error(422, "return_url is required and is at most 256 characters");
    // Pesos have no decimals: an amount must be a positive whole number.
    if (amount == o.end() || !amount->value().is_int64() || amount->value().as_int64() <= 0) {
      return Error(422, "amount must be a positive integer (CLP)");
    }
    FakeWebpayTransaction t;
    t.token = NewToken();
    t.buy_order = *buy_order;
    t.session_id = *session;
    t.return_url = *return_url;
    t.amount = t.balance = amount->value().as_int64();
    t.status = "INITIALIZED";
    ledger[t.token] = t;
    return {200, json::serialize(json::object{{"token", t.token}, {"url", BaseUrl() + "/webpayserver/initTransaction"}})};
  }

  Answer Commit(const std::string& token) {
    ++commit_requests;
    auto it = ledger.find(token);
    if (it == ledger.end()) return Error(422, "Transaction not found");
    FakeWebpayTransaction& t = it->second;
    if (t.committed) return Error(422, "Invalid status '" + t.status + "' for transaction while authorizing");
    if (t.choice != "approve" && t.choice != "reject") {
      return Error(422, "Invalid status 'INITIALIZED' for transaction while authorizing");
    }
    t.committed = true;
    if (t.choice == "approve") {
      t.status = "AUTHORIZED";
      t.response_code = 0;
      t.authorization_code = std::to_string(100000 + random() % 900000);
    } else {
      t.status = "FAILED";
      t.response_code = -1;
    }
    ++commits;
    Answer a{200, json::serialize(TransactionJson(t))};
    a.drop = std::exchange(drop_next_commit, false);
    return a;
  }

  Answer Refund(const std::string& token, const std::string& body) {
    ++refund_requests;
    auto it = ledger.find(token);
    if (it == ledger.end()) return Error(422, "Transaction not found");
    FakeWebpayTransaction& t = it->second;
    boost::system::error_code ec;
    auto v = json::parse(body, ec);
    if (ec || !v.is_object() || !v.as_object().contains("amount") || !v.as_object().at("amount").is_int64()) {
      return Error(422, "amount must be a positive integer");
    }
    const std::int64_t amount = v.as_object().at("amount").as_int64();
    if (t.status != "AUTHORIZED" && t.status != "PARTIALLY_NULLIFIED") {
      return Error(422, "Invalid status '" + t.status + "' for transaction while refunding");
    }
    if (amount <= 0 || amount > t.balance) return Error(422, "Amount to refund is bigger than the balance");
    t.refunds.push_back(amount);
    t.balance -= amount;
    // The whole amount at once (the same day) is a reversal; anything else a nullification.
    if (t.refunds.size() == 1 && amount == t.amount) {
      t.status = "REVERSED";
      return {200, json::serialize(json::object{{"type", "REVERSED"}})};
    }
    t.status = t.balance == 0 ? "NULLIFIED" : "PARTIALLY_NULLIFIED";
    return {200, json::serialize(json::object{{"type", "NULLIFIED"},
                                              {"authorization_code", std::to_string(200000 + random() % 700000)},
                                              {"authorization_date", "2026-12-07T12:00:00.000Z"},
                                              {"nullified_amount", amount},
                                              {"balance", t.balance},
                                              {"response_code", 0}})};
  }

  Answer Api(const http::request<http::string_body>& req, std::string_view rest) {
    last_headers.clear();
    for (const auto& f : req) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      last_headers[name] = std::string(f.value());
    }
    if (fail_status) return Error(fail_status, "Service unavailable");
    if (req["Tbk-Api-Key-Id"] != kCommerceCode || req["Tbk-Api-Key-Secret"] != kApiKey) {
      return Error(401, "Not Authorized");
    }
    const auto method = req.method();
    if (rest.empty() && method == http::verb::post) return Create(req.body());
    if (rest.starts_with("/")) rest.remove_prefix(1);
    const auto slash = rest.find('/');
    const std::string token(rest.substr(0, slash));
    if (slash != std::string_view::npos && rest.substr(slash) == "/refunds" && method == http::verb::post) {
      return Refund(token, req.body());
    }
    if (slash != std::string_view::npos || token.empty()) return Error(404, "Not found");
    if (method == http::verb::put) return Commit(token);
    if (method == http::verb::get) {
      auto it = ledger.find(token);
      if (it == ledger.end()) return Error(422, "Transaction not found");
      return {200, json::serialize(TransactionJson(it->second))};
    }
    return Error(405, "Method not allowed");
  }

  WebpayReturn Choose(const std::string& token, WebpayChoice choice, const std::string& type, int installments) {
    auto it = ledger.find(token);
    if (it == ledger.end()) return {};
    FakeWebpayTransaction& t = it->second;
    WebpayReturn r{t.return_url, "POST", {{"token_ws", token}}};
    if (t.committed || !t.choice.empty()) return r;  // the form is gone: back with the token
    switch (choice) {
      case WebpayChoice::kApprove:
      case WebpayChoice::kReject:
        t.choice = choice == WebpayChoice::kApprove ? "approve" : "reject";
        t.payment_type_code = type;
        t.installments_number = installments;
        t.card_number = type == "VD" ? "4051" : "6623";
        return r;
      case WebpayChoice::kAbort:
      case WebpayChoice::kTimeout:
        t.choice = choice == WebpayChoice::kAbort ? "abort" : "timeout";
        t.status = "ABORTED";
        r.fields = {{"TBK_TOKEN", token}, {"TBK_ORDEN_COMPRA", t.buy_order}, {"TBK_ID_SESION", t.session_id}};
        if (choice == WebpayChoice::kTimeout) r.fields.insert(r.fields.begin(), {"token_ws", token});
        r.method = choice == WebpayChoice::kAbort ? "GET" : "POST";
        return r;
    }
    return r;
  }

  // The payment form: the amount and buy order, three buttons.
  Answer Page(const std::string& token) {
    auto it = ledger.find(token);
    if (it == ledger.end()) return {404, "<!doctype html><p>Transacción no encontrada</p>", "text/html; charset=utf-8"};
    const auto& t = it->second;
    std::string html = "<!doctype html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>Webpay (simulado)</title></head>"
                       "<body><h1>Webpay Plus (simulado)</h1><p>Orden de compra <b id=\"buy-order\">" + Escape(t.buy_order) +
                       "</b></p><p>Monto <b id=\"amount\">$" + std::to_string(t.amount) + "</b></p>"
                       "<form method=\"post\" action=\"/webpayserver/pay\"><input type=\"hidden\" name=\"token_ws\" value=\"" +
                       Escape(token) + "\"><label>Tipo de pago <select name=\"payment_type\"><option value=\"VN\">Crédito</option>"
                       "<option value=\"VD\">Débito</option><option value=\"VC\">Crédito en cuotas</option></select></label>"
                       "<button name=\"action\" value=\"approve\">Pagar</button>"
                       "<button name=\"action\" value=\"reject\">Rechazar</button>"
                       "<button name=\"action\" value=\"abort\">Anular compra y volver al comercio</button></form></body></html>";
    return {200, html, "text/html; charset=utf-8"};
  }

  // A button of the form: back to the shop as Webpay does it.
  Answer Pay(const std::string& body) {
    auto form = Form(body);
    const std::string& action = form["action"];
    const WebpayChoice choice = action == "approve" ? WebpayChoice::kApprove
                                : action == "reject" ? WebpayChoice::kReject : WebpayChoice::kAbort;
    const std::string type = form["payment_type"].empty() ? "VN" : form["payment_type"];
    WebpayReturn r = Choose(form["token_ws"], choice, type, type == "VC" ? 3 : 0);
    if (r.url.empty()) return {404, "<!doctype html><p>Transacción no encontrada</p>", "text/html; charset=utf-8"};
    if (r.method == "GET") {
      std::string url = r.url + (r.url.find('?') == std::string::npos ? "?" : "&");
      for (std::size_t i = 0; i < r.fields.size(); ++i) {
        url += (i ? "&" : "") + r.fields[i].first + "=" + UrlEncode(r.fields[i].second);
      }
      Answer a{303, "", "text/plain"};
      a.location = url;
      return a;
    }
    std::string html = "<!doctype html><html><body><form id=\"back\" method=\"post\" action=\"" + Escape(r.url) + "\">";
    for (const auto& [k, v] : r.fields) html += "<input type=\"hidden\" name=\"" + k + "\" value=\"" + Escape(v) + "\">";
    html += "<button>Volver al comercio</button></form><script>document.getElementById('back').submit()</script></body></html>";
    return {200, html, "text/html; charset=utf-8"};
  }

  Answer Handle(const http::request<http::string_body>& req) {
    std::lock_guard lock(mu);
    const std::string_view target = req.target();
    if (target.starts_with(kApi)) return Api(req, target.substr(kApi.size()));
    if (target == "/webpayserver/initTransaction") return Page(Form(req.body())["token_ws"]);
    if (target == "/webpayserver/pay" && req.method() == http::verb::post) return Pay(req.body());
    return Error(404, "Not found");
  }
};

namespace {

net::awaitable<void> Serve(FakeWebpay::State& state, tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(64 * 1024);
    stream.expires_after(std::chrono::seconds(30));
    auto [read_error, read_bytes] = co_await http::async_read(stream, buffer, parser, net::as_tuple(net::use_awaitable));
    if (read_error) break;
    http::request<http::string_body> req = parser.release();
    Answer answer = state.Handle(req);
    if (answer.drop) break;
    http::response<http::string_body> res{static_cast<http::status>(answer.status), req.version()};
    res.set(http::field::content_type, answer.content_type);
    res.set(http::field::server, "fake-webpay");
    if (!answer.location.empty()) res.set(http::field::location, answer.location);
    res.keep_alive(req.keep_alive());
    res.body() = std::move(answer.body);
    res.prepare_payload();
    auto [write_error, write_bytes] = co_await http::async_write(stream, res, net::as_tuple(net::use_awaitable));
    if (write_error || !res.keep_alive()) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

net::awaitable<void> Accept(FakeWebpay::State& state) {
  for (;;) {
    auto [error, socket] = co_await state.acceptor.async_accept(net::as_tuple(net::use_awaitable));
    if (error == net::error::operation_aborted || !state.acceptor.is_open()) co_return;
    if (error) continue;
    net::co_spawn(state.ioc, Serve(state, std::move(socket)), net::detached);
  }
}

}  // namespace

FakeWebpay::FakeWebpay(std::uint16_t port) : state_(std::make_unique<State>()) {
  State& s = *state_;
  const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
  s.acceptor.open(endpoint.protocol());
  s.acceptor.set_option(net::socket_base::reuse_address(true));
  s.acceptor.bind(endpoint);
  s.acceptor.listen();
  s.port = s.acceptor.local_endpoint().port();
  net::co_spawn(s.ioc, Accept(s), net::detached);
  s.io_thread = std::thread([&s] { s.ioc.run(); });
}

FakeWebpay::~FakeWebpay() {
  state_->ioc.stop();
  state_->io_thread.join();
}

std::uint16_t FakeWebpay::Port() const { return state_->port; }
std::string FakeWebpay::BaseUrl() const { return state_->BaseUrl(); }

WebpayReturn FakeWebpay::Choose(const std::string& token, WebpayChoice choice, const std::string& payment_type,
                                int installments) {
  std::lock_guard lock(state_->mu);
  return state_->Choose(token, choice, payment_type, installments);
}

void FakeWebpay::DropNextCommitAnswer() {
  std::lock_guard lock(state_->mu);
  state_->drop_next_commit = true;
}

void FakeWebpay::FailWith(int status) {
  std::lock_guard lock(state_->mu);
  state_->fail_status = status;
}

std::optional<FakeWebpayTransaction> FakeWebpay::Transaction(const std::string& token) const {
  std::lock_guard lock(state_->mu);
  auto it = state_->ledger.find(token);
  if (it == state_->ledger.end()) return std::nullopt;
  return it->second;
}

int FakeWebpay::Commits() const {
  std::lock_guard lock(state_->mu);
  return state_->commits;
}

int FakeWebpay::CommitRequests() const {
  std::lock_guard lock(state_->mu);
  return state_->commit_requests;
}

int FakeWebpay::RefundRequests() const {
  std::lock_guard lock(state_->mu);
  return state_->refund_requests;
}

std::string FakeWebpay::LastRequestHeader(const std::string& name) const {
  std::lock_guard lock(state_->mu);
  auto it = state_->last_headers.find(name);
  return it == state_->last_headers.end() ? std::string() : it->second;
}

}  // namespace moderno::testing
