#include "platform/redis/client.hpp"

#include <hiredis/hiredis.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>

#include "platform/log/log.hpp"

namespace moderno::redis {

namespace {

using std::chrono::milliseconds;

timeval ToTimeval(milliseconds ms) {
  return timeval{static_cast<time_t>(ms.count() / 1000), static_cast<suseconds_t>((ms.count() % 1000) * 1000)};
}

Reply Convert(const redisReply* r) {
  Reply out;
  switch (r->type) {
    case REDIS_REPLY_STRING: out.type = Reply::Type::kString; break;
    case REDIS_REPLY_STATUS: out.type = Reply::Type::kStatus; break;
    case REDIS_REPLY_ERROR: out.type = Reply::Type::kError; break;
    case REDIS_REPLY_INTEGER: out.type = Reply::Type::kInteger; break;
    case REDIS_REPLY_ARRAY: out.type = Reply::Type::kArray; break;
    default: out.type = Reply::Type::kNil; break;
  }
  if (r->str != nullptr) out.str.assign(r->str, r->len);
  out.integer = r->integer;
  if (r->type == REDIS_REPLY_ARRAY) {
    out.elements.reserve(r->elements);
    for (std::size_t i = 0; i < r->elements; ++i) out.elements.push_back(Convert(r->element[i]));
  }
  return out;
}

std::unexpected<Error> Unavailable(std::string internal) {
  return Fail(Errc::kUnavailable, "Redis is unavailable.", "redis: " + std::move(internal));
}

}  // namespace

// --- Connection ---

Result<std::unique_ptr<Connection>> Connection::Open(const Endpoint& endpoint, milliseconds timeout) {
  redisContext* c = redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port, ToTimeval(timeout));
  if (c == nullptr) return Unavailable("cannot allocate a connection");
  if (c->err != 0) {
    std::string why = c->errstr;
    redisFree(c);
    return Unavailable("connect to " + endpoint.Describe() + ": " + why);
  }
  // Writes never block longer than the deadline either (reads poll with their own).
  redisSetTimeout(c, ToTimeval(timeout));
  std::unique_ptr<Connection> conn(new Connection(c));
  auto setup = [&](std::vector<std::string> args) -> Result<void> {
    auto r = conn->Call(args, timeout);
    if (!r) return std::unexpected(r.error());
    if (r->type == Reply::Type::kError) return Unavailable(args[0] + " refused: " + r->str);
    return {};
  };
  if (!endpoint.password.empty()) {
    std::vector<std::string> auth{"AUTH"};
    if (!endpoint.user.empty()) auth.push_back(endpoint.user);
    auth.push_back(endpoint.password);
    if (auto r = setup(std::move(auth)); !r) return std::unexpected(r.error());
  }
  if (endpoint.db != 0) {
    if (auto r = setup({"SELECT", std::to_string(endpoint.db)}); !r) return std::unexpected(r.error());
  }
  return conn;
}

Connection::~Connection() { redisFree(c_); }

std::unexpected<Error> Connection::Broken(const std::string& what) {
  broken_ = true;
  return Unavailable(what);
}

Result<void> Connection::Send(const std::vector<std::string>& args) {
  if (broken_) return Unavailable("connection broken");
  std::vector<const char*> argv;
  std::vector<std::size_t> lens;
  for (const auto& a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  if (redisAppendCommandArgv(c_, static_cast<int>(args.size()), argv.data(), lens.data()) != REDIS_OK) {
    return Broken(std::string("append: ") + c_->errstr);
  }
  int done = 0;
  while (done == 0) {
    if (redisBufferWrite(c_, &done) != REDIS_OK) return Broken(std::string("write: ") + c_->errstr);
  }
  return {};
}

Result<std::optional<Reply>> Connection::Read(milliseconds timeout) {
  if (broken_) return Unavailable("connection broken");
  void* raw = nullptr;
  if (redisReaderGetReply(c_->reader, &raw) != REDIS_OK) return Broken("protocol error");
  if (raw == nullptr) {
    pollfd p{c_->fd, POLLIN, 0};
    const int n = ::poll(&p, 1, static_cast<int>(std::max<long long>(timeout.count(), 0)));
    if (n < 0 && errno != EINTR) return Broken("poll failed");
    if (n <= 0) return std::optional<Reply>{};
    if (redisBufferRead(c_) != REDIS_OK) return Broken(std::string("read: ") + c_->errstr);
    if (redisReaderGetReply(c_->reader, &raw) != REDIS_OK) return Broken("protocol error");
    if (raw == nullptr) return std::optional<Reply>{};  // part of a reply; the caller reads again
  }
  Reply reply = Convert(static_cast<redisReply*>(raw));
  freeReplyObject(raw);
  return std::optional<Reply>(std::move(reply));
}

Result<Reply> Connection::Call(const std::vector<std::string>& args, milliseconds timeout,
                               const std::atomic<bool>* stop) {
  if (auto sent = Send(args); !sent) return std::unexpected(sent.error());
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<milliseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return Broken(args[0] + " timed out");
    if (stop != nullptr && *stop) return Broken("stopping");
    auto r = Read(std::min(left, milliseconds(100)));
    if (!r) return std::unexpected(r.error());
    if (*r) return std::move(**r);
  }
}

// --- Client ---

Client::Client(ClientOptions options) : options_(std::move(options)) {
  auto first = Connection::Open(options_.endpoint, options_.timeout);
  if (first) {
    up_ = true;
    idle_.push_back(std::move(*first));
    open_ = 1;
    log::Info("redis: connected", {{"endpoint", options_.endpoint.Describe()}});
  } else {
    ++errors_;
    log::Warn("redis: unavailable at start; rate limits, live events and cache invalidation stay on this node "
              "until it answers",
              {{"endpoint", options_.endpoint.Describe()}, {"error", first.error().internal}});
  }
  watchdog_ = std::thread([this] { Watch(); });
}

Client::~Client() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (watchdog_.joinable()) watchdog_.join();
}

void Client::OnReconnect(std::function<void()> listener) {
  std::lock_guard lock(mu_);
  on_reconnect_.push_back(std::move(listener));
}

std::unique_ptr<Connection> Client::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    if (open_ >= options_.max_connections) return nullptr;
    ++open_;
  }
  auto c = Connection::Open(options_.endpoint, options_.timeout);
  if (c) return std::move(*c);
  std::lock_guard lock(mu_);
  --open_;
  return nullptr;
}

void Client::Release(std::unique_ptr<Connection> c) {
  std::lock_guard lock(mu_);
  if (c->broken() || !up_) {
    --open_;
    return;
  }
  idle_.push_back(std::move(c));
}

Result<Reply> Client::Command(const std::vector<std::string>& args) {
  if (!up_) return Unavailable("down (" + args[0] + " not sent)");
  auto c = Acquire();
  if (!c) {
    ++errors_;
    return Unavailable("no connection for " + args[0]);
  }
  auto r = c->Call(args, options_.timeout);
  const bool broken = c->broken();
  Release(std::move(c));
  if (!r) {
    ++errors_;
    if (broken) MarkDown(r.error().internal);
    return std::unexpected(r.error());
  }
  if (r->type == Reply::Type::kError) {
    ++errors_;
    return Fail(Errc::kInternal, "", "redis " + args[0] + ": " + r->str);
  }
  return r;
}

void Client::MarkDown(const std::string& why) {
  std::vector<std::unique_ptr<Connection>> dropped;
  {
    std::lock_guard lock(mu_);
    if (!up_.exchange(false)) return;
    // Every pooled connection goes: after an outage they would all fail once more.
    open_ -= idle_.size();
    dropped.swap(idle_);
  }
  log::Warn("redis: down; rate limits, live events and cache invalidation fall back to this node",
            {{"endpoint", options_.endpoint.Describe()}, {"error", why}});
  stop_cv_.notify_all();
}

void Client::MarkUp() {
  std::vector<std::function<void()>> listeners;
  {
    std::lock_guard lock(mu_);
    if (up_.exchange(true)) return;
    listeners = on_reconnect_;
  }
  ++reconnects_;
  log::Info("redis: reconnected", {{"endpoint", options_.endpoint.Describe()}});
  for (const auto& l : listeners) l();
}

void Client::Watch() {
  milliseconds backoff(50);
  while (true) {
    {
      std::unique_lock lock(mu_);
      const auto wait = up_ ? options_.ping_every : backoff;
      const bool was_up = up_;
      stop_cv_.wait_for(lock, wait, [&] { return stopping_ || up_ != was_up; });
      if (stopping_) return;
    }
    if (up_) {
      (void)Command({"PING"});  // a failure marks it down
      backoff = milliseconds(50);
      continue;
    }
    auto c = Connection::Open(options_.endpoint, options_.timeout);
    if (c) {
      auto pong = (*c)->Call({"PING"}, options_.timeout);
      if (pong && pong->type != Reply::Type::kError) {
        {
          std::lock_guard lock(mu_);
          idle_.push_back(std::move(*c));
          ++open_;
        }
        MarkUp();
        continue;
      }
    }
    backoff = std::min(backoff * 2, options_.backoff_max);
  }
}

// --- Listener ---

Listener::Listener(ClientOptions options, std::string name, Session session)
    : options_(std::move(options)), name_(std::move(name)), session_(std::move(session)) {
  thread_ = std::thread([this] { Run(); });
}

Listener::~Listener() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void Listener::Run() {
  milliseconds backoff(50);
  bool failing = false;
  while (!stop_) {
    auto c = Connection::Open(options_.endpoint, options_.timeout);
    if (c) {
      connected_ = true;
      if (failing) log::Info("redis: listener reconnected", {{"listener", name_}});
      failing = false;
      backoff = milliseconds(50);
      auto r = session_(**c, stop_);
      connected_ = false;
      if (stop_) return;
      if (!r) {
        log::Warn("redis: listener lost its connection", {{"listener", name_}, {"error", r.error().internal}});
        failing = true;
      }
    } else {
      failing = true;
    }
    // Sleep in small steps so that stopping is prompt.
    const auto until = std::chrono::steady_clock::now() + backoff;
    while (!stop_ && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(milliseconds(20));
    backoff = std::min(backoff * 2, options_.backoff_max);
  }
}

}  // namespace moderno::redis
