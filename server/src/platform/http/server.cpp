#include "platform/http/server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <array>
#include <mutex>
#include <set>
#include <thread>

#include "platform/log/log.hpp"

namespace moderno::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

class Session;

namespace {
// What one read of a connection asks for at most (as Beast's own reads do).
constexpr std::size_t kReadSize = 65536;

// True when the body's length can be read only one way: at most one Content-Length (a single
// number) and no Transfer-Encoding, or a Transfer-Encoding of exactly "chunked" and no
// Content-Length. Anything else is how requests are smuggled past a proxy that reads the
// framing differently (RFC 9112 section 6.3), and is refused.
bool UnambiguousFraming(const bhttp::request<bhttp::string_body>& msg) {
  const auto lengths = msg.count(bhttp::field::content_length);
  const auto codings = msg.count(bhttp::field::transfer_encoding);
  if (codings == 0) {
    return lengths <= 1 && msg[bhttp::field::content_length].find(',') == std::string_view::npos;
  }
  if (lengths > 0 || codings > 1) return false;
  std::string_view coding = msg[bhttp::field::transfer_encoding];
  while (!coding.empty() && (coding.front() == ' ' || coding.front() == '\t')) coding.remove_prefix(1);
  while (!coding.empty() && (coding.back() == ' ' || coding.back() == '\t')) coding.remove_suffix(1);
  return beast::iequals(coding, "chunked");
}
}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, const Pipeline& p)
      : options(std::move(o)), pipeline(p), workers(options.workers) {}

  void Accept();
  void BeginStop();

  ServerOptions options;
  const Pipeline& pipeline;
  net::io_context ioc;
  // Accepting, stopping and the stop timer all run on this strand, so they never race.
  net::strand<net::io_context::executor_type> control{ioc.get_executor()};
  tcp::acceptor acceptor{control};
  net::signal_set signals{control};
  net::signal_set hangup{control};
  void AwaitHangup();
  net::thread_pool workers;
  std::atomic<bool> stopping{false};
  std::atomic<int> open{0};
  std::atomic<int> queued{0};  // requests waiting for a worker
  std::mutex sessions_mu;
  std::set<std::weak_ptr<Session>, std::owner_less<std::weak_ptr<Session>>> sessions;
  std::unique_ptr<net::steady_timer> force_timer;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server) {
    ++server_.open;
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ip_ = ep.address().to_string();
  }
  ~Session() {
    if (--server_.open == 0 && server_.stopping) {
      net::post(server_.control, [&s = server_] {
        if (s.force_timer) s.force_timer->cancel();
      });
    }
  }

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

  // Called at shutdown: an idle connection closes now, a busy one after its response, a
  // stream at once (after the chunk being written).
  void Shutdown() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      self->closing_ = true;
      if (self->streaming_) {
        if (!self->writing_) self->FinishStream();
        return;
      }
      if (self->idle_) self->Close();
    });
  }

 private:
  void ReadHeader() {
    if (closing_ || server_.stopping) return Close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    // Until the request line is known, the largest limit of any route; OnHeader narrows it.
    parser_->body_limit(server_.pipeline.MaxBodyLimit(server_.options.body_limit));
    body_limit_ = server_.options.body_limit;
    idle_ = buffer_.size() == 0;
    if (!idle_) return ReadRestOfHeader();  // a pipelined request has started already
    // An idle connection waits up to idle_timeout for the next request's first bytes; the
    // header timeout runs from then, so a client trickling its headers cannot hold it longer.
    stream_.expires_after(server_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(beast::read_size(buffer_, kReadSize)),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->buffer_.commit(n);
                              self->idle_ = false;
                              if (ec) return self->OnReadError(ec);
                              self->ReadRestOfHeader();
                            });
  }

  void ReadRestOfHeader() {
    stream_.expires_after(server_.options.header_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, std::size_t) {
                               self->OnHeader(ec);
                             });
  }

  void OnHeader(beast::error_code ec) {
    idle_ = false;
    start_ = Clock::now();
    if (ec) return OnReadError(ec);
    // A target over its own limit is refused like headers over theirs (answered 414).
    if (parser_->get().target().size() > server_.options.target_limit) return OnReadError(bhttp::error::header_limit);
    if (!UnambiguousFraming(parser_->get())) return OnReadError(bhttp::error::bad_transfer_encoding);
    // The route's own body limit (uploads take more than the server's default).
    body_limit_ = server_.pipeline.BodyLimit(parser_->get().method_string(), parser_->get().target(),
                                              server_.options.body_limit);
    if (auto length = parser_->content_length(); length && *length > body_limit_) {
      return OnReadError(bhttp::error::body_limit);
    }
    parser_->body_limit(body_limit_);
    stream_.expires_after(server_.options.read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code read_ec, std::size_t) {
                        self->OnRequest(read_ec);
                      });
  }

  void OnReadError(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset ||
        ec == net::error::eof) {
      return Close();
    }
    Request req;
    req.request_id = NewRequestId();
    req.remote_ip = remote_ip_;
    if (parser_ && parser_->is_header_done()) {
      req.method = std::string(parser_->get().method_string());
      req.target = std::string(parser_->get().target());
      req.path = req.target.substr(0, req.target.find('?'));
      body_limit_ = server_.pipeline.BodyLimit(req.method, req.target, server_.options.body_limit);
    }
    keep_alive_ = false;
    if (ec == bhttp::error::body_limit) {
      return Send(server_.pipeline.Reject(
          req, Errc::kPayloadTooLarge, 413,
          "The request body exceeds " + std::to_string(body_limit_) + " bytes.",
          start_));
    }
    // Over the limit before the request line ended, or with a target over its own limit: the
    // target is what is too long.
    const std::size_t target_size = parser_ ? parser_->get().target().size() : 0;
    if (ec == bhttp::error::header_limit &&
        (target_size == 0 || target_size > server_.options.target_limit)) {
      req.target.clear();  // not echoed in the problem's instance
      req.path.clear();
      return Send(server_.pipeline.Reject(
          req, Errc::kPayloadTooLarge, 414,
          "The request target exceeds " + std::to_string(server_.options.target_limit) + " bytes.", start_));
    }
    if (ec == bhttp::error::header_limit) {
      return Send(server_.pipeline.Reject(req, Errc::kPayloadTooLarge, 431,
                                          "The request headers are too large.", start_));
    }
    if (ec == bhttp::error::bad_transfer_encoding || ec == bhttp::error::bad_content_length ||
        ec == bhttp::error::multiple_content_length) {
      return Send(server_.pipeline.Reject(
          req, Errc::kMalformed, 400,
          "The length of the request body is invalid or ambiguous: send one Content-Length, or "
          "Transfer-Encoding: chunked alone.",
          start_));
    }
    Send(server_.pipeline.Reject(req, Errc::kMalformed, 400,
                                 "The request is not valid HTTP/1.1.", start_));
  }

  void OnRequest(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    auto& msg = parser_->get();
    auto req = std::make_shared<Request>();
    req->method = std::string(msg.method_string());
    req->target = std::string(msg.target());
    req->remote_ip = remote_ip_;
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req->headers.emplace_back(std::move(name), std::string(field.value()));
    }
    req->body = std::move(msg.body());
    auto incoming_id = req->Header("x-request-id");
    req->request_id = incoming_id && IsValidRequestId(*incoming_id) ? std::string(*incoming_id)
                                                                     : NewRequestId();
    keep_alive_ = msg.keep_alive() && !server_.stopping &&
                  ++requests_ < server_.options.max_requests_per_connection;
    head_ = msg.method() == bhttp::verb::head;
    version_ = msg.version();

    if (!ParseTarget(req->target, req->path, req->query)) {
      keep_alive_ = false;
      return Send(server_.pipeline.Reject(*req, Errc::kMalformed, 400,
                                          "The request target is not a valid path.", start_));
    }
    Dispatch dispatch = server_.pipeline.Route(*req);
    if (dispatch.runs == Runs::kInline) {
      Response resp = server_.pipeline.Execute(*req, dispatch);
      server_.pipeline.Finish(*req, resp, start_);
      return Send(std::move(resp));
    }
    if (auto fast = server_.pipeline.Probe(*req, dispatch)) {
      server_.pipeline.Finish(*req, *fast, start_);
      return Send(std::move(*fast));
    }
    if (server_.queued.load() >= server_.options.max_queued_requests) {
      return Send(Overloaded(*req));
    }
    ++server_.queued;
    net::post(server_.workers, [self = shared_from_this(), req, dispatch = std::move(dispatch)] {
      --self->server_.queued;
      if (Clock::now() - self->start_ > self->server_.options.queue_timeout) {
        auto late = std::make_shared<Response>(self->Overloaded(*req));
        net::post(self->stream_.get_executor(), [self, late] { self->Send(std::move(*late)); });
        return;
      }
      auto resp = std::make_shared<Response>(self->server_.pipeline.Execute(*req, dispatch));
      self->server_.pipeline.Finish(*req, *resp, self->start_);
      net::post(self->stream_.get_executor(), [self, resp] { self->Send(std::move(*resp)); });
    });
  }

  Response Overloaded(Request& req) {
    Response r = server_.pipeline.Reject(req, Errc::kUnavailable, 503,
                                         "The server is overloaded; try again shortly.", start_);
    r.Set("Retry-After", "1");
    return r;
  }

  void Send(Response resp) {
    if (resp.stream) {
      if (!head_) return SendStream(std::move(resp));
      resp.stream->Stop(0);  // HEAD: the head only
      resp.stream.reset();
    }
    auto out = std::make_shared<bhttp::response<bhttp::string_body>>();
    out->version(version_);
    out->result(static_cast<unsigned>(resp.status));
    for (auto& [k, v] : resp.headers) out->set(k, v);
    out->set(bhttp::field::server, "moderno");
    out->body() = std::move(resp.body);
    out->keep_alive(keep_alive_ && !closing_);
    out->prepare_payload();
    if (head_) {
      // HEAD: the same headers, Content-Length included, and no body.
      const auto length = out->body().size();
      out->body().clear();
      out->content_length(length);
    }
    stream_.expires_after(server_.options.read_timeout);
    bhttp::async_write(stream_, *out,
                       [self = shared_from_this(), out](beast::error_code ec, std::size_t) {
                         self->AfterWrite(ec, !out->keep_alive());
                       });
  }

  // A streamed body: the head now, then chunks as the source has them. The connection is not
  // reused afterwards. While waiting there is no deadline (the stream is long-lived); each write
  // has read_timeout, so a client that stops reading is cut off; a pending read notices a
  // client that went away.
  void SendStream(Response resp) {
    streaming_ = true;
    source_ = std::move(resp.stream);
    stream_request_id_ = std::string(resp.Get("X-Request-ID").value_or(""));
    stream_start_ = Clock::now();
    chunked_ = version_ >= 11;
    auto out = std::make_shared<bhttp::response<bhttp::empty_body>>();
    out->version(version_);
    out->result(static_cast<unsigned>(resp.status));
    for (auto& [k, v] : resp.headers) out->set(k, v);
    out->set(bhttp::field::server, "moderno");
    out->keep_alive(false);
    if (chunked_) out->chunked(true);
    auto sr = std::make_shared<bhttp::response_serializer<bhttp::empty_body>>(*out);
    stream_.expires_after(server_.options.read_timeout);
    writing_ = true;
    bhttp::async_write_header(stream_, *sr, [self = shared_from_this(), out, sr](beast::error_code ec, std::size_t) {
      self->writing_ = false;
      self->stream_.expires_never();
      if (ec) return self->EndStream();
      self->WatchPeer();
      auto ex = self->stream_.get_executor();
      self->source_->Start([weak = self->weak_from_this(), ex] {
        net::post(ex, [weak] {
          if (auto s = weak.lock()) s->Pump();
        });
      });
      if (self->closing_) return self->FinishStream();
      self->Pump();
    });
  }

  void WatchPeer() {
    stream_.async_read_some(net::buffer(peer_buf_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->EndStream();
      self->WatchPeer();  // anything the client sends on a stream is ignored
    });
  }

  void Pump() {
    if (!streaming_ || writing_ || stream_ended_) return;
    auto next = source_->Next();
    if (!next) return FinishStream();
    if (next->empty()) return ArmHeartbeat();
    WriteChunk(std::move(*next));
  }

  void ArmHeartbeat() {
    heartbeat_.expires_after(source_->HeartbeatInterval());
    heartbeat_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || self->stream_ended_ || self->writing_) return;
      self->WriteChunk(self->source_->Heartbeat());
    });
  }

  void WriteChunk(std::string data) {
    writing_ = true;
    heartbeat_.cancel();
    auto buf = std::make_shared<std::string>(std::move(data));
    stream_bytes_ += buf->size();
    stream_.expires_after(server_.options.read_timeout);
    auto done = [self = shared_from_this(), buf](beast::error_code ec, std::size_t) {
      self->writing_ = false;
      self->stream_.expires_never();
      if (ec || self->stream_ended_) return self->EndStream();
      if (self->closing_) return self->FinishStream();
      self->Pump();
    };
    if (chunked_) {
      net::async_write(stream_, bhttp::make_chunk(net::buffer(*buf)), std::move(done));
    } else {
      net::async_write(stream_, net::buffer(*buf), std::move(done));
    }
  }

  // The normal end: the last chunk, then close.
  void FinishStream() {
    if (stream_ended_ || writing_) return;
    if (!chunked_) return EndStream();
    writing_ = true;
    stream_.expires_after(server_.options.read_timeout);
    net::async_write(stream_, bhttp::make_chunk_last(), [self = shared_from_this()](beast::error_code, std::size_t) {
      self->writing_ = false;
      self->EndStream();
    });
  }

  void EndStream() {
    if (stream_ended_) return;
    stream_ended_ = true;
    heartbeat_.cancel();
    if (source_) source_->Stop(stream_bytes_);
    const double seconds = std::chrono::duration<double>(Clock::now() - stream_start_).count();
    log::Info("stream closed", {{"request_id", stream_request_id_},
                                {"duration_ms", seconds * 1000.0},
                                {"bytes", static_cast<long long>(stream_bytes_)}});
    Close();
  }

  void AfterWrite(beast::error_code ec, bool close) {
    if (ec || close || closing_) return Close();
    ReadHeader();
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string remote_ip_;
  std::size_t body_limit_ = 0;  // of the request being read
  Clock::time_point start_ = Clock::now();
  unsigned version_ = 11;
  int requests_ = 0;
  bool keep_alive_ = true;
  bool head_ = false;
  bool idle_ = false;
  bool closing_ = false;
  // A streamed response (SendStream).
  bool streaming_ = false;
  bool writing_ = false;
  bool stream_ended_ = false;
  bool chunked_ = true;
  std::shared_ptr<StreamSource> source_;
  std::string stream_request_id_;
  Clock::time_point stream_start_;
  std::size_t stream_bytes_ = 0;
  net::steady_timer heartbeat_{stream_.get_executor()};
  std::array<char, 256> peer_buf_{};
};

void Server::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (!acceptor.is_open() || stopping) return;
      log::Warn("accept failed", {{"error", ec.message()}});
    } else {
      auto session = std::make_shared<Session>(std::move(socket), *this);
      {
        std::lock_guard lock(sessions_mu);
        for (auto it = sessions.begin(); it != sessions.end();) {
          it = it->expired() ? sessions.erase(it) : std::next(it);
        }
        sessions.insert(session);
      }
      session->Start();
    }
    if (!stopping) Accept();
  });
}

void Server::Impl::BeginStop() {
  if (stopping.exchange(true)) return;
  log::Info("shutting down: finishing in-flight requests");
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  hangup.cancel(ec);
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mu);
    for (auto& w : sessions) {
      if (auto s = w.lock()) live.push_back(std::move(s));
    }
    sessions.clear();
  }
  for (auto& s : live) s->Shutdown();
  // Requests that do not finish in time are cut off so that shutdown always completes.
  force_timer = std::make_unique<net::steady_timer>(control, options.shutdown_timeout);
  force_timer->async_wait([this](beast::error_code timer_ec) {
    if (!timer_ec) {
      log::Warn("shutdown timeout: closing remaining connections");
      ioc.stop();
    }
  });
  if (open == 0) force_timer->cancel();
}

Server::Server(ServerOptions options, const Pipeline& pipeline)
    : impl_(std::make_unique<Impl>(std::move(options), pipeline)) {}

Server::~Server() {
  impl_->workers.join();
}

void Server::Listen() {
  auto& a = impl_->acceptor;
  tcp::endpoint ep(net::ip::make_address(impl_->options.host), impl_->options.port);
  a.open(ep.protocol());
  a.set_option(net::socket_base::reuse_address(true));
  a.bind(ep);
  a.listen(net::socket_base::max_listen_connections);
}

std::uint16_t Server::port() const { return impl_->acceptor.local_endpoint().port(); }

int Server::open_connections() const { return impl_->open.load(); }

void Server::Run(bool handle_signals) {
  Impl& s = *impl_;
  if (handle_signals) {
    s.signals.add(SIGINT);
    s.signals.add(SIGTERM);
    s.signals.async_wait([&s](beast::error_code ec, int) {
      if (!ec) s.BeginStop();
    });
    if (s.options.on_hangup) {
      s.hangup.add(SIGHUP);
      s.AwaitHangup();
    }
  }
  s.Accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < s.options.io_threads; ++i) threads.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : threads) t.join();
  // The I/O loop ends when every connection closed; queued handler work has finished by then
  // or is abandoned only after the shutdown timeout.
  s.workers.join();
}

void Server::Impl::AwaitHangup() {
  hangup.async_wait([this](beast::error_code ec, int) {
    if (ec) return;
    net::post(workers, options.on_hangup);
    AwaitHangup();
  });
}

void Server::Stop() {
  net::post(impl_->control, [this] { impl_->BeginStop(); });
}

}  // namespace moderno::http
