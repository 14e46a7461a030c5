// Live events over Server-Sent Events, on real sockets and both databases: who sees what,
// resuming with Last-Event-ID, tickets for EventSource, keep-alives, connection limits, a slow
// consumer dropped while others keep receiving, and server stop ending the streams.
#include <thread>

#include "orders_fixture.hpp"
#include "sse_client.hpp"

namespace moderno::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kQueueSize = 4;
constexpr int kMaxPerUser = 3;

class EventsHttpTest : public OrdersTest {
 protected:
  static void SetUpTestSuite() {
    configure_ = [](config::Config& c) {
      c.events_queue_size = kQueueSize;  // tiny: a consumer that stops reading is dropped soon
      c.events_max_per_user = kMaxPerUser;
      c.events_keepalive_ms = 300;
      c.events_node_id = "t1";
    };
    OrdersTest::SetUpTestSuite();
    configure_ = nullptr;
  }

  static SseClient::Headers Bearer(const TestUser* u) { return {{"Authorization", "Bearer " + u->access_token}}; }
  static std::unique_ptr<SseClient> Open(const TestUser* u, SseClient::Headers extra = {}) {
    auto h = Bearer(u);
    for (auto& kv : extra) h.push_back(kv);
    auto c = std::make_unique<SseClient>(store_->port(), "/api/v1/events", h);
    EXPECT_EQ(c->status, 200) << c->body();
    return c;
  }
  static std::string Id(const Reply& order) { return std::to_string(order.body.at("id").as_int64()); }
  static json::object Data(const SseEvent& e) { return json::parse(e.data).as_object(); }
  // The events of a stream about one order.
  static std::vector<SseEvent> About(const SseClient& c, std::int64_t order_id) {
    std::vector<SseEvent> out;
    for (const auto& e : c.Events()) {
      auto d = Data(e);
      if (d.contains("order_id") && d.at("order_id").as_int64() == order_id) out.push_back(e);
    }
    return out;
  }
  static void SetStatus(const Reply& order, const std::string& status) {
    ASSERT_EQ(Call("PUT", "/api/v1/orders/" + Id(order) + "/status", json::object{{"status", status}}, admin_).status, 200);
  }
  // Waits (with a deadline) until the hub has `n` streams open.
  static bool WaitForSubscribers(std::size_t n) {
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < until) {
      if (store_->app().events().subscribers() == n) return true;
      std::this_thread::sleep_for(5ms);
    }
    return false;
  }
};

TEST_F(EventsHttpTest, WithoutValidAuthTheStreamIs401ProblemJson) {
  SseClient none(store_->port(), "/api/v1/events");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.Header("content-type"), "application/problem+json");
  EXPECT_NE(none.Header("www-authenticate").find("Bearer"), std::string::npos);
  SseClient bad(store_->port(), "/api/v1/events", {{"Authorization", "Bearer not-a-token"}});
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(Call("POST", "/api/v1/events/ticket").status, 401);
}

TEST_F(EventsHttpTest, StreamHeadersAndKeepAlive) {
  auto s = Open(customer_);
  EXPECT_EQ(s->Header("content-type"), "text/event-stream; charset=utf-8");
  EXPECT_EQ(s->Header("cache-control"), "no-cache");
  EXPECT_EQ(s->Header("x-accel-buffering"), "no");
  EXPECT_EQ(s->Header("transfer-encoding"), "chunked");
  EXPECT_FALSE(s->Header("x-request-id").empty());
  EXPECT_TRUE(s->WaitFor(": keep-alive\n\n", 5s)) << s->body();
}

TEST_F(EventsHttpTest, CustomerSeesOwnOrderStatusChangesAndNeverAnotherCustomers) {
  const auto p = MakeProduct("SSE-1", 5000, {{"W1", 50}});
  auto mine = Open(customer_);
  auto theirs = Open(other_);
  auto other_order = PlaceOrder(other_, json::array{Line(p, 1)});
  ASSERT_EQ(other_order.status, 201) << other_order.raw;
  auto order = PlaceOrder(customer_, json::array{Line(p, 1)});
  ASSERT_EQ(order.status, 201) << order.raw;
  const std::int64_t other_id = other_order.body.at("id").as_int64();
  const std::int64_t id = order.body.at("id").as_int64();
  // The other customer's order changes first: anything visible of it would arrive before ours.
  SetStatus(other_order, "confirmed");
  SetStatus(order, "confirmed");

  ASSERT_TRUE(mine->ReadUntil([&](const std::string&) { return !About(*mine, id).empty(); }, 10s)) << mine->body();
  const auto seen = About(*mine, id);
  ASSERT_EQ(seen.size(), 1u) << mine->body() << " (order.placed is for staff)";
  EXPECT_EQ(seen[0].event, "order.status_changed");
  EXPECT_TRUE(seen[0].id.starts_with("t1-")) << seen[0].id;
  const auto d = Data(seen[0]);
  EXPECT_EQ(d.at("type").as_string(), "order.status_changed");
  EXPECT_EQ(d.at("status").as_string(), "confirmed");
  EXPECT_EQ(d.at("from_status").as_string(), "pending");
  EXPECT_EQ(d.at("order_number").as_string(), order.body.at("order_number").as_string());
  EXPECT_TRUE(d.contains("payment_status") && d.contains("total_amount") && d.contains("at"));
  EXPECT_TRUE(About(*mine, other_id).empty()) << mine->body();
  EXPECT_EQ(mine->body().find(std::string(other_order.body.at("order_number").as_string())), std::string::npos);

  ASSERT_TRUE(theirs->ReadUntil([&](const std::string&) { return !About(*theirs, other_id).empty(); }, 10s));
  // Ours was published after theirs; give it the time it took ours to arrive, then check.
  theirs->Drain(200ms);
  EXPECT_TRUE(About(*theirs, id).empty()) << theirs->body();
  for (const auto& e : theirs->Events()) EXPECT_NE(e.event, "stock.low");
}

TEST_F(EventsHttpTest, StaffSeeNewOrdersPaymentsAndLowStockAlerts) {
  const auto p = MakeProduct("SSE-2", 3000, {{"W1", 5}}, /*reorder_point=*/3);
  auto admin = Open(admin_);
  auto manager = Open(manager_);
  auto order = PlaceOrder(customer_, json::array{Line(p, 2)});  // 3 left: alert opens
  ASSERT_EQ(order.status, 201) << order.raw;
  const std::int64_t id = order.body.at("id").as_int64();
  ASSERT_EQ(Call("POST", "/api/v1/admin/orders/" + Id(order) + "/mark-paid", "", admin_).status, 200);

  for (auto* s : {admin.get(), manager.get()}) {
    ASSERT_TRUE(s->ReadUntil([&](const std::string&) {
      bool placed = false, low = false, paid = false;
      for (const auto& e : s->Events()) {
        auto d = Data(e);
        placed |= e.event == "order.placed" && d.at("order_id").as_int64() == id;
        paid |= e.event == "order.paid" && d.at("order_id").as_int64() == id;
        low |= e.event == "stock.low" && d.at("product_id").as_int64() == p;
      }
      return placed && low && paid;
    }, 10s)) << s->body();
  }
  for (const auto& e : admin->Events()) {
    if (e.event != "stock.low") continue;
    auto d = Data(e);
    EXPECT_EQ(d.at("available").as_int64(), 3);
    EXPECT_EQ(d.at("reorder_point").as_int64(), 3);
  }
  // Ids only grow.
  const auto evs = admin->Events();
  for (std::size_t i = 1; i < evs.size(); ++i) {
    EXPECT_LT(std::stoull(evs[i - 1].id.substr(3)), std::stoull(evs[i].id.substr(3)));
  }
}

TEST_F(EventsHttpTest, ResumeWithLastEventIdReplaysWhatWasMissedWithoutDuplicates) {
  const auto p = MakeProduct("SSE-3", 4000, {{"W1", 50}});
  auto order = PlaceOrder(customer_, json::array{Line(p, 1)});
  ASSERT_EQ(order.status, 201) << order.raw;
  const std::int64_t id = order.body.at("id").as_int64();
  std::string last_id;
  {
    auto s = Open(customer_);
    SetStatus(order, "confirmed");
    ASSERT_TRUE(s->ReadUntil([&](const std::string&) { return About(*s, id).size() == 1; }, 10s)) << s->body();
    last_id = About(*s, id)[0].id;
  }
  // Missed while disconnected.
  SetStatus(order, "processing");
  SetStatus(order, "shipped");

  auto again = Open(customer_, {{"Last-Event-ID", last_id}});
  SetStatus(order, "delivered");  // live, after the replay
  ASSERT_TRUE(again->ReadUntil([&](const std::string&) { return About(*again, id).size() >= 3; }, 10s)) << again->body();
  again->Drain(200ms);
  const auto seen = About(*again, id);
  ASSERT_EQ(seen.size(), 3u) << again->body();
  EXPECT_EQ(Data(seen[0]).at("status").as_string(), "processing");
  EXPECT_EQ(Data(seen[1]).at("status").as_string(), "shipped");
  EXPECT_EQ(Data(seen[2]).at("status").as_string(), "delivered");
  for (const auto& e : seen) EXPECT_NE(e.id, last_id) << "no duplicate of the last seen event";
  EXPECT_EQ(again->body().find("stream.reset"), std::string::npos);

  // An id this node cannot place: said, and what is kept is replayed.
  auto unknown = Open(customer_, {{"Last-Event-ID", "elsewhere-5"}});
  ASSERT_TRUE(unknown->WaitFor("event: stream.reset", 5s)) << unknown->body();
  ASSERT_TRUE(unknown->ReadUntil([&](const std::string&) { return About(*unknown, id).size() >= 4; }, 10s))
      << unknown->body();
}

TEST_F(EventsHttpTest, TicketOpensTheStreamOnceAndExpiredOrForgedTicketsAre401) {
  auto issued = Call("POST", "/api/v1/events/ticket", "", customer_);
  ASSERT_EQ(issued.status, 200) << issued.raw;
  const std::string ticket(issued.body.at("ticket").as_string());
  EXPECT_EQ(issued.body.at("expires_in").as_int64(), 60);

  const auto p = MakeProduct("SSE-4", 4000, {{"W1", 50}});
  auto order = PlaceOrder(customer_, json::array{Line(p, 1)});
  ASSERT_EQ(order.status, 201);
  const std::int64_t id = order.body.at("id").as_int64();
  {
    SseClient s(store_->port(), "/api/v1/events?ticket=" + ticket);
    ASSERT_EQ(s.status, 200) << s.body();
    SetStatus(order, "confirmed");
    ASSERT_TRUE(s.ReadUntil([&](const std::string&) { return About(s, id).size() == 1; }, 10s)) << s.body();
  }
  SseClient reused(store_->port(), "/api/v1/events?ticket=" + ticket);
  EXPECT_EQ(reused.status, 401) << "a ticket is good once";

  // EventSource's reconnect: a new ticket plus last_event_id in the query.
  auto second = Call("POST", "/api/v1/events/ticket", "", customer_);
  std::string forged(second.body.at("ticket").as_string());
  forged[0] = forged[0] == '1' ? '2' : '1';  // another user id under the same signature
  EXPECT_EQ(SseClient(store_->port(), "/api/v1/events?ticket=" + forged).status, 401);
  EXPECT_EQ(SseClient(store_->port(), "/api/v1/events?ticket=abc.def").status, 401);

  auto late = Call("POST", "/api/v1/events/ticket", "", customer_);
  clock_->Advance(61s);
  EXPECT_EQ(SseClient(store_->port(), "/api/v1/events?ticket=" + std::string(late.body.at("ticket").as_string())).status, 401)
      << "expired";
}

TEST_F(EventsHttpTest, TicketReconnectResumesFromTheQueryLastEventId) {
  const auto p = MakeProduct("SSE-5", 4000, {{"W1", 50}});
  auto order = PlaceOrder(customer_, json::array{Line(p, 1)});
  ASSERT_EQ(order.status, 201);
  const std::int64_t id = order.body.at("id").as_int64();
  SetStatus(order, "confirmed");
  const std::string before = store_->app().events().last_id();
  SetStatus(order, "processing");
  auto t = Call("POST", "/api/v1/events/ticket", "", customer_);
  SseClient s(store_->port(), "/api/v1/events?ticket=" + std::string(t.body.at("ticket").as_string()) +
                                  "&last_event_id=" + before);
  ASSERT_EQ(s.status, 200);
  ASSERT_TRUE(s.ReadUntil([&](const std::string&) { return !About(s, id).empty(); }, 10s)) << s.body();
  s.Drain(100ms);
  ASSERT_EQ(About(s, id).size(), 1u) << s.body();
  EXPECT_EQ(Data(About(s, id)[0]).at("status").as_string(), "processing");
}

TEST_F(EventsHttpTest, ConnectionsPerUserAreLimitedAndFreedWhenClientsLeave) {
  ASSERT_TRUE(WaitForSubscribers(0));
  {
    std::vector<std::unique_ptr<SseClient>> open;
    for (int i = 0; i < kMaxPerUser; ++i) open.push_back(Open(manager_));
    SseClient refused(store_->port(), "/api/v1/events", Bearer(manager_));
    EXPECT_EQ(refused.status, 429) << refused.body();
    EXPECT_FALSE(refused.Header("retry-after").empty());
    EXPECT_EQ(Open(admin_)->status, 200) << "the limit is per user";
  }
  // The server notices the clients went away.
  EXPECT_TRUE(WaitForSubscribers(0)) << store_->app().events().subscribers();
  EXPECT_EQ(Open(manager_)->status, 200);
}

TEST_F(EventsHttpTest, ASlowConsumerIsDroppedWhileOthersKeepReceiving) {
  ASSERT_TRUE(WaitForSubscribers(0));
  // Not reading, with a tiny receive window: once the socket buffers fill, its queue fills.
  SseClient slow(store_->port(), "/api/v1/events", Bearer(admin_), /*receive_buffer=*/2048);
  ASSERT_EQ(slow.status, 200);
  auto fast = Open(manager_);
  ASSERT_TRUE(WaitForSubscribers(2));
  const auto dropped_before = store_->app().events().dropped();
  const std::string pad(16 * 1024, 'x');
  int published = 0;
  for (; published < 2000 && store_->app().events().dropped() == dropped_before; ++published) {
    store_->app().events().Publish(events::Event{"test.padding", std::nullopt, true, "{\"pad\":\"" + pad + "\"}"});
    const std::string id = store_->app().events().last_id();
    ASSERT_TRUE(fast->WaitFor("id: " + id + "\n", 10s)) << "the reading client keeps up (event " << published << ")";
    fast->Clear();
  }
  ASSERT_GT(store_->app().events().dropped(), dropped_before) << "not dropped after " << published << " events";
  EXPECT_EQ(store_->app().events().subscribers(), 1u);
  // The other stream goes on.
  store_->app().events().Publish(events::Event{"test.after", std::nullopt, true, "{}"});
  EXPECT_TRUE(fast->WaitFor("event: test.after\n", 10s));
  // The slow one ends once what was in flight is read.
  EXPECT_TRUE(slow.WaitClosed(20s));
  EXPECT_EQ(slow.body().find("event: test.after"), std::string::npos);
}

// A store of its own with a one-second stream lifetime: an idle stream ends by itself (and is
// unsubscribed), so the client must come back with valid credentials.
TEST(EventsLifetime, AStreamEndsAfterItsMaximumAgeEvenWhenIdle) {
  StoreOptions o;
  o.configure = [](config::Config& c) {
    c.events_max_age_s = 1;
    c.events_keepalive_ms = 200;
  };
  TestStore store(o);
  store.Start();
  auto user = store.CreateUser(http::Role::kCustomer);
  const auto start = std::chrono::steady_clock::now();
  SseClient s(store.port(), "/api/v1/events", {{"Authorization", "Bearer " + user.access_token}});
  ASSERT_EQ(s.status, 200);
  EXPECT_TRUE(s.WaitClosed(10s)) << s.body();
  const auto lived = std::chrono::steady_clock::now() - start;
  EXPECT_GE(lived, 900ms);
  EXPECT_LT(lived, 5s);
  const auto until = std::chrono::steady_clock::now() + 5s;
  while (store.app().events().subscribers() != 0 && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(store.app().events().subscribers(), 0u);
}

// A store of its own: stopping the server ends open streams at once.
TEST(EventsServerStop, StopEndsOpenStreams) {
  TestStore store;
  store.Start();
  auto user = store.CreateUser(http::Role::kCustomer);
  SseClient s(store.port(), "/api/v1/events", {{"Authorization", "Bearer " + user.access_token}});
  ASSERT_EQ(s.status, 200);
  const auto start = std::chrono::steady_clock::now();
  store.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s) << "stop did not wait for the stream";
  EXPECT_TRUE(s.WaitClosed(5s));
  EXPECT_EQ(store.app().events().subscribers(), 0u);
}

}  // namespace
}  // namespace moderno::testing
