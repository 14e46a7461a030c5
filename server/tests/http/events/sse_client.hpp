#pragma once
// A raw Server-Sent Events client for tests: a real socket, Beast's parser (chunked bodies), and
// a deadline on every read, so a test never hangs on a stream.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace moderno::testing {

struct SseEvent {
  std::string id, event, data;
};

class SseClient {
 public:
  using Headers = std::vector<std::pair<std::string, std::string>>;

  // Connects and sends GET `target`; reads the response head (and the whole body when the
  // answer is not a stream). `receive_buffer` > 0 shrinks the socket's receive buffer.
  SseClient(std::uint16_t port, const std::string& target, const Headers& headers = {},
            int receive_buffer = 0) {
    namespace net = boost::asio;
    auto& sock = stream_.socket();
    sock.open(net::ip::tcp::v4());
    if (receive_buffer > 0) sock.set_option(net::socket_base::receive_buffer_size(receive_buffer));
    stream_.expires_after(std::chrono::seconds(10));
    stream_.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    namespace bhttp = boost::beast::http;
    bhttp::request<bhttp::empty_body> req{bhttp::verb::get, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.set(bhttp::field::accept, "text/event-stream");
    for (const auto& [k, v] : headers) req.set(k, v);
    bhttp::write(stream_, req);
    parser_.body_limit(boost::none);
    bool done = false;
    boost::beast::error_code ec;
    stream_.expires_after(std::chrono::seconds(10));
    bhttp::async_read_header(stream_, buffer_, parser_, [&](boost::beast::error_code e, std::size_t) {
      ec = e;
      done = true;
    });
    ioc_.run();
    ioc_.restart();
    if (!done || ec) throw std::runtime_error("SSE head: " + ec.message());
    status = static_cast<int>(parser_.get().result_int());
    for (const auto& f : parser_.get()) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      headers_[name] = std::string(f.value());
    }
    if (status != 200) ReadUntil([](const std::string&) { return false; }, std::chrono::seconds(5));
  }
  ~SseClient() {
    boost::beast::error_code ec;
    stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
  }

  // Reads until `done(body so far)` is true (true), or the deadline passes or the stream ends
  // (false).
  bool ReadUntil(const std::function<bool(const std::string&)>& done, std::chrono::milliseconds deadline) {
    namespace bhttp = boost::beast::http;
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (true) {
      if (done(body())) return true;
      if (closed) return false;
      const auto left = until - std::chrono::steady_clock::now();
      if (left <= std::chrono::milliseconds(0)) return false;
      boost::beast::error_code ec;
      bool finished = false;
      // No stream timeout (it would close the socket): wait up to the deadline, then cancel the
      // read, which leaves the parser as it was.
      stream_.expires_never();
      bhttp::async_read_some(stream_, buffer_, parser_, [&](boost::beast::error_code e, std::size_t) {
        ec = e;
        finished = true;
      });
      ioc_.run_for(left);
      if (!finished) {
        stream_.socket().cancel();
        ioc_.run();
      }
      ioc_.restart();
      if (ec == boost::asio::error::operation_aborted) return done(body());
      if (ec || parser_.is_done()) closed = true;
    }
  }
  // Reads until the body contains `needle`.
  bool WaitFor(const std::string& needle, std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
    return ReadUntil([&](const std::string& b) { return b.find(needle) != std::string::npos; }, deadline);
  }
  // Reads until the server ends the stream.
  bool WaitClosed(std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
    ReadUntil([](const std::string&) { return false; }, deadline);
    return closed;
  }
  // Reads for a while, collecting whatever arrives.
  void Drain(std::chrono::milliseconds duration) {
    ReadUntil([](const std::string&) { return false; }, duration);
  }

  const std::string& body() const { return parser_.get().body(); }
  void Clear() { parser_.get().body().clear(); }
  std::string Header(const std::string& name) const {
    auto it = headers_.find(name);
    return it == headers_.end() ? "" : it->second;
  }

  // The complete events read so far, in order (comments and retry: lines skipped).
  std::vector<SseEvent> Events() const {
    std::vector<SseEvent> out;
    const std::string& b = body();
    std::size_t at = 0;
    while (true) {
      const auto end = b.find("\n\n", at);
      if (end == std::string::npos) break;
      SseEvent e;
      std::size_t line = at;
      while (line < end) {
        const auto nl = b.find('\n', line);
        const std::string l = b.substr(line, std::min(nl, end) - line);
        if (l.starts_with("id: ")) e.id = l.substr(4);
        if (l.starts_with("event: ")) e.event = l.substr(7);
        if (l.starts_with("data: ")) e.data += l.substr(6);
        line = std::min(nl, end) + 1;
      }
      if (!e.event.empty()) out.push_back(e);
      at = end + 2;
    }
    return out;
  }

  int status = 0;
  bool closed = false;

 private:
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_{ioc_};
  boost::beast::flat_buffer buffer_;
  boost::beast::http::response_parser<boost::beast::http::string_body> parser_;
  std::map<std::string, std::string> headers_;
};

}  // namespace moderno::testing
