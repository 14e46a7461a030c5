// GET /api/v1/admin/system (the admin "Sistema" page) on both databases: admins see this node's
// version and uptime, every dependency's health, the job queue and housekeeping figures that
// follow real changes; managers and customers do not.
#include "orders_fixture.hpp"
#include "platform/time/time.hpp"

namespace moderno::testing {
namespace {

class SystemHttpTest : public OrdersTest {
 protected:
  static json::object Dependency(const Reply& r, const std::string& name) {
    for (const auto& d : r.body.at("dependencies").as_array()) {
      if (d.at("name").as_string() == name) return d.as_object();
    }
    ADD_FAILURE() << "no dependency " << name << " in " << r.raw;
    return {};
  }
};

TEST_F(SystemHttpTest, AdminsSeeTheNodeItsDependenciesJobsAndHousekeeping) {
  auto r = Call("GET", "/api/v1/admin/system", "", admin_);
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body.at("node").at("version").as_string(), app::kVersion);
  EXPECT_GE(r.body.at("node").at("uptime_seconds").as_int64(), 0);
  EXPECT_FALSE(r.body.at("node").at("host").as_string().empty());
  const auto db = Dependency(r, "database");
  EXPECT_EQ(db.at("status").as_string(), "ok");
  EXPECT_EQ(db.at("detail").as_string(), UsingMysql() ? "mysql" : "sqlite");
  EXPECT_EQ(db.at("migrations_pending").as_int64(), 0);
  EXPECT_GT(db.at("migrations_applied").as_int64(), 10);
  for (const char* name : {"search_index", "disk", "mail", "cache"}) {
    EXPECT_FALSE(Dependency(r, name).at("status").as_string().empty()) << name;
  }
  EXPECT_EQ(Dependency(r, "mail").at("detail").as_string(), "files");
  EXPECT_GT(Dependency(r, "disk").at("free_bytes").as_int64(), 0);

  // A dead job and housekeeping that removed an expired session show up.
  const std::int64_t dead = r.body.at("jobs").at("dead").as_int64();
  // (dead today: kept 90 days by housekeeping)
  const std::string now = time::ToSql(clock_->clocks().system());
  Exec("INSERT INTO jobs (kind, payload, status, attempts, run_after, created_at, updated_at, last_error) "
       "VALUES ('sys.test', '{}', 'dead', 5, ?, ?, ?, 'x')", {now, now, now});
  Exec("INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES (?, 'f', 'sys-hash', '2020-01-01 00:00:00')",
       {customer_->id});
  ASSERT_TRUE(store_->app().housekeeper().Run());
  auto after = Call("GET", "/api/v1/admin/system", "", admin_);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.body.at("jobs").at("dead").as_int64(), dead + 1);
  const auto& hk = after.body.at("housekeeping").as_object();
  EXPECT_EQ(hk.at("interval_seconds").as_int64(), 3600);
  EXPECT_TRUE(hk.at("last_success_at").is_string());
  bool seen_tokens = false, seen_carts = false;
  for (const auto& t : hk.at("tables").as_array()) {
    if (t.at("table").as_string() == "refresh_tokens") {
      seen_tokens = true;
      EXPECT_GE(t.at("removed_since_start").as_int64(), 1);
    }
    if (t.at("table").as_string() == "guest_carts") {
      seen_carts = true;
      EXPECT_EQ(t.at("retention_days").as_int64(), 30);
    }
  }
  EXPECT_TRUE(seen_tokens && seen_carts) << after.raw;
}

TEST_F(SystemHttpTest, OnlyAdminsAndAbove) {
  EXPECT_EQ(Call("GET", "/api/v1/admin/system").status, 401);
  EXPECT_EQ(Call("GET", "/api/v1/admin/system", "", customer_).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/admin/system", "", manager_).status, 403);
}

}  // namespace
}  // namespace moderno::testing
