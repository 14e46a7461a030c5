#include "events/hub.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "events/order_events.hpp"
#include "events/tickets.hpp"

namespace moderno::events {
namespace {

Hub MakeHub(std::size_t ring = 1000, std::size_t queue = 256, int per_user = 5, int total = 1000) {
  return Hub(HubOptions{.node_id = "n1", .ring_size = ring, .queue_size = queue,
                        .max_per_user = per_user, .max_total = total},
             std::make_unique<LocalTransport>());
}

Event ForCustomer(std::int64_t customer, std::string data = "{}") {
  return Event{"order.status_changed", customer, true, std::move(data)};
}
Event StaffOnly(std::string type = "order.placed") { return Event{std::move(type), std::nullopt, true, "{}"}; }

// The ids ("id: ...") in a block of frames, in order.
std::vector<std::string> Ids(const std::string& frames) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while ((at = frames.find("id: ", at)) != std::string::npos) {
    const auto end = frames.find('\n', at);
    out.push_back(frames.substr(at + 4, end - at - 4));
    at = end;
  }
  return out;
}

TEST(EventsHub, FramesCarryIdEventAndDataLines) {
  EXPECT_EQ(Hub::Frame("n1-3", "order.paid", "{\"a\":1}"), "id: n1-3\nevent: order.paid\ndata: {\"a\":1}\n\n");
  EXPECT_EQ(Hub::Frame("", "x", "a\nb"), "event: x\ndata: a\ndata: b\n\n");
}

TEST(EventsHub, CustomersSeeOnlyTheirOwnOrdersAndStaffSeeTheFeed) {
  EXPECT_TRUE(CanSee({7, false}, ForCustomer(7)));
  EXPECT_FALSE(CanSee({8, false}, ForCustomer(7)));
  EXPECT_FALSE(CanSee({7, false}, StaffOnly()));
  EXPECT_TRUE(CanSee({1, true}, StaffOnly()));
  EXPECT_TRUE(CanSee({1, true}, ForCustomer(7)));

  Hub hub = MakeHub();
  auto alice = hub.Subscribe({7, false}, std::nullopt);
  auto bob = hub.Subscribe({8, false}, std::nullopt);
  auto staff = hub.Subscribe({1, true}, std::nullopt);
  ASSERT_TRUE(alice && bob && staff);
  (void)(*alice)->Take(), (void)(*bob)->Take(), (void)(*staff)->Take();  // the retry: line
  hub.Publish(ForCustomer(7));
  hub.Publish(StaffOnly("stock.low"));
  EXPECT_EQ(Ids(*(*alice)->Take()), (std::vector<std::string>{"n1-1"}));
  EXPECT_TRUE(Ids(*(*bob)->Take()).empty());
  EXPECT_EQ(Ids(*(*staff)->Take()), (std::vector<std::string>{"n1-1", "n1-2"}));
}

TEST(EventsHub, ResumeReplaysWhatWasMissedOnceAndInOrder) {
  Hub hub = MakeHub();
  for (int i = 0; i < 5; ++i) hub.Publish(ForCustomer(i % 2 == 0 ? 7 : 8));  // ids 1..5; 7 sees 1,3,5
  auto sub = hub.Subscribe({7, false}, std::string_view("n1-1"));
  ASSERT_TRUE(sub);
  hub.Publish(ForCustomer(7));  // 6, live
  const std::string got = *(*sub)->Take();
  EXPECT_EQ(Ids(got), (std::vector<std::string>{"n1-3", "n1-5", "n1-6"}));
  EXPECT_EQ(got.find("stream.reset"), std::string::npos);
  EXPECT_EQ(hub.last_id(), "n1-6");
}

TEST(EventsHub, AnIdOlderThanTheRingIsSaidAndWhatIsKeptReplayed) {
  Hub hub = MakeHub(/*ring=*/3);
  for (int i = 0; i < 6; ++i) hub.Publish(StaffOnly());  // keeps 4,5,6
  auto sub = hub.Subscribe({1, true}, std::string_view("n1-1"));
  ASSERT_TRUE(sub);
  const std::string got = *(*sub)->Take();
  EXPECT_NE(got.find("event: stream.reset"), std::string::npos);
  EXPECT_NE(got.find("\"reason\":\"too_old\""), std::string::npos);
  EXPECT_EQ(Ids(got), (std::vector<std::string>{"n1-4", "n1-5", "n1-6"}));

  // Just before the oldest kept: nothing lost, no reset.
  auto exact = hub.Subscribe({2, true}, std::string_view("n1-3"));
  ASSERT_TRUE(exact);
  const std::string exact_got = *(*exact)->Take();
  EXPECT_EQ(exact_got.find("stream.reset"), std::string::npos);
  EXPECT_EQ(Ids(exact_got).size(), 3u);

  // Another node's (or a previous run's) id.
  auto other = hub.Subscribe({3, true}, std::string_view("zz-2"));
  ASSERT_TRUE(other);
  EXPECT_NE((*other)->Take()->find("\"reason\":\"other_node\""), std::string::npos);
}

TEST(EventsHub, ASubscriberThatFallsBehindIsDroppedAndOthersKeepReceiving) {
  Hub hub = MakeHub(1000, /*queue=*/3);
  auto slow = hub.Subscribe({1, true}, std::nullopt);
  auto fast = hub.Subscribe({2, true}, std::nullopt);
  ASSERT_TRUE(slow && fast);
  (void)(*slow)->Take();
  (void)(*fast)->Take();  // the retry: line, so that SetWake has nothing to tell at once
  int wakes = 0;
  (*fast)->SetWake([&wakes] { ++wakes; });
  for (int i = 0; i < 10; ++i) {
    hub.Publish(StaffOnly());
    ASSERT_TRUE((*fast)->Take().has_value());  // keeps up
  }
  EXPECT_EQ(wakes, 10);
  EXPECT_TRUE((*slow)->dropped());
  EXPECT_FALSE((*slow)->Take().has_value()) << "a dropped subscriber ends its stream";
  EXPECT_EQ(hub.dropped(), 1u);
  EXPECT_EQ(hub.subscribers(), 1u);
}

TEST(EventsHub, ConnectionsAreLimitedPerUserAndInTotal) {
  Hub hub = MakeHub(1000, 256, /*per_user=*/2, /*total=*/3);
  auto a1 = hub.Subscribe({1, false}, std::nullopt);
  auto a2 = hub.Subscribe({1, false}, std::nullopt);
  auto a3 = hub.Subscribe({1, false}, std::nullopt);
  ASSERT_TRUE(a1 && a2);
  ASSERT_FALSE(a3);
  EXPECT_EQ(a3.error().code, Errc::kResourceExhausted);
  auto b1 = hub.Subscribe({2, false}, std::nullopt);
  auto b2 = hub.Subscribe({2, false}, std::nullopt);
  ASSERT_TRUE(b1);
  ASSERT_FALSE(b2);
  EXPECT_EQ(b2.error().code, Errc::kUnavailable);
  hub.Unsubscribe(*a1);
  EXPECT_TRUE(hub.Subscribe({2, false}, std::nullopt));
}

TEST(EventsTickets, AValidTicketWorksOnceWithinItsLifetime) {
  auto now = std::chrono::system_clock::now();
  TicketIssuer issuer("secret", std::chrono::seconds(60), [&now] { return now; });
  http::Principal p;
  p.user_id = 42;
  p.role = http::Role::kAdmin;
  const std::string t = issuer.Issue(p);
  auto used = issuer.Redeem(t);
  ASSERT_TRUE(used);
  EXPECT_EQ(used->user_id, 42);
  EXPECT_EQ(used->role, http::Role::kAdmin);
  EXPECT_FALSE(issuer.Redeem(t)) << "single use";

  const std::string late = issuer.Issue(p);
  now += std::chrono::seconds(61);
  EXPECT_FALSE(issuer.Redeem(late)) << "expired";

  const std::string fresh = issuer.Issue(p);
  std::string forged = fresh;
  forged.replace(0, 2, "43");  // another user, same signature
  EXPECT_FALSE(issuer.Redeem(forged));
  TicketIssuer other("other secret", std::chrono::seconds(60), [&now] { return now; });
  EXPECT_FALSE(other.Redeem(fresh)) << "signed with another key";
  EXPECT_FALSE(issuer.Redeem("garbage"));
  EXPECT_TRUE(issuer.Redeem(fresh));
}

TEST(EventsOrderEvents, StatusChangesGoToTheCustomerAndStaffNewOrdersToStaffOnly) {
  orders::Order o;
  o.id = 5;
  o.order_number = "ORD-5";
  o.user_id = 9;
  o.status = orders::OrderStatus::kPending;
  o.payment_status = "pending";
  o.currency = "CLP";
  o.totals.total_amount = 1190;
  orders::OrderEvent e;
  e.kind = orders::kOrderStatusChanged;
  e.order = o;
  e.from_status = "pending";
  e.to_status = "processing";
  e.at = "2026-11-28 10:00:00";
  Event live = ToLiveEvent(e);
  EXPECT_EQ(live.type, "order.status_changed");
  EXPECT_EQ(live.customer_id, 9);
  EXPECT_TRUE(live.staff);
  EXPECT_NE(live.data.find("\"status\":\"processing\""), std::string::npos);
  EXPECT_NE(live.data.find("\"at\":\"2026-11-28T10:00:00Z\""), std::string::npos);

  e.kind = orders::kOrderPlaced;
  EXPECT_FALSE(ToLiveEvent(e).customer_id.has_value());
  orders::OrderEvent low;
  low.kind = orders::kStockLow;
  low.product_id = 3;
  Event stock = ToLiveEvent(low);
  EXPECT_FALSE(stock.customer_id.has_value());
  EXPECT_NE(stock.data.find("\"product_id\":3"), std::string::npos);
}

}  // namespace
}  // namespace moderno::events

namespace moderno::events {
namespace {

// A log shared by nodes, as the Redis stream is: it numbers each event "<ms>-<n>" and hands it
// to every hub attached, in order.
class SharedLog {
 public:
  class Attached : public Transport {
   public:
    explicit Attached(SharedLog& log) : log_(log) {}
    void SetReceiver(std::function<void(Event)> receiver) override { log_.receivers_.push_back(std::move(receiver)); }
    void Publish(Event event) override { log_.Append(std::move(event)); }
    bool SharedIds() const override { return true; }

   private:
    SharedLog& log_;
  };
  void Append(Event event) {
    event.id = std::to_string(ms_) + "-" + std::to_string(n_++);
    for (auto& r : receivers_) r(event);
  }
  // Numbers an event without delivering it (a node that has not read it yet).
  std::string Skip() { return std::to_string(ms_) + "-" + std::to_string(n_++); }
  const std::uint64_t ms_ = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                          std::chrono::system_clock::now().time_since_epoch())
                                                          .count());
  std::uint64_t n_ = 0;
  std::vector<std::function<void(Event)>> receivers_;
};

Hub SharedHub(SharedLog& log, const std::string& node, std::size_t ring = 1000) {
  return Hub(HubOptions{.node_id = node, .ring_size = ring}, std::make_unique<SharedLog::Attached>(log));
}

TEST(EventsHubSharedLog, IdsAreTheLogsAndResumeWorksOnAnotherNode) {
  SharedLog log;
  Hub a = SharedHub(log, "a");
  Hub c = SharedHub(log, "c");
  auto on_a = a.Subscribe({1, true}, std::nullopt);
  ASSERT_TRUE(on_a);
  a.Publish(StaffOnly("e1"));
  const auto seen = Ids(*(*on_a)->Take());
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_TRUE(ParseLogPosition(seen[0]));
  a.Publish(StaffOnly("e2"));
  c.Publish(StaffOnly("e3"));
  auto on_c = c.Subscribe({1, true}, seen[0]);
  ASSERT_TRUE(on_c);
  const std::string frames = *(*on_c)->Take();
  EXPECT_EQ(frames.find("stream.reset"), std::string::npos) << frames;
  EXPECT_EQ(Ids(frames), (std::vector<std::string>{std::to_string(log.ms_) + "-1", std::to_string(log.ms_) + "-2"}));
  EXPECT_EQ(c.last_id(), std::to_string(log.ms_) + "-2");
}

TEST(EventsHubSharedLog, AnIdAheadOfThisNodeSkipsWhatTheClientHasAndNothingElse) {
  SharedLog log;
  Hub b = SharedHub(log, "b");
  b.Publish(StaffOnly());
  // The client saw an event on another node that this one has not read yet.
  const std::string ahead = log.Skip();
  auto sub = b.Subscribe({1, true}, ahead);
  ASSERT_TRUE(sub);
  const std::string replayed = *(*sub)->Take();
  EXPECT_TRUE(Ids(replayed).empty()) << replayed;
  EXPECT_EQ(replayed.find("stream.reset"), std::string::npos);
  b.Publish(StaffOnly());
  EXPECT_EQ(Ids(*(*sub)->Take()), std::vector<std::string>{std::to_string(log.ms_) + "-2"});
}

TEST(EventsHubSharedLog, TooOldOrFarFutureIdsAreSaidAndEverythingKeptIsReplayed) {
  SharedLog log;
  Hub b = SharedHub(log, "b", 2);
  for (int i = 0; i < 4; ++i) b.Publish(StaffOnly());
  auto old = b.Subscribe({1, true}, std::to_string(log.ms_) + "-0");
  ASSERT_TRUE(old);
  std::string frames = *(*old)->Take();
  EXPECT_NE(frames.find("\"reason\":\"too_old\""), std::string::npos) << frames;
  EXPECT_EQ(Ids(frames).size(), 2u);
  auto future = b.Subscribe({2, true}, std::to_string(log.ms_ + 3600 * 1000) + "-0");
  ASSERT_TRUE(future);
  frames = *(*future)->Take();
  EXPECT_NE(frames.find("\"reason\":\"unknown_id\""), std::string::npos) << frames;
  EXPECT_EQ(Ids(frames).size(), 2u);
  auto garbage = b.Subscribe({3, true}, "not-an-id");
  ASSERT_TRUE(garbage);
  EXPECT_NE((*(*garbage)->Take()).find("\"reason\":\"unknown_id\""), std::string::npos);
}

}  // namespace
}  // namespace moderno::events
