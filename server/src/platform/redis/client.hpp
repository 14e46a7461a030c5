#pragma once
// A small Redis client on hiredis 0.14 (its synchronous API, with our own deadlines): a pool of
// connections for commands, a watchdog that notices when Redis goes away and reconnects with
// backoff, and Listener threads for what blocks (SUBSCRIBE, XREAD BLOCK).
//
// Nothing here ever waits on a dead Redis: while it is down, Command fails at once (callers fall
// back to this node's in-process paths) and only the watchdog tries to reconnect. Every read
// has a deadline (ClientOptions::timeout), so a hung Redis costs a request at most that.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "platform/error.hpp"
#include "platform/redis/url.hpp"

struct redisContext;

namespace moderno::redis {

// A reply, copied out of hiredis.
struct Reply {
  enum class Type { kNil, kString, kStatus, kInteger, kArray, kError };
  Type type = Type::kNil;
  std::string str;  // kString, kStatus, kError
  long long integer = 0;
  std::vector<Reply> elements;  // kArray
};

// One connection; not thread-safe.
class Connection {
 public:
  // Connects (and AUTH, SELECT) within `timeout`; kUnavailable when it cannot.
  static Result<std::unique_ptr<Connection>> Open(const Endpoint& endpoint, std::chrono::milliseconds timeout);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Sends a command and waits for its reply until `timeout` (or `stop`, checked every 100 ms).
  // A transport failure or timeout leaves the connection broken(); an error reply is a Reply.
  Result<Reply> Call(const std::vector<std::string>& args, std::chrono::milliseconds timeout,
                     const std::atomic<bool>* stop = nullptr);
  // Sends a command without waiting (SUBSCRIBE).
  Result<void> Send(const std::vector<std::string>& args);
  // The next reply (a pushed message), or nullopt when none came within `timeout`.
  Result<std::optional<Reply>> Read(std::chrono::milliseconds timeout);
  bool broken() const { return broken_; }

 private:
  explicit Connection(redisContext* c) : c_(c) {}
  std::unexpected<Error> Broken(const std::string& what);
  redisContext* c_;
  bool broken_ = false;
};

struct ClientOptions {
  Endpoint endpoint;
  std::chrono::milliseconds timeout{200};       // connect and per-command deadline
  std::size_t max_connections = 32;             // pooled command connections
  std::chrono::milliseconds ping_every{1000};   // watchdog while up
  std::chrono::milliseconds backoff_max{1000};  // reconnect attempts: 50 ms doubling to this
};

// Commands on a pool of connections, with up/down tracking. Thread-safe.
class Client {
 public:
  // Tries to connect once (so a node that starts with Redis up is up at once), then starts the
  // watchdog.
  explicit Client(ClientOptions options);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Runs a command. kUnavailable at once while Redis is down (or every pooled connection is
  // busy); an error reply is kInternal with the reply in `internal`.
  Result<Reply> Command(const std::vector<std::string>& args);
  // Redis answered the last command or ping.
  bool up() const { return up_; }
  // Failed commands and connection losses since start.
  std::uint64_t errors() const { return errors_; }
  // Down-to-up transitions since start (reconnections).
  std::uint64_t reconnects() const { return reconnects_; }
  const ClientOptions& options() const { return options_; }
  // Called (on the watchdog thread) each time Redis comes back after being down.
  void OnReconnect(std::function<void()> listener);

 private:
  void MarkDown(const std::string& why);
  void MarkUp();
  void Watch();
  std::unique_ptr<Connection> Acquire();
  void Release(std::unique_ptr<Connection> c);

  ClientOptions options_;
  std::atomic<bool> up_{false};
  std::atomic<std::uint64_t> errors_{0};
  std::atomic<std::uint64_t> reconnects_{0};
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;
  std::uint64_t generation_ = 0;  // bumped when Redis goes down: older connections are dropped
  std::vector<std::function<void()>> on_reconnect_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::thread watchdog_;
};

// A thread holding its own connection for a blocking conversation (SUBSCRIBE, XREAD BLOCK):
// `session` runs on a fresh connection until it fails or `stop` is set; then it reconnects
// with backoff and runs `session` again. `on_connected` of a session tells it whether this is
// the first connection or a reconnection.
class Listener {
 public:
  using Session = std::function<Result<void>(Connection& connection, const std::atomic<bool>& stop)>;
  Listener(ClientOptions options, std::string name, Session session);
  ~Listener();  // stops and joins
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;
  // True while a session is running on a live connection.
  bool connected() const { return connected_; }

 private:
  void Run();
  ClientOptions options_;
  std::string name_;
  Session session_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> connected_{false};
  std::thread thread_;
};

}  // namespace moderno::redis
