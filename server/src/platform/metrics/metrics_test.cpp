// The registry's text exposition of labelled families, route counters and the active-users
// window.
#include "platform/metrics/metrics.hpp"

#include <gtest/gtest.h>

#include "platform/metrics/active_users.hpp"

namespace moderno::metrics {
namespace {

TEST(MetricsRegistry, LabelledFamiliesAreListedWithHelpTypeAndEscapedValues) {
  Registry r;
  r.Describe("orders_total", "Orders by status.", Registry::Type::kCounter);
  EXPECT_NE(r.Render().find("# TYPE orders_total counter\n"), std::string::npos) << "listed before any sample";
  r.Zero("orders_total", {{"status", "pending"}, {"payment_method", "cod"}});
  r.Add("orders_total", {{"status", "pending"}, {"payment_method", "cod"}}, 2);
  r.Add("orders_total", {{"status", "odd\"\\"}});
  r.Describe("jobs_backlog", "Due jobs.", Registry::Type::kGauge);
  r.Set("jobs_backlog", {}, 7);
  r.Set("jobs_backlog", {}, 3);
  const std::string text = r.Render();
  EXPECT_NE(text.find("# HELP orders_total Orders by status.\n"), std::string::npos) << text;
  EXPECT_NE(text.find("orders_total{status=\"pending\",payment_method=\"cod\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("orders_total{status=\"odd\\\"\\\\\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE jobs_backlog gauge\njobs_backlog 3\n"), std::string::npos) << text;
  EXPECT_EQ(r.Value("orders_total", {{"status", "pending"}, {"payment_method", "cod"}}), 2);
  EXPECT_EQ(r.Value("orders_total", {{"status", "shipped"}}), 0);
}

TEST(MetricsRegistry, RouteCountersCountOnlyTheirMethodRouteAndStatus) {
  Registry r;
  r.CountResponses("user_registrations_total", "Sign-ups.", "POST", "/api/v1/auth/register", 201);
  EXPECT_NE(r.Render().find("user_registrations_total 0\n"), std::string::npos);
  r.ObserveRequest("POST", "/api/v1/auth/register", 201, 0.01);
  r.ObserveRequest("POST", "/api/v1/auth/register", 422, 0.01);
  r.ObserveRequest("GET", "/api/v1/auth/register", 201, 0.01);
  r.ObserveRequest("POST", "/api/v1/auth/login", 201, 0.01);
  r.ObserveRequest("POST", "/api/v1/auth/register", 201, 0.01);
  EXPECT_EQ(r.Value("user_registrations_total"), 2);
  EXPECT_NE(r.Render().find("user_registrations_total 2\n"), std::string::npos);
}

TEST(HostFigures, ReadTheDiskOfADirectoryAndTheHostMemory) {
  const HostFigures h = ReadHost("/tmp");
  EXPECT_GT(h.dir_size, 0);
  EXPECT_GE(h.dir_free, 0);
  EXPECT_LE(h.dir_free, h.dir_size);
  EXPECT_GT(h.memory_total, 1e6);
  EXPECT_GT(h.memory_available, 0);
  EXPECT_LE(h.memory_available, h.memory_total);
  EXPECT_EQ(ReadHost("/no/such/dir").dir_free, -1);
}

TEST(ActiveUsers, CountsUsersSeenWithinTheWindowOnce) {
  ActiveUsers users(std::chrono::minutes(5));
  const auto t0 = ActiveUsers::Clock::time_point{} + std::chrono::hours(1);
  users.Seen(1, t0);
  users.Seen(1, t0 + std::chrono::minutes(1));
  users.Seen(2, t0);
  EXPECT_EQ(users.Count(t0 + std::chrono::minutes(2)), 2);
  EXPECT_EQ(users.Count(t0 + std::chrono::minutes(5) + std::chrono::seconds(30)), 1) << "user 2 left the window";
  EXPECT_EQ(users.Count(t0 + std::chrono::minutes(7)), 0);
}

}  // namespace
}  // namespace moderno::metrics
