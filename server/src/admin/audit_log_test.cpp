#include "admin/audit_log.hpp"

#include <gtest/gtest.h>

namespace moderno::admin {
namespace {

// from and to are read by time::ParseTimestamp, as every timestamp parameter: an offset is
// converted to UTC and minutes without seconds are accepted.
TEST(AuditQuery, ReadsFromAndToAsTimestamps) {
  auto read = [](std::string from, std::string to) {
    return ParseAuditQuery({{"from", std::move(from)}, {"to", std::move(to)}});
  };
  auto dates = read("2024-03-05", "2024-03-05");
  ASSERT_TRUE(dates);
  EXPECT_EQ(dates->from, "2024-03-05 00:00:00");
  EXPECT_EQ(dates->to, "2024-03-05 23:59:59");
  auto utc = read("2024-03-05T10:20:30Z", "2024-03-05 10:20:30");
  ASSERT_TRUE(utc);
  EXPECT_EQ(utc->from, "2024-03-05 10:20:30");
  EXPECT_EQ(utc->to, "2024-03-05 10:20:30");
  auto offsets = read("2024-03-05T10:20:30+00:00", "2024-03-05T10:20:30-03:00");
  ASSERT_TRUE(offsets);
  EXPECT_EQ(offsets->from, "2024-03-05 10:20:30");
  EXPECT_EQ(offsets->to, "2024-03-05 13:20:30");
  auto minutes = read("2024-02-29", "2024-03-05 10:20");
  ASSERT_TRUE(minutes);
  EXPECT_EQ(minutes->from, "2024-02-29 00:00:00");
  EXPECT_EQ(minutes->to, "2024-03-05 10:20:00");
}

TEST(AuditQuery, RefusesTimestampsThatAreNone) {
  for (const char* bad : {"ayer", "2024-3-5", "2024-13-01", "2023-02-29", "2024-04-31",
                          "2024-03-05T25:00:00Z", "2024-03-05x", "2024-03-05 10:20:30Z"}) {
    auto q = ParseAuditQuery({{"from", bad}});
    ASSERT_FALSE(q) << bad;
    ASSERT_EQ(q.error().fields.size(), 1u) << bad;
    EXPECT_EQ(q.error().fields[0].field, "from") << bad;
    EXPECT_EQ(q.error().fields[0].code, "invalid") << bad;
  }
}

TEST(AuditQuery, ValidatesEveryParameter) {
  auto ok = ParseAuditQuery({{"actor", "7"},
                             {"entity", "product"},
                             {"action", "product.update"},
                             {"from", "2024-01-01"},
                             {"to", "2024-01-31"},
                             {"page", "2"},
                             {"limit", "50"}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->actor_user_id, 7);
  EXPECT_EQ(ok->to, "2024-01-31 23:59:59");
  EXPECT_EQ(ok->page, 2);
  EXPECT_EQ(ok->limit, 50);

  auto bad = ParseAuditQuery({{"actor", "0"},
                              {"from", "2024-02-01"},
                              {"to", "2024-01-01"},
                              {"limit", "101"},
                              {"entity", std::string(65, 'x')}});
  ASSERT_FALSE(bad);
  std::vector<std::string> fields;
  for (const auto& e : bad.error().fields) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"limit", "actor", "entity", "from"}));
}

}  // namespace
}  // namespace moderno::admin
