// The periodic runner: every task runs at start and then at its own interval, a failing or
// throwing task does not stop the others, and Stop() returns promptly.
#include "platform/periodic/periodic.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

namespace moderno::periodic {
namespace {

TEST(PeriodicRunner, RunsEachTaskAtItsIntervalDespiteFailures) {
  std::atomic<int> fast{0}, slow{0}, failing{0}, throwing{0};
  Runner runner;
  runner.Add("fast", std::chrono::milliseconds(20), [&]() -> Result<void> { ++fast; return {}; });
  runner.Add("slow", std::chrono::hours(1), [&]() -> Result<void> { ++slow; return {}; });
  runner.Add("failing", std::chrono::milliseconds(20), [&]() -> Result<void> {
    ++failing;
    return std::unexpected(Error{.code = Errc::kUnavailable, .internal = "down"});
  });
  runner.Add("throwing", std::chrono::milliseconds(20), [&]() -> Result<void> {
    ++throwing;
    throw std::runtime_error("bug");
  });
  runner.Start();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while ((fast < 5 || failing < 5 || throwing < 5) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const auto t0 = std::chrono::steady_clock::now();
  runner.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(1)) << "Stop does not wait out the hour";
  EXPECT_GE(fast.load(), 5);
  EXPECT_GE(failing.load(), 5);
  EXPECT_GE(throwing.load(), 5);
  EXPECT_EQ(slow.load(), 1) << "run at start, not again within the hour";
}

}  // namespace
}  // namespace moderno::periodic
