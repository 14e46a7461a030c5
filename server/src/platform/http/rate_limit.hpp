#pragma once
// In-process token buckets for rate limits, and the policies read from the environment.
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>

#include "platform/http/auth.hpp"

namespace moderno::http {

// Parses "5/min", "100/minute", "1000/hour", "10/s", "50/day"; kInvalidArgument otherwise.
Result<RatePolicy> ParseRatePolicy(std::string_view text);

// Token buckets in this process; bounded: idle buckets are dropped.
class LocalRateLimiter : public RateLimiter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  // `clock` is injectable so tests need no sleeps.
  explicit LocalRateLimiter(Clock clock = nullptr, std::size_t max_keys = 100000);
  RateDecision Hit(const std::string& key, const RatePolicy& policy) override;
  // Clients tracked now.
  std::size_t keys();

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point updated;
  };
  Clock clock_;
  std::size_t max_keys_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace moderno::http
