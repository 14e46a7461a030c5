#include "admin/audit_log.hpp"

#include <gtest/gtest.h>

namespace moderno::admin {
namespace {

TEST(AuditTimestamp, AcceptsDatesAndUtcTimestamps) {
  EXPECT_EQ(ParseTimestamp("2024-03-05", false), "2024-03-05 00:00:00");
  EXPECT_EQ(ParseTimestamp("2024-03-05", true), "2024-03-05 23:59:59");
  EXPECT_EQ(ParseTimestamp("2024-03-05T10:20:30Z", false), "2024-03-05 10:20:30");
  EXPECT_EQ(ParseTimestamp("2024-03-05T10:20:30+00:00", false), "2024-03-05 10:20:30");
  EXPECT_EQ(ParseTimestamp("2024-03-05 10:20:30", true), "2024-03-05 10:20:30");
  EXPECT_EQ(ParseTimestamp("2024-02-29", false), "2024-02-29 00:00:00");
}

TEST(AuditTimestamp, RefusesAnythingElse) {
  for (const char* bad :
       {"", "ayer", "2024-3-5", "2024-13-01", "2023-02-29", "2024-04-31", "2024-03-05T25:00:00Z",
        "2024-03-05T10:20:30-03:00", "2024-03-05x", "2024-03-05 10:20"}) {
    EXPECT_FALSE(ParseTimestamp(bad, false)) << bad;
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
