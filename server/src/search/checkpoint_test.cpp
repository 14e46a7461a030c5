#include "search/checkpoint.hpp"

#include <gtest/gtest.h>

namespace moderno::search {
namespace {

using namespace std::chrono_literals;

TEST(SearchCheckpoint, MovesOverContiguousIds) {
  Checkpoint c{10, {11, 12, 13}, {}};
  Advance(c, std::chrono::steady_clock::now(), 5000ms);
  EXPECT_EQ(c.applied, 13);
  EXPECT_TRUE(c.above.empty());
}

TEST(SearchCheckpoint, WaitsForAMissingIdThenGivesUpOnIt) {
  const auto t0 = std::chrono::steady_clock::now();
  Checkpoint c{10, {11, 13, 14}, {}};
  Advance(c, t0, 5000ms);
  EXPECT_EQ(c.applied, 11) << "12 may still commit";
  EXPECT_EQ(c.above, (std::set<std::int64_t>{13, 14}));
  // It commits late: the run closes.
  c.above.insert(12);
  Advance(c, t0 + 1s, 5000ms);
  EXPECT_EQ(c.applied, 14);
  EXPECT_TRUE(c.gaps.empty());

  Checkpoint rolled_back{20, {22}, {}};
  Advance(rolled_back, t0, 5000ms);
  EXPECT_EQ(rolled_back.applied, 20);
  Advance(rolled_back, t0 + 4s, 5000ms);
  EXPECT_EQ(rolled_back.applied, 20);
  Advance(rolled_back, t0 + 6s, 5000ms);
  EXPECT_EQ(rolled_back.applied, 22) << "21 never came: its transaction rolled back";
}

}  // namespace
}  // namespace moderno::search
