#include "platform/time/timestamp.hpp"

#include <gtest/gtest.h>

namespace moderno::time {
namespace {

TEST(Timestamp, ReadsStoredAndIsoForms) {
  EXPECT_EQ(ParseTimestamp("2026-03-01 10:20:30", false), "2026-03-01 10:20:30");
  EXPECT_EQ(ParseTimestamp("2026-03-01T10:20:30Z", false), "2026-03-01 10:20:30");
  EXPECT_EQ(ParseTimestamp("2026-03-01T10:20:30.123Z", false), "2026-03-01 10:20:30");
  EXPECT_EQ(ParseTimestamp("2026-03-01T10:20", false), "2026-03-01 10:20:00");
  EXPECT_EQ(ParseTimestamp("2026-03-01 10:20", false), "2026-03-01 10:20:00");
}

TEST(Timestamp, ConvertsOffsetsToUtc) {
  EXPECT_EQ(ParseTimestamp("2026-03-01T00:30:00-03:00", false), "2026-03-01 03:30:00");
  EXPECT_EQ(ParseTimestamp("2026-03-01T00:30:00+0100", false), "2026-02-28 23:30:00");
  EXPECT_EQ(ParseTimestamp("2026-03-01T00:30:00+00:00", false), "2026-03-01 00:30:00");
}

TEST(Timestamp, BareDateIsFirstOrLastSecond) {
  EXPECT_EQ(ParseTimestamp("2024-02-29", false), "2024-02-29 00:00:00");
  EXPECT_EQ(ParseTimestamp("2024-02-29", true), "2024-02-29 23:59:59");
}

TEST(Timestamp, RefusesWhatIsNoInstant) {
  for (const char* bad : {"", "2026", "2026-3-01", "2025-02-29", "2026-13-01", "2026-04-31",
                          "2026-03-01T24:00:00Z", "2026-03-01T10:60Z", "2026-03-01 10:20:30Z",
                          "2026-03-01T10:20:30+5", "2026-03-01T10:20:30.Z", "mañana",
                          "2026-03-01x", "2026-03-01T10:20:30Zjunk", "1969-12-31"}) {
    EXPECT_EQ(ParseTimestamp(bad, false), std::nullopt) << bad;
  }
}

// Found by the target fuzzer (server/fuzz/corpus/target/crash-timestamp-after-2262): years after
// 2262 overflowed system_clock's nanoseconds (undefined behaviour, a garbage timestamp).
TEST(Timestamp, YearsAfter2262AreConvertedWithoutOverflow) {
  EXPECT_EQ(ParseTimestamp("6025-06-01T10:00:00.123+02:00", false), "6025-06-01 08:00:00");
  EXPECT_EQ(ParseTimestamp("2263-01-01", false), "2263-01-01 00:00:00");
  EXPECT_EQ(ParseTimestamp("9999-12-31", true), "9999-12-31 23:59:59");
  EXPECT_EQ(ParseTimestamp("9999-12-31T23:59:59+23:59", false), "9999-12-31 00:00:59");
}

// An offset that carries the last day of 9999 into the year 10000 has no stored form.
TEST(Timestamp, RefusesAnOffsetPastTheYear9999) {
  EXPECT_EQ(ParseTimestamp("9999-12-31T23:59-23:59", false), std::nullopt);
  EXPECT_EQ(ParseTimestamp("9999-12-31T23:59:59-00:01", false), std::nullopt);
}

}  // namespace
}  // namespace moderno::time
