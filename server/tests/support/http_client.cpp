#include "http_client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace moderno::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct HttpClient::Impl {
  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
};

namespace {
HttpResult Convert(http::response<http::string_body>& res) {
  HttpResult out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(f.value());
  }
  out.body = std::move(res.body());
  return out;
}

HttpResult ReadOne(HttpClient::Impl& impl, bool head = false) {
  http::response_parser<http::string_body> parser;
  parser.body_limit(256 * 1024 * 1024);
  parser.skip(head);
  impl.stream.expires_after(std::chrono::seconds(30));
  http::read(impl.stream, impl.buffer, parser);
  return Convert(parser.get());
}
}  // namespace

HttpClient::HttpClient(std::uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
}

HttpClient::~HttpClient() {
  beast::error_code ec;
  impl_->stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
}

HttpResult HttpClient::Request(const std::string& method, const std::string& target,
                               const std::vector<std::pair<std::string, std::string>>& headers,
                               const std::string& body) {
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [k, v] : headers) req.set(k, v);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    req.body() = body;
    if (req[http::field::content_type].empty()) req.set(http::field::content_type, "application/json");
    req.prepare_payload();
  }
  impl_->stream.expires_after(std::chrono::seconds(30));
  http::write(impl_->stream, req);
  return ReadOne(*impl_, method == "HEAD");
}

HttpResult HttpClient::Raw(const std::string& bytes) { return RawMany(bytes, 1).front(); }

std::vector<HttpResult> HttpClient::RawMany(const std::string& bytes, int n) {
  net::write(impl_->stream.socket(), net::buffer(bytes));
  std::vector<HttpResult> out;
  for (int i = 0; i < n; ++i) out.push_back(ReadOne(*impl_));
  return out;
}

bool HttpClient::ServerClosed() {
  beast::error_code ec;
  char c;
  impl_->stream.expires_after(std::chrono::seconds(5));
  impl_->stream.read_some(net::buffer(&c, 1), ec);
  return ec == net::error::eof || ec == net::error::connection_reset;
}

}  // namespace moderno::testing
