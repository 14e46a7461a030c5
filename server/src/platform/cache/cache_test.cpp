#include "platform/cache/cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace moderno::cache {
namespace {

using namespace std::chrono_literals;

TEST(Cache, ReturnsWhatWasPut) {
  Cache c(10, 1 << 20);
  EXPECT_EQ(c.Get("catalog", "a"), nullptr);
  c.Put("catalog", "a", "value", 60s);
  ASSERT_NE(c.Get("catalog", "a"), nullptr);
  EXPECT_EQ(*c.Get("catalog", "a"), "value");
  EXPECT_EQ(c.hits(), 2u);
  EXPECT_EQ(c.misses(), 1u);
}

TEST(Cache, InvalidateDropsOnlyThatNamespace) {
  Cache c(10, 1 << 20);
  c.Put("catalog", "a", "1", 60s);
  c.Put("other", "a", "2", 60s);
  c.Invalidate("catalog");
  EXPECT_EQ(c.Get("catalog", "a"), nullptr);
  ASSERT_NE(c.Get("other", "a"), nullptr);
  EXPECT_EQ(c.entries(), 1u);
  c.Put("catalog", "a", "3", 60s);
  EXPECT_EQ(*c.Get("catalog", "a"), "3");
}

TEST(Cache, EvictsLeastRecentlyUsedBeyondMaxEntries) {
  Cache c(2, 1 << 20);
  c.Put("n", "a", "1", 60s);
  c.Put("n", "b", "2", 60s);
  ASSERT_NE(c.Get("n", "a"), nullptr);  // a is now the most recent
  c.Put("n", "c", "3", 60s);
  EXPECT_NE(c.Get("n", "a"), nullptr);
  EXPECT_EQ(c.Get("n", "b"), nullptr);
  EXPECT_NE(c.Get("n", "c"), nullptr);
}

TEST(Cache, StaysWithinByteBudget) {
  Cache c(1000, 100);
  for (int i = 0; i < 50; ++i) c.Put("n", std::to_string(i), std::string(20, 'x'), 60s);
  EXPECT_LE(c.bytes(), 100u);
  c.Put("n", "huge", std::string(1000, 'x'), 60s);
  EXPECT_EQ(c.Get("n", "huge"), nullptr);
}

TEST(Cache, ExpiredEntriesAreMisses) {
  Cache c(10, 1 << 20);
  c.Put("n", "a", "1", 0s);
  std::this_thread::sleep_for(5ms);
  EXPECT_EQ(c.Get("n", "a"), nullptr);
  EXPECT_EQ(c.entries(), 0u);
}

}  // namespace
}  // namespace moderno::cache

namespace moderno::cache {
namespace {

using namespace std::chrono_literals;

TEST(Cache, ConcurrentMissesShareOneLoad) {
  Cache c(10, 1 << 20);
  std::atomic<int> loads{0};
  auto load = [&]() -> Result<std::string> {
    ++loads;
    std::this_thread::sleep_for(50ms);
    return std::string("page");
  };
  std::vector<std::thread> threads;
  std::atomic<int> hits{0}, ok{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      bool hit = false;
      auto v = c.GetOrLoad("catalog", "k", 60s, load, hit);
      if (v && **v == "page") ++ok;
      if (hit) ++hits;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(loads, 1);
  EXPECT_EQ(ok, 8);
  bool hit = false;
  ASSERT_TRUE(c.GetOrLoad("catalog", "k", 60s, load, hit));
  EXPECT_TRUE(hit);
  EXPECT_EQ(loads, 1);
}

TEST(Cache, ErrorsAreReturnedNotStored) {
  Cache c(10, 1 << 20);
  int loads = 0;
  auto failing = [&]() -> Result<std::string> {
    ++loads;
    return Fail(Errc::kUnavailable, "db down");
  };
  bool hit = false;
  auto r = c.GetOrLoad("n", "k", 60s, failing, hit);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::kUnavailable);
  EXPECT_FALSE(c.GetOrLoad("n", "k", 60s, failing, hit));
  EXPECT_EQ(loads, 2);
  EXPECT_EQ(c.entries(), 0u);
}

TEST(Cache, ValueLoadedAcrossAnInvalidationIsNotServedAfterIt) {
  Cache c(10, 1 << 20);
  bool hit = false;
  auto r = c.GetOrLoad("n", "k", 60s, [&]() -> Result<std::string> {
    c.Invalidate("n");  // a write commits while the old value is being rendered
    return std::string("stale");
  }, hit);
  ASSERT_TRUE(r);
  EXPECT_EQ(c.Get("n", "k"), nullptr);
}

}  // namespace
}  // namespace moderno::cache

namespace moderno::cache {
namespace {

using namespace std::chrono_literals;

// A render of n/`key` on another thread that holds until Release() (or the end of the test):
// what other callers see while a render runs.
class HeldRender {
 public:
  HeldRender(Cache& c, std::string key, std::string value)
      : thread_([this, &c, key = std::move(key), value = std::move(value)] {
          auto v = c.GetOrLoad("n", key, 60s, [&]() -> Result<std::string> {
            std::unique_lock lock(mu_);
            rendering_ = true;
            cv_.notify_all();
            cv_.wait(lock, [&] { return released_; });
            return value;
          }, hit_);
          result_ = v ? **v : std::string();
        }) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return rendering_; });
  }
  ~HeldRender() { Release(); }
  HeldRender(const HeldRender&) = delete;
  HeldRender& operator=(const HeldRender&) = delete;

  void Release() {
    {
      std::lock_guard lock(mu_);
      released_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  // After Release(): what the render's caller got.
  const std::string& result() const { return result_; }
  bool hit() const { return hit_; }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool rendering_ = false, released_ = false, hit_ = true;
  std::string result_;
  std::thread thread_;  // last: it uses the members above
};

TEST(Cache, AfterRefreshTheNextCallerRendersAgain) {
  Cache c(10, 1 << 20);
  c.Put("n", "k", "old", 60s);
  c.Refresh("n");
  EXPECT_EQ(c.Get("n", "k"), nullptr) << "nobody is rendering it: not served";
  bool hit = true;
  auto v = c.GetOrLoad("n", "k", 60s, [] { return Result<std::string>(std::string("new")); }, hit);
  ASSERT_TRUE(v);
  EXPECT_FALSE(hit);
  EXPECT_EQ(**v, "new");
  bool stale = true;
  ASSERT_NE(c.Get("n", "k", true, &stale), nullptr);
  EXPECT_EQ(*c.Get("n", "k"), "new");
  EXPECT_FALSE(stale);
  EXPECT_EQ(c.stale_hits(), 0u);
}

TEST(Cache, WhileOneCallerRendersARefreshedKeyTheOthersGetTheStaleValue) {
  Cache c(10, 1 << 20);
  c.Put("n", "k", "old", 60s);
  c.Refresh("n");
  HeldRender render(c, "k", "new");
  bool stale = false;
  auto during = c.Get("n", "k", true, &stale);
  ASSERT_NE(during, nullptr);
  EXPECT_EQ(*during, "old");
  EXPECT_TRUE(stale);
  bool hit = false;
  stale = false;
  auto waited = c.GetOrLoad("n", "k", 60s, [] { return Result<std::string>(std::string("second render")); }, hit, &stale);
  ASSERT_TRUE(waited);
  EXPECT_EQ(**waited, "old") << "served at once, not after the render";
  EXPECT_TRUE(hit);
  EXPECT_TRUE(stale);
  render.Release();
  EXPECT_FALSE(render.hit());
  EXPECT_EQ(render.result(), "new");
  stale = true;
  EXPECT_EQ(*c.Get("n", "k", true, &stale), "new");
  EXPECT_FALSE(stale);
  EXPECT_EQ(c.stale_hits(), 2u);
}

TEST(Cache, AClaimedKeyIsServedStaleToOthersAndRenderedByItsClaimer) {
  Cache c(10, 1 << 20);
  c.Put("n", "k", "old", 60s);
  c.Refresh("n");
  bool stale = false;
  EXPECT_EQ(c.Get("n", "k", false, &stale, /*claim=*/true), nullptr) << "the first caller claims the render";
  auto other = c.Get("n", "k", false, &stale, /*claim=*/true);
  ASSERT_NE(other, nullptr) << "the next ones get the stale entry at once";
  EXPECT_EQ(*other, "old");
  EXPECT_TRUE(stale);
  int loads = 0;
  bool hit = true;
  auto rendered = c.GetOrLoad("n", "k", 60s, [&] {
    ++loads;
    return Result<std::string>(std::string("new"));
  }, hit, &stale);
  ASSERT_TRUE(rendered);
  EXPECT_EQ(**rendered, "new") << "the claimer renders; it is not served the stale entry";
  EXPECT_FALSE(hit);
  EXPECT_EQ(loads, 1);
  EXPECT_EQ(*c.Get("n", "k", false, &stale, true), "new");
  EXPECT_FALSE(stale);
}

TEST(Cache, AClaimWhoseClaimerNeverComesLapsesAfterASecond) {
  Cache c(10, 1 << 20);
  c.Put("n", "k", "old", 60s);
  c.Refresh("n");
  EXPECT_EQ(c.Get("n", "k", false, nullptr, true), nullptr);
  EXPECT_NE(c.Get("n", "k", false, nullptr, true), nullptr);
  std::this_thread::sleep_for(1100ms);
  EXPECT_EQ(c.Get("n", "k", false, nullptr, true), nullptr) << "claimed again by a new caller";
}

TEST(Cache, WhileTheRefreshSlotIsBusyOtherStaleKeysAreServedStaleAndWaitTheirTurn) {
  Cache c(10, 1 << 20, /*max_refreshing=*/1);
  c.Put("n", "a", "old a", 60s);
  c.Put("n", "b", "old b", 60s);
  c.Refresh("n");
  HeldRender render_a(c, "a", "new a");
  int loads = 0;
  auto render_b = [&] {
    ++loads;
    return Result<std::string>(std::string("new b"));
  };
  bool hit = false, stale = false;
  auto b = c.GetOrLoad("n", "b", 60s, render_b, hit, &stale);
  ASSERT_TRUE(b);
  EXPECT_EQ(**b, "old b") << "the only refresh slot renders a: b is served stale";
  EXPECT_TRUE(stale);
  EXPECT_EQ(loads, 0);
  stale = false;
  auto probed = c.Get("n", "b", false, &stale, /*claim=*/true);
  ASSERT_NE(probed, nullptr);
  EXPECT_TRUE(stale);
  render_a.Release();
  b = c.GetOrLoad("n", "b", 60s, render_b, hit, &stale);
  ASSERT_TRUE(b);
  EXPECT_EQ(**b, "new b") << "the slot is free again: b is rendered";
  EXPECT_FALSE(stale);
  EXPECT_EQ(loads, 1);
  EXPECT_EQ(*c.Get("n", "a"), "new a");
}

TEST(Cache, InvalidateAfterRefreshServesNothingStale) {
  Cache c(10, 1 << 20);
  c.Put("n", "k", "old", 60s);
  c.Refresh("n");
  c.Invalidate("n");
  std::atomic<bool> rendering{false};
  std::thread renderer([&] {
    bool hit = false;
    (void)c.GetOrLoad("n", "k", 60s, [&]() -> Result<std::string> {
      rendering = true;
      std::this_thread::sleep_for(50ms);
      return std::string("new");
    }, hit);
  });
  while (!rendering) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(c.Get("n", "k"), nullptr);
  bool hit = true;
  auto v = c.GetOrLoad("n", "k", 60s, [] { return Result<std::string>(std::string("other")); }, hit);
  ASSERT_TRUE(v);
  EXPECT_EQ(**v, "new") << "waits for the render in flight";
  EXPECT_FALSE(hit);
  renderer.join();
}

TEST(Cache, ARenderFromBeforeARefreshDoesNotReplaceANewerOne) {
  Cache c(10, 1 << 20);
  bool hit = false;
  auto r = c.GetOrLoad("n", "k", 60s, [&]() -> Result<std::string> {
    c.Refresh("n");
    bool inner_hit = false;
    (void)c.GetOrLoad("n", "k", 60s, [] { return Result<std::string>(std::string("newer")); }, inner_hit);
    return std::string("older");
  }, hit);
  ASSERT_TRUE(r);
  EXPECT_EQ(**r, "older");
  EXPECT_EQ(*c.Get("n", "k"), "newer");
}

}  // namespace
}  // namespace moderno::cache
