#include "analytics/dates.hpp"

#include <gtest/gtest.h>

namespace moderno::analytics {
namespace {

TEST(AnalyticsDates, ParsesOnlyRealDates) {
  ASSERT_TRUE(ParseDay("2024-02-29"));
  EXPECT_EQ(FormatDay(*ParseDay("2024-02-29")), "2024-02-29");
  EXPECT_FALSE(ParseDay("2023-02-29"));
  EXPECT_FALSE(ParseDay("2024-13-01"));
  EXPECT_FALSE(ParseDay("2024-1-01"));
  EXPECT_FALSE(ParseDay("2024-01-01T00:00:00Z"));
  EXPECT_FALSE(ParseDay("abcd-ef-gh"));
  EXPECT_FALSE(ParseDay(""));
}

TEST(AnalyticsDates, WeeksStartOnMondayAndMonthsOnTheFirst) {
  EXPECT_EQ(FormatDay(WeekStart(*ParseDay("2026-11-28"))), "2026-11-23");  // a Saturday
  EXPECT_EQ(FormatDay(WeekStart(*ParseDay("2026-11-23"))), "2026-11-23");  // a Monday
  EXPECT_EQ(FormatDay(WeekStart(*ParseDay("2026-11-29"))), "2026-11-23");  // a Sunday
  EXPECT_EQ(FormatDay(WeekStart(*ParseDay("2027-01-01"))), "2026-12-28");
  EXPECT_EQ(FormatDay(MonthStart(*ParseDay("2026-02-17"))), "2026-02-01");
}

TEST(AnalyticsDates, DayOfAnInstantIsUtc) {
  const auto t = std::chrono::sys_days(*ParseDay("2026-03-04")) + std::chrono::hours(23) + std::chrono::minutes(59);
  EXPECT_EQ(FormatDay(DayOf(t)), "2026-03-04");
  EXPECT_EQ(DayOfSql("2026-03-04 23:59:59"), "2026-03-04");
  EXPECT_EQ(StartSql(*ParseDay("2026-03-04")), "2026-03-04 00:00:00");
}

}  // namespace
}  // namespace moderno::analytics
