#include "platform/http/rate_limit.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace moderno::http {

Result<RatePolicy> ParseRatePolicy(std::string_view text) {
  auto slash = text.find('/');
  RatePolicy p;
  if (slash == std::string_view::npos) return Fail(Errc::kInvalidArgument, "expected N/unit");
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + slash, p.limit);
  if (ec != std::errc() || ptr != text.data() + slash || p.limit < 1) {
    return Fail(Errc::kInvalidArgument, "the count must be a positive integer");
  }
  std::string_view unit = text.substr(slash + 1);
  if (unit == "s" || unit == "sec" || unit == "second") p.window = std::chrono::seconds(1);
  else if (unit == "min" || unit == "minute" || unit == "m") p.window = std::chrono::minutes(1);
  else if (unit == "h" || unit == "hour") p.window = std::chrono::hours(1);
  else if (unit == "d" || unit == "day") p.window = std::chrono::hours(24);
  else return Fail(Errc::kInvalidArgument, "the unit must be s, min, hour or day");
  return p;
}

LocalRateLimiter::LocalRateLimiter(Clock clock, std::size_t max_keys)
    : clock_(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); })),
      max_keys_(max_keys) {}

RateDecision LocalRateLimiter::Hit(const std::string& key, const RatePolicy& policy) {
  const auto now = clock_();
  const double rate = static_cast<double>(policy.limit) /
                      std::chrono::duration<double>(policy.window).count();  // tokens per second
  std::lock_guard lock(mu_);
  if (buckets_.size() >= max_keys_ && !buckets_.contains(key)) {
    // Full buckets carry no information: drop them before refusing to track a new client.
    std::erase_if(buckets_, [&](const auto& kv) {
      const double refill =
          kv.second.tokens + rate * std::chrono::duration<double>(now - kv.second.updated).count();
      return refill >= policy.limit;
    });
  }
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{static_cast<double>(policy.limit), now});
  Bucket& b = it->second;
  if (!inserted) {
    const double elapsed = std::chrono::duration<double>(now - b.updated).count();
    b.tokens = std::min<double>(policy.limit, b.tokens + elapsed * rate);
    b.updated = now;
  }
  RateDecision d;
  d.limit = policy.limit;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    d.allowed = true;
  } else {
    d.allowed = false;
    d.retry_after = std::chrono::seconds(static_cast<long>(std::ceil((1.0 - b.tokens) / rate)));
  }
  d.remaining = static_cast<int>(std::floor(b.tokens));
  d.reset = std::chrono::seconds(static_cast<long>(std::ceil((policy.limit - b.tokens) / rate)));
  return d;
}

std::size_t LocalRateLimiter::keys() {
  std::lock_guard lock(mu_);
  return buckets_.size();
}

}  // namespace moderno::http
