// The reservation sweep and housekeeping run once per tick across every node: three nodes of
// one shop (one database) with SWEEP_INTERVAL_SECONDS=1 run the sweep at most once a second
// between them, not once a second each, and the sweep still releases what expired.
#include <thread>

#include "orders_fixture.hpp"

namespace moderno::testing {
namespace {

class OncePerTickHttpTest : public OrdersTest {
 protected:
  static void SetUpTestSuite() {
    configure_ = [](config::Config& c) { c.sweep_interval_seconds = 1; };
    OrdersTest::SetUpTestSuite();
    configure_ = nullptr;
  }
  static double Runs(app::App& app, const char* task) {
    return app.metrics().Value("scheduled_task_runs_total", {{"task", task}});
  }
};

TEST_F(OncePerTickHttpTest, ThreeNodesSweepOnceATickBetweenThem) {
  TestNode second(*store_, {}, "node2");
  TestNode third(*store_, {}, "node3");
  app::App* nodes[] = {&store_->app(), &second.app(), &third.app()};
  const auto started = std::chrono::steady_clock::now();
  const auto hour = [] {
    return std::chrono::duration_cast<std::chrono::hours>(std::chrono::system_clock::now().time_since_epoch()).count();
  };
  const auto first_hour = hour();
  for (app::App* a : nodes) a->StartBackground();
  std::this_thread::sleep_for(std::chrono::milliseconds(6000));
  double total = 0;
  int nodes_that_ran = 0;
  for (app::App* a : nodes) {
    const double runs = Runs(*a, "reservation-sweep");
    total += runs;
    nodes_that_ran += runs > 0;
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // Each node polls every second: alone, three nodes would run it about 3 x 6 times.
  EXPECT_GE(total, 2) << "the sweep runs";
  EXPECT_LE(total, elapsed + 1) << "at most once per one-second tick across the three nodes";
  EXPECT_GE(nodes_that_ran, 1);
  // Housekeeping (hourly; looked for every 5 s) ran once in this hour's tick, on one node only
  // (twice if the test ran across the turn of an hour).
  double housekeeping = 0;
  for (app::App* a : nodes) housekeeping += Runs(*a, "housekeeping");
  EXPECT_GE(housekeeping, 1);
  EXPECT_LE(housekeeping, 1 + (hour() != first_hour));
}

}  // namespace
}  // namespace moderno::testing
