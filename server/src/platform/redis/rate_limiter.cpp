#include "platform/redis/rate_limiter.hpp"

#include <chrono>

namespace moderno::redis {

namespace {

// KEYS[1] the bucket; ARGV[1] the limit, ARGV[2] the window in ms. Returns {allowed (0/1),
// tokens left (floored), ms until full, ms until the next token}. Tokens are kept in
// thousandths so the arithmetic stays in integers.
constexpr const char* kTokenBucket = R"lua(
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local full = limit * 1000
local b = redis.call('HMGET', KEYS[1], 'm', 'ts')
local milli = tonumber(b[1])
local ts = tonumber(b[2])
if milli == nil or ts == nil then
  milli = full
elseif now > ts then
  milli = math.min(full, milli + math.floor((now - ts) * full / window))
end
local allowed = 0
if milli >= 1000 then
  milli = milli - 1000
  allowed = 1
end
redis.call('HSET', KEYS[1], 'm', milli, 'ts', now)
local to_full = math.ceil((full - milli) * window / full)
redis.call('PEXPIRE', KEYS[1], math.max(to_full, 1))
local to_next = 0
if milli < 1000 then to_next = math.ceil((1000 - milli) * window / full) end
return {allowed, math.floor(milli / 1000), to_full, to_next}
)lua";

long CeilSeconds(long long ms) { return static_cast<long>((ms + 999) / 1000); }

}  // namespace

RateLimiter::RateLimiter(Client& client, std::string prefix, http::RateLimiter& fallback)
    : client_(client), prefix_(std::move(prefix)), fallback_(fallback) {}

http::RateDecision RateLimiter::Hit(const std::string& key, const http::RatePolicy& policy) {
  const auto window_ms = std::chrono::duration_cast<std::chrono::milliseconds>(policy.window).count();
  auto r = client_.Command({"EVAL", kTokenBucket, "1", prefix_ + "rl:" + key, std::to_string(policy.limit),
                            std::to_string(window_ms)});
  if (!r || r->type != Reply::Type::kArray || r->elements.size() != 4) {
    ++fallbacks_;
    return fallback_.Hit(key, policy);
  }
  http::RateDecision d;
  d.limit = policy.limit;
  d.allowed = r->elements[0].integer == 1;
  d.remaining = static_cast<int>(r->elements[1].integer);
  d.reset = std::chrono::seconds(CeilSeconds(r->elements[2].integer));
  if (!d.allowed) d.retry_after = std::chrono::seconds(std::max(1L, CeilSeconds(r->elements[3].integer)));
  return d;
}

}  // namespace moderno::redis
