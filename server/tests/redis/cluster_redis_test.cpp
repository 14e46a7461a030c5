// Three nodes of one shop sharing one database and one real Redis (scripts/with-redis.sh):
// rate limits hold across nodes and restarts, live events reach every node and resume on any,
// tickets work once on any node, a catalog write drops every node's cached answers at once, an
// enqueue wakes the other nodes' workers, and with Redis stopped the shop keeps selling, says it
// is degraded, and recovers by itself when Redis is back.
#include <atomic>
#include <cstdlib>
#include <random>
#include <thread>

#include "../http/events/sse_client.hpp"
#include "app/diagnose.hpp"
#include "orders_fixture.hpp"

namespace moderno::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// Runs scripts/redis.sh (stop DIR | start DIR PORT) on the Redis that with-redis.sh started.
bool RedisScript(const std::string& args) {
  const std::string cmd = std::string(MODERNO_SOURCE_DIR) + "/scripts/redis.sh " + args + " >/dev/null";
  return std::system(cmd.c_str()) == 0;
}

class RedisClusterTest : public OrdersTest {
 protected:
  static void SetUpTestSuite() {
    const std::string url = Env("REDIS_URL");
    if (url.empty()) throw std::runtime_error("REDIS_URL is not set: run through scripts/with-redis.sh");
    std::random_device rd;
    const std::string prefix = "t" + std::to_string(::getpid()) + "_" + std::to_string(rd() % 1000000) + ":";
    configure_ = [url, prefix](config::Config& c) {
      c.redis_url = url;
      c.redis_prefix = prefix;  // this shop's keys and channels only
      c.rate_limits["auth"] = {5, std::chrono::seconds(60)};
      c.trusted_proxies = "127.0.0.1";
      c.jobs_idle_poll_ms = 60000;
      c.events_keepalive_ms = 300;
    };
    OrdersTest::SetUpTestSuite();
    configure_ = nullptr;
  }

  static HttpResult Login(std::uint16_t port, const std::string& ip) {
    HttpClient c(port);
    return c.Request("POST", "/api/v1/auth/login", {{"X-Forwarded-For", ip}, {"Content-Type", "application/json"}},
                     R"({"email":"nadie@correo.cl","password":"Mala#Clave123"})");
  }
  static void PublishOn(app::App& node, const std::string& marker) {
    node.events().Publish(events::Event{.type = "test.ping", .customer_id = std::nullopt, .staff = true,
                                        .data = R"({"marker":")" + marker + R"("})"});
  }
  static std::unique_ptr<SseClient> Stream(std::uint16_t port, SseClient::Headers extra = {}) {
    SseClient::Headers h{{"Authorization", "Bearer " + admin_->access_token}};
    for (auto& kv : extra) h.push_back(kv);
    auto c = std::make_unique<SseClient>(port, "/api/v1/events", h);
    EXPECT_EQ(c->status, 200) << c->body();
    return c;
  }
  // The markers of the test.ping events of a stream, in order.
  static std::vector<std::string> Markers(const SseClient& c) {
    std::vector<std::string> out;
    for (const auto& e : c.Events()) {
      if (e.event == "test.ping") out.push_back(std::string(json::parse(e.data).at("marker").as_string()));
    }
    return out;
  }
  static bool WaitForMarker(SseClient& c, const std::string& marker, std::chrono::milliseconds deadline = 5s) {
    return c.ReadUntil([&](const std::string& body) { return body.find(marker) != std::string::npos; }, deadline);
  }
  static json::object Health(std::uint16_t port) {
    HttpClient c(port);
    auto r = c.Get("/health/detailed");
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).as_object();
  }
};

TEST_F(RedisClusterTest, SixthSignInSpreadOverThreeNodesIsRefusedAndTheCountSurvivesARestart) {
  auto b = std::make_unique<TestNode>(store(), clock_->clocks());
  TestNode c(store(), clock_->clocks());
  const std::vector<std::uint16_t> ports{port(), b->port(), c.port(), port(), b->port()};
  for (std::size_t i = 0; i < ports.size(); ++i) {
    auto r = Login(ports[i], "203.0.113.50");
    EXPECT_EQ(r.status, 401) << "attempt " << i + 1 << ": " << r.body;
    EXPECT_EQ(r.Header("ratelimit-remaining"), std::to_string(4 - i)) << "attempt " << i + 1;
  }
  auto sixth = Login(c.port(), "203.0.113.50");
  EXPECT_EQ(sixth.status, 429) << sixth.body;
  EXPECT_FALSE(sixth.Header("retry-after").empty());
  EXPECT_EQ(Login(c.port(), "198.51.100.60").status, 401) << "another client has its own budget";
  // A node restarted (a new process) still sees the shared bucket.
  b.reset();
  TestNode restarted(store(), clock_->clocks());
  EXPECT_EQ(Login(restarted.port(), "203.0.113.50").status, 429);
  auto health = Health(restarted.port());
  EXPECT_EQ(health.at("checks").at("redis").at("status"), "ok") << json::serialize(health);
}

TEST_F(RedisClusterTest, EventPublishedOnOneNodeReachesAStreamOnAnother) {
  TestNode b(store(), clock_->clocks());
  auto stream = Stream(b.port());
  PublishOn(store().app(), "from-a");
  ASSERT_TRUE(WaitForMarker(*stream, "from-a")) << stream->body();
  const auto events = stream->Events();
  ASSERT_FALSE(events.empty());
  // The shared log's id ("<ms>-<n>"), the same on every node.
  EXPECT_TRUE(events::ParseLogPosition(events.back().id).has_value()) << events.back().id;
  EXPECT_EQ(Markers(*stream), std::vector<std::string>{"from-a"});
}

TEST_F(RedisClusterTest, ResumeOnAThirdNodeLosesNothingAndRepeatsNothing) {
  TestNode b(store(), clock_->clocks());
  TestNode c(store(), clock_->clocks());
  std::string last_id;
  {
    auto on_b = Stream(b.port());
    PublishOn(store().app(), "r1");
    ASSERT_TRUE(WaitForMarker(*on_b, "r1")) << on_b->body();
    last_id = on_b->Events().back().id;
  }
  // While the client is away: two more, from two nodes.
  PublishOn(store().app(), "r2");
  PublishOn(b.app(), "r3");
  auto on_c = Stream(c.port(), {{"Last-Event-ID", last_id}});
  ASSERT_TRUE(WaitForMarker(*on_c, "r3")) << on_c->body();
  PublishOn(c.app(), "r4");
  ASSERT_TRUE(WaitForMarker(*on_c, "r4")) << on_c->body();
  // Give a repeat the chance to show up.
  on_c->ReadUntil([](const std::string&) { return false; }, 300ms);
  EXPECT_EQ(Markers(*on_c), (std::vector<std::string>{"r2", "r3", "r4"})) << on_c->body();
  EXPECT_EQ(on_c->body().find("stream.reset"), std::string::npos) << on_c->body();
}

TEST_F(RedisClusterTest, ResumeRightAfterTheEventWasPublishedElsewhereWaitsForIt) {
  // The client saw an id that this node may not have read yet: nothing up to it is sent again.
  TestNode b(store(), clock_->clocks());
  auto on_a = Stream(port());
  PublishOn(store().app(), "p1");
  ASSERT_TRUE(WaitForMarker(*on_a, "p1"));
  const std::string id = on_a->Events().back().id;
  auto on_b = Stream(b.port(), {{"Last-Event-ID", id}});
  PublishOn(store().app(), "p2");
  ASSERT_TRUE(WaitForMarker(*on_b, "p2")) << on_b->body();
  on_b->ReadUntil([](const std::string&) { return false; }, 200ms);
  EXPECT_EQ(Markers(*on_b), std::vector<std::string>{"p2"}) << on_b->body();
}

TEST_F(RedisClusterTest, ANodeStartedAfterTheEventsResumesFromTheSharedLog) {
  auto on_a = Stream(port());
  PublishOn(store().app(), "h1");
  ASSERT_TRUE(WaitForMarker(*on_a, "h1"));
  const std::string id = on_a->Events().back().id;
  PublishOn(store().app(), "h2");
  ASSERT_TRUE(WaitForMarker(*on_a, "h2"));
  // A node (re)started now has the log's tail: the client resumes there without a reset.
  TestNode fresh(store(), clock_->clocks());
  auto on_fresh = Stream(fresh.port(), {{"Last-Event-ID", id}});
  ASSERT_TRUE(WaitForMarker(*on_fresh, "h2")) << on_fresh->body();
  on_fresh->ReadUntil([](const std::string&) { return false; }, 200ms);
  EXPECT_EQ(Markers(*on_fresh), std::vector<std::string>{"h2"});
  EXPECT_EQ(on_fresh->body().find("stream.reset"), std::string::npos) << on_fresh->body();
}

TEST_F(RedisClusterTest, TicketIssuedOnOneNodeWorksOnAnotherOnce) {
  TestNode b(store(), clock_->clocks());
  TestNode c(store(), clock_->clocks());
  auto issued = CallApi(port(), "POST", "/api/v1/events/ticket", "", customer_);
  ASSERT_EQ(issued.status, 200) << issued.raw;
  const std::string ticket(issued.body.at("ticket").as_string());
  SseClient on_b(b.port(), "/api/v1/events?ticket=" + ticket);
  EXPECT_EQ(on_b.status, 200) << on_b.body();
  SseClient again_on_c(c.port(), "/api/v1/events?ticket=" + ticket);
  EXPECT_EQ(again_on_c.status, 401) << "a ticket is used once, on whichever node";
  SseClient again_on_a(port(), "/api/v1/events?ticket=" + ticket);
  EXPECT_EQ(again_on_a.status, 401);
}

TEST_F(RedisClusterTest, CatalogWriteOnOneNodeDropsCachedAnswersOnAnotherWithin100ms) {
  TestNode b(store(), clock_->clocks());
  const auto id = MakeProduct("RC-CACHE", 10000, {{"W1", 3}});
  const std::string path = "/api/v1/products/" + std::to_string(id);
  auto first = CallApi(b.port(), "GET", path);
  ASSERT_EQ(first.status, 200) << first.raw;
  auto cached = CallApi(b.port(), "GET", path);
  ASSERT_EQ(cached.http.Header("x-cache"), "hit");
  ASSERT_EQ(cached.body.at("price").as_int64(), 10000);
  auto put = Call("PUT", path, json::object{{"price", 12990}}, admin_);
  ASSERT_EQ(put.status, 200) << put.raw;
  const auto written = Clock::now();
  std::int64_t seen = 0;
  auto fresh_at = written;
  while (Clock::now() - written < 1s) {
    auto r = CallApi(b.port(), "GET", path);
    seen = r.body.at("price").as_int64();
    fresh_at = Clock::now();
    if (seen == 12990) break;
    std::this_thread::sleep_for(2ms);
  }
  EXPECT_EQ(seen, 12990);
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(fresh_at - written).count(), 100);
}

TEST_F(RedisClusterTest, EnqueueOnOneNodeWakesAnotherNodesIdleWorkers) {
  TestNode b(store(), clock_->clocks());
  std::atomic<int> ran{0};
  b.app().jobs().Register("test.redis_wake", [&](jobs::Context&) -> Result<void> {
    ++ran;
    return {};
  });
  b.app().jobs().Start();
  // Idle now (JOBS_IDLE_POLL_MS is a minute): only a wake-up can make it look again soon.
  std::this_thread::sleep_for(300ms);
  const auto enqueued = Clock::now();
  auto r = store().app().db().Write([&](db::UnitOfWork& uow) -> Result<void> {
    store().app().jobs().Enqueue(uow, "test.redis_wake", "{}");
    return {};
  });
  ASSERT_TRUE(r);
  while (ran == 0 && Clock::now() - enqueued < 5s) std::this_thread::sleep_for(5ms);
  EXPECT_EQ(ran, 1);
  EXPECT_LT(Clock::now() - enqueued, 2s);
  b.app().jobs().Stop();
}

TEST_F(RedisClusterTest, DiagnosePingsTheConfiguredRedis) {
  auto find = [](const std::vector<app::diagnose::Check>& checks) {
    for (const auto& c : checks) {
      if (c.name == "redis") return c;
    }
    return app::diagnose::Check{"missing", app::diagnose::Status::kFail, ""};
  };
  config::Config cfg = store().app().config();
  const auto ok = find(app::diagnose::RunAll(cfg));
  EXPECT_EQ(ok.status, app::diagnose::Status::kOk) << ok.detail;
  EXPECT_NE(ok.detail.find("PING"), std::string::npos) << ok.detail;
  cfg.redis_url = "redis://127.0.0.1:1";  // nothing listens there
  const auto down = find(app::diagnose::RunAll(cfg));
  EXPECT_EQ(down.status, app::diagnose::Status::kWarn) << down.detail;
}

// Last: it stops and restarts the suite's Redis.
TEST_F(RedisClusterTest, RedisDownTheShopKeepsSellingSaysDegradedAndRecovers) {
  const std::string dir = Env("MODERNO_TEST_REDIS_DIR"), redis_port = Env("MODERNO_TEST_REDIS_PORT");
  ASSERT_FALSE(dir.empty()) << "run through scripts/with-redis.sh";
  TestNode b(store(), clock_->clocks());
  const auto p = MakeProduct("RC-DOWN", 5000, {{"W1", 10}});
  ASSERT_TRUE(RedisScript("stop " + dir));

  // Requests keep working on every node (each limits on its own meanwhile).
  for (std::uint16_t node : {port(), b.port()}) {
    EXPECT_EQ(CallApi(node, "GET", "/api/v1/products/" + std::to_string(p)).status, 200);
    auto login = Login(node, "192.0.2.70");
    EXPECT_EQ(login.status, 401) << login.body;
    EXPECT_FALSE(login.Header("ratelimit-remaining").empty());
  }
  auto order = PlaceOrder(customer_, json::array{Line(p, 1)});
  EXPECT_EQ(order.status, 201) << order.raw;
  auto put = Call("PUT", "/api/v1/products/" + std::to_string(p), json::object{{"price", 5990}}, admin_);
  EXPECT_EQ(put.status, 200) << put.raw;
  // The node's own clients still hear of what happens on it.
  auto local = Stream(port());
  PublishOn(store().app(), "while-down");
  EXPECT_TRUE(WaitForMarker(*local, "while-down")) << local->body();

  json::object health;
  for (auto until = Clock::now() + 5s; Clock::now() < until; std::this_thread::sleep_for(50ms)) {
    health = Health(b.port());
    if (health.at("status") == "degraded") break;
  }
  EXPECT_EQ(health.at("status"), "degraded") << json::serialize(health);
  EXPECT_EQ(health.at("checks").at("redis").at("status"), "degraded");
  HttpClient metrics(port());
  EXPECT_NE(metrics.Get("/metrics").body.find("\nredis_up 0"), std::string::npos);

  ASSERT_TRUE(RedisScript("start " + dir + " " + redis_port));
  const auto restarted = Clock::now();
  bool recovered = false;
  while (!recovered && Clock::now() - restarted < 10s) {
    recovered = Health(port()).at("status") == "healthy" && Health(b.port()).at("status") == "healthy";
    if (!recovered) std::this_thread::sleep_for(50ms);
  }
  const auto took = Clock::now() - restarted;
  EXPECT_TRUE(recovered);
  EXPECT_LT(took, 5s);
  EXPECT_NE(metrics.Get("/metrics").body.find("\nredis_up 1"), std::string::npos);
  // Shared again: an event from A reaches B, and the auth budget is counted across nodes.
  auto on_b = Stream(b.port());
  PublishOn(store().app(), "after-recovery");
  EXPECT_TRUE(WaitForMarker(*on_b, "after-recovery")) << on_b->body();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Login(i % 2 ? b.port() : port(), "192.0.2.80").status, 401);
  EXPECT_EQ(Login(b.port(), "192.0.2.80").status, 429);
}

}  // namespace
}  // namespace moderno::testing
