// Several nodes, one shop: what the nodes share through Redis when REDIS_URL is set (rate
// limits, live events, event tickets, cache invalidation, job wake-ups), and how a node reports
// it. Without REDIS_URL none of this exists and a node keeps everything in process.
#include "app/app.hpp"

#include <boost/json.hpp>
#include <thread>

#include "events/redis_transport.hpp"
#include "platform/crypto/cipher.hpp"

namespace moderno::app {

void App::ConnectRedis() {
  if (cfg_.redis_url.empty()) return;
  auto endpoint = redis::ParseUrl(cfg_.redis_url);  // validated by config
  if (!endpoint) throw std::runtime_error("REDIS_URL: " + endpoint.error().detail);
  redis::ClientOptions options;
  options.endpoint = *endpoint;
  options.timeout = std::chrono::milliseconds(cfg_.redis_timeout_ms);
  redis_ = std::make_unique<redis::Client>(options);
}

void App::ShareThroughRedis() {
  if (!redis_) return;
  // Rate limits: one bucket per client for the whole shop; this node's own while Redis is down.
  shared_rate_limiter_ = std::make_unique<redis::RateLimiter>(*redis_, cfg_.redis_prefix, *rate_limiter_);
  pipeline_->SetRateLimiter(shared_rate_limiter_.get());
  // Event tickets: used once on any node.
  events_tickets_->SetSharedClaim([this](const std::string& nonce, std::int64_t ttl) -> std::optional<bool> {
    auto r = redis_->Command({"SET", cfg_.redis_prefix + "ticket:" + nonce, "1", "NX", "EX",
                              std::to_string(std::max<std::int64_t>(ttl, 1))});
    if (!r) return std::nullopt;
    return r->type == redis::Reply::Type::kStatus;  // nil: someone used it already
  });
  // Notices: a catalog write on any node drops the cached answers on every node (and points
  // their read models and indexes at the change); an enqueue wakes every node's workers.
  bus_ = std::make_unique<redis::Bus>(*redis_, cfg_.redis_prefix, crypto::RandomToken(8));
  bus_->On("catalog", [this](std::string_view what) { catalog_->ApplyRemote(what == "stock"); });
  bus_->On("jobs", [this](std::string_view) { jobs_->Notify(); });
  bus_->OnGap([this] {
    catalog_->ApplyRemote(false);
    jobs_->Notify();
  });
  catalog_->SetBroadcast([this](bool stock_only) { bus_->Publish("catalog", stock_only ? "stock" : "all"); });
  jobs_->SetWakeups([this] { bus_->Publish("jobs", ""); }, [this] { return bus_->subscribed(); },
                    std::chrono::milliseconds(cfg_.jobs_idle_poll_ms));
  bus_->Start();
  // A node that starts with Redis up listens before it serves (or it could miss a notice); a
  // second at most, then it serves anyway and says degraded until the listeners connect.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (redis_->up() && !(bus_->subscribed() && events_redis_->reading()) &&
         std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }

  metrics_.AddGauge("redis_up", "1 while Redis answers this node, 0 while it falls back to itself.",
                    [this] { return redis_->up() ? 1.0 : 0.0; });
  metrics_.AddGauge("redis_errors_total", "Redis commands that failed and connections lost since start.",
                    [this] { return static_cast<double>(redis_->errors()); });
  metrics_.AddGauge("redis_reconnects_total", "Times Redis came back after being down.",
                    [this] { return static_cast<double>(redis_->reconnects()); });
  metrics_.AddGauge("redis_rate_limit_fallbacks_total", "Rate-limit decisions this node took alone (Redis down).",
                    [this] { return static_cast<double>(shared_rate_limiter_->fallbacks()); });
}

boost::json::object App::RedisHealth(bool& degraded) const {
  if (!redis_) return {{"status", "disabled"}};
  const bool up = redis_->up();
  const bool bus = bus_->subscribed();
  const bool events = events_redis_ != nullptr && events_redis_->reading();
  degraded = !(up && bus && events);
  boost::json::object out{{"status", degraded ? "degraded" : "ok"},
                          {"endpoint", redis_->options().endpoint.Describe()},
                          {"connected", up},
                          {"invalidation_subscribed", bus},
                          {"events_reading", events},
                          {"errors", static_cast<std::int64_t>(redis_->errors())},
                          {"reconnects", static_cast<std::int64_t>(redis_->reconnects())}};
  if (degraded) {
    out["detail"] = "Redis is unavailable: rate limits, live events and cache invalidation work on this node only "
                    "until it is back.";
  }
  return out;
}

}  // namespace moderno::app
