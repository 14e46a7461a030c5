#include "platform/http/client_ip.hpp"

#include <gtest/gtest.h>

#include "platform/http/rate_limit.hpp"

namespace moderno::http {
namespace {

TEST(ClientIp, PeerUnlessTheProxyIsTrusted) {
  auto none = *TrustedProxies::Parse("");
  EXPECT_EQ(ClientIp("203.0.113.5", "1.2.3.4", none), "203.0.113.5");
  auto nginx = *TrustedProxies::Parse("127.0.0.1, 10.0.0.0/8, ::1");
  EXPECT_EQ(ClientIp("127.0.0.1", std::nullopt, nginx), "127.0.0.1");
  EXPECT_EQ(ClientIp("127.0.0.1", "198.51.100.7", nginx), "198.51.100.7");
  // The right-most untrusted hop wins; what the client wrote further left is ignored.
  EXPECT_EQ(ClientIp("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.2.3", nginx), "198.51.100.7");
  EXPECT_EQ(ClientIp("203.0.113.5", "198.51.100.7", nginx), "203.0.113.5");
  EXPECT_EQ(ClientIp("::1", "2001:db8::1", nginx), "2001:db8::1");
  EXPECT_EQ(ClientIp("127.0.0.1", "not-an-ip", nginx), "127.0.0.1");
  EXPECT_FALSE(TrustedProxies::Parse("10.0.0.0/40"));
  EXPECT_FALSE(TrustedProxies::Parse("example.com"));
}

TEST(RateLimiter, TokenBucketRefillsWithTheInjectedClock) {
  auto now = std::chrono::steady_clock::now();
  LocalRateLimiter limiter([&] { return now; });
  const RatePolicy five_per_minute{5, std::chrono::seconds(60)};
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.Hit("k", five_per_minute).allowed);
  auto refused = limiter.Hit("k", five_per_minute);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, std::chrono::seconds(12));
  EXPECT_TRUE(limiter.Hit("other", five_per_minute).allowed);
  now += std::chrono::seconds(12);
  EXPECT_TRUE(limiter.Hit("k", five_per_minute).allowed);
  EXPECT_FALSE(limiter.Hit("k", five_per_minute).allowed);
  EXPECT_FALSE(ParseRatePolicy("5/fortnight"));
  EXPECT_EQ(ParseRatePolicy("1000/hour")->window, std::chrono::hours(1));
}

TEST(RateLimiter, MemoryIsBoundedByDroppingFullBuckets) {
  auto now = std::chrono::steady_clock::now();
  LocalRateLimiter limiter([&] { return now; }, 100);
  const RatePolicy policy{10, std::chrono::seconds(1)};
  for (int i = 0; i < 1000; ++i) {
    limiter.Hit("client" + std::to_string(i), policy);
    now += std::chrono::seconds(1);  // earlier buckets refill and can be dropped
  }
  EXPECT_LE(limiter.keys(), 100u);
  // Still enforcing for a busy client after the churn.
  for (int i = 0; i < 10; ++i) limiter.Hit("busy", policy);
  EXPECT_FALSE(limiter.Hit("busy", policy).allowed);
}

}  // namespace
}  // namespace moderno::http
