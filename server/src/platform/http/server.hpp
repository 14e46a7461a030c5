#pragma once
// The HTTP/1.1 server: accepts connections, reads requests with limits and timeouts, runs
// handlers on a worker pool (I/O threads never block on the database), writes responses, and
// shuts down gracefully. Beast is confined to server.cpp.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "platform/http/pipeline.hpp"

namespace moderno::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  int io_threads = 1;
  int workers = 4;  // sized to the database pool
  std::size_t body_limit = 1 << 20;
  std::size_t header_limit = 16 * 1024;    // request line and headers (431 above)
  std::size_t target_limit = 8 * 1024;     // the request target (414 above)
  std::chrono::seconds idle_timeout{60};   // keep-alive connection with no request
  // From a request's first byte until its headers are complete (a client trickling headers is
  // cut off then).
  std::chrono::milliseconds header_timeout{10000};
  std::chrono::seconds read_timeout{30};   // to receive the body after the headers; each write
  std::chrono::seconds shutdown_timeout{20};
  int max_requests_per_connection = 10000;
  // Load shedding: requests waiting for a worker beyond these bounds get 503 at once, so an
  // overload never grows memory or answers minutes late.
  int max_queued_requests = 1024;
  std::chrono::seconds queue_timeout{10};
  // With Run(true): called on a worker at each SIGHUP (e.g. to reopen log files).
  std::function<void()> on_hangup;
};

class Server {
 public:
  Server(ServerOptions options, const Pipeline& pipeline);
  ~Server();
  // Binds and listens; throws std::system_error when the address is unusable.
  void Listen();
  // The bound port (after Listen).
  std::uint16_t port() const;
  // Serves until Stop() (or SIGINT/SIGTERM when handle_signals); returns when every
  // connection and job has finished.
  void Run(bool handle_signals = false);
  // Starts a graceful stop: no new connections, in-flight requests finish. Thread-safe.
  void Stop();
  // Open client connections, for metrics.
  int open_connections() const;

  // The Beast state, defined in server.cpp (public so that its session type can name it).
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace moderno::http
