#pragma once
// Rate limits shared by every node: the same token bucket as LocalRateLimiter, kept in Redis
// (one hash per client key, updated atomically by a Lua script on Redis's clock, expiring when
// it would be full again). While Redis is down every node counts on its own (`fallback`), and
// the shared buckets take over again when it is back.
#include <atomic>
#include <string>

#include "platform/http/auth.hpp"
#include "platform/redis/client.hpp"

namespace moderno::redis {

class RateLimiter : public http::RateLimiter {
 public:
  // Keys are `prefix` + "rl:" + the pipeline's key; `fallback` must outlive this.
  RateLimiter(Client& client, std::string prefix, http::RateLimiter& fallback);
  http::RateDecision Hit(const std::string& key, const http::RatePolicy& policy) override;
  bool Blocks() const override { return true; }
  // Decisions taken by the node alone because Redis did not answer.
  std::uint64_t fallbacks() const { return fallbacks_; }

 private:
  Client& client_;
  std::string prefix_;
  http::RateLimiter& fallback_;
  std::atomic<std::uint64_t> fallbacks_{0};
};

}  // namespace moderno::redis
