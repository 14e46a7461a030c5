// Scheduled-task leases on both databases: among several nodes one runs each tick; a crashed
// holder's lease is taken over once it expires and not before; a run longer than its interval
// keeps its lease, so no tick overlaps it and none runs twice.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "platform/db/migrate.hpp"
#include "platform/schedule/lease.hpp"
#include "test_store.hpp"

namespace moderno::testing {
namespace {

using namespace std::chrono_literals;

// One migrated database for the suite (each test leases tasks of its own name).
class LeaseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    target_ = new TestDatabase();
    db::Database db(target_->url(), 1);
    ASSERT_TRUE(db::MigrateUp(db));
  }
  static void TearDownTestSuite() { delete target_; }
  // A node: its own connection pool.
  std::unique_ptr<db::Database> Node() { return std::make_unique<db::Database>(target_->url(), 2); }
  static inline TestDatabase* target_ = nullptr;
};

TEST_F(LeaseTest, SeveralContendersOneWinsPerTick) {
  constexpr int kNodes = 6;
  const schedule::Schedule every_second{1, 0};
  std::mutex mu;
  std::map<std::int64_t, std::vector<int>> winners;
  std::vector<std::thread> threads;
  for (int n = 0; n < kNodes; ++n) {
    threads.emplace_back([&, n] {
      auto db = Node();
      schedule::Lease lease(*db, "contest", "node-" + std::to_string(n), 30s);
      const auto until = std::chrono::steady_clock::now() + 3500ms;
      while (std::chrono::steady_clock::now() < until) {
        auto tick = lease.ClaimTick(every_second);
        ASSERT_TRUE(tick) << tick.error().internal;
        if (*tick) {
          {
            std::lock_guard lock(mu);
            winners[**tick].push_back(n);
          }
          ASSERT_TRUE(lease.Release(true));
        }
        std::this_thread::sleep_for(20ms);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_GE(winners.size(), 3u);
  EXPECT_LE(winners.size(), 5u);
  for (const auto& [tick, nodes] : winners) EXPECT_EQ(nodes.size(), 1u) << "tick " << tick << " ran on several nodes";
}

TEST_F(LeaseTest, ACrashedHoldersLeaseIsTakenOverOnlyAfterItExpires) {
  const schedule::Schedule every_second{1, 0};
  auto a_db = Node(), b_db = Node();
  schedule::Lease a(*a_db, "sweep", "node-a", 3s), b(*b_db, "sweep", "node-b", 3s);
  auto first = a.ClaimTick(every_second);
  ASSERT_TRUE(first && *first);
  const auto claimed_at = std::chrono::steady_clock::now();
  // node-a "crashes": no heartbeat, no release. node-b tries every 100 ms.
  std::optional<std::int64_t> taken;
  while (!taken && std::chrono::steady_clock::now() - claimed_at < 8s) {
    auto t = b.ClaimTick(every_second);
    ASSERT_TRUE(t);
    taken = *t;
    if (!taken) std::this_thread::sleep_for(100ms);
  }
  const auto waited = std::chrono::steady_clock::now() - claimed_at;
  ASSERT_TRUE(taken) << "the stale lease was never taken over";
  EXPECT_GE(waited, 2s) << "taken over before the lease expired";
  EXPECT_GT(*taken, **first);
  // node-a is back: its heartbeat tells it the lease is gone.
  auto alive = a.Heartbeat();
  ASSERT_TRUE(alive);
  EXPECT_FALSE(*alive);
  ASSERT_TRUE(b.Release(true));
  auto last = b.LastSuccess();
  ASSERT_TRUE(last && *last);
  auto now = schedule::DatabaseNow(*b_db);
  ASSERT_TRUE(now);
  EXPECT_LE(std::abs(*now - **last), 2);
}

TEST_F(LeaseTest, ARunLongerThanItsIntervalIsNeverOverlappedNorRepeated) {
  const schedule::Schedule every_second{1, 0};
  std::atomic<int> active{0}, max_active{0};
  std::mutex mu;
  std::vector<std::int64_t> ticks;
  auto task = [&](db::Database* db) {
    return [&, db] {
      const int now_active = ++active;
      int seen = max_active;
      while (now_active > seen && !max_active.compare_exchange_weak(seen, now_active)) {
      }
      {
        std::lock_guard lock(mu);
        ticks.push_back(every_second.TickAt(*schedule::DatabaseNow(*db)));
      }
      std::this_thread::sleep_for(2500ms);  // longer than the interval and than the lease
      --active;
      return true;
    };
  };
  auto a_db = Node(), b_db = Node();
  schedule::ScheduledTask a(*a_db, "long", "node-a", every_second, task(a_db.get()), 50ms, 2s);
  schedule::ScheduledTask b(*b_db, "long", "node-b", every_second, task(b_db.get()), 50ms, 2s);
  a.Start();
  b.Start();
  std::this_thread::sleep_for(6500ms);
  a.Stop();
  b.Stop();
  EXPECT_EQ(max_active.load(), 1) << "two runs overlapped";
  EXPECT_GE(a.runs() + b.runs(), 2);
  EXPECT_LE(a.runs() + b.runs(), 3);
  std::lock_guard lock(mu);
  for (std::size_t i = 1; i < ticks.size(); ++i) EXPECT_GT(ticks[i], ticks[i - 1]);
}

TEST(ScheduleTest, ParsesDailyAtAndIntervals) {
  EXPECT_EQ(schedule::ParseSchedule("daily@03:00")->offset, 3 * 3600);
  EXPECT_EQ(schedule::ParseSchedule("daily@03:00")->interval, 86400);
  EXPECT_EQ(schedule::ParseSchedule("6h")->interval, 6 * 3600);
  EXPECT_EQ(schedule::ParseSchedule("15m")->interval, 900);
  EXPECT_EQ(schedule::ParseSchedule("hourly")->interval, 3600);
  for (const char* bad : {"", "daily@25:00", "daily@3:00", "0h", "5x", "h", "weekly"}) {
    EXPECT_FALSE(schedule::ParseSchedule(bad)) << bad;
  }
  // A tick is the same for every node at the same database time, aligned to the offset.
  const schedule::Schedule at3{86400, 3 * 3600};
  EXPECT_EQ(at3.TickAt(86400 + 3 * 3600 - 1), at3.TickAt(3 * 3600));
  EXPECT_EQ(at3.TickAt(86400 + 3 * 3600), at3.TickAt(3 * 3600) + 1);
}

}  // namespace
}  // namespace moderno::testing
