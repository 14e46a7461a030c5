// Housekeeping on both databases: what real actions left behind (sessions, sign-in attempts,
// email tokens, guest carts, finished jobs, report files) goes once it outlives its retention,
// what is still current stays, the rows removed are counted per table on /metrics, and the
// deletes go in bounded batches.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "orders_fixture.hpp"
#include "platform/housekeeping/housekeeping.hpp"
#include "platform/time/time.hpp"

namespace moderno::testing {
namespace {

class HousekeepingHttpTest : public OrdersTest {
 protected:
  static double Removed(const std::string& table) {
    return store_->app().metrics().Value("housekeeping_rows_deleted_total", {{"table", table}});
  }
  static std::string Now() { return time::ToSql(clock_->clocks().system()); }
  static void Touch(const std::filesystem::path& file, std::chrono::system_clock::time_point when) {
    std::ofstream(file) << "report\n";
    std::filesystem::last_write_time(file, std::chrono::file_clock::from_sys(when));
  }
  static std::int64_t Count(const std::string& table) { return Scalar("SELECT COUNT(*) FROM " + table); }
};

TEST_F(HousekeepingHttpTest, RemovesWhatOutlivedItsRetentionAndKeepsTheRest) {
  const auto p = MakeProduct("HK-1", 1000, {{"W1", 10}});
  // Day 0: a sign-up (verify email token + email job), sign-ins good and bad, a guest cart, the
  // customer's own cart, a dead job, a report file.
  const json::object account{{"email", "hk.ana@correo.cl"}, {"password", "Secreto#2026"}, {"name", "Ana"}};
  ASSERT_EQ(Call("POST", "/api/v1/auth/register", account).status, 201);
  auto login = [&] { return Call("POST", "/api/v1/auth/login", json::object{{"email", "hk.ana@correo.cl"}, {"password", "Secreto#2026"}}); };
  ASSERT_EQ(login().status, 200);
  ASSERT_EQ(Call("POST", "/api/v1/auth/login", json::object{{"email", "hk.ana@correo.cl"}, {"password", "Mala#20260x"}}).status, 401);
  ASSERT_LT(Call("POST", "/api/v1/cart/items", json::serialize(Line(p, 1)), nullptr, {{"X-Cart-Token", "hk-guest-old-0123456789abcdef"}}).status, 300);
  ASSERT_LT(Call("POST", "/api/v1/cart/items", json::serialize(Line(p, 1)), customer_).status, 300);
  store_->app().jobs().RunDue();
  ASSERT_GT(Scalar("SELECT COUNT(*) FROM jobs WHERE status = 'done'"), 0);
  Exec("INSERT INTO jobs (kind, payload, status, attempts, run_after, created_at, updated_at, finished_at) "
       "VALUES ('hk.test', '{}', 'dead', 5, ?, ?, ?, ?)", {Now(), Now(), Now(), Now()});
  const auto exports = std::filesystem::path(store_->app().config().data_dir) / "exports";
  std::filesystem::create_directories(exports);
  Touch(exports / "old-report.csv", clock_->clocks().system());
  const std::int64_t old_guest_cart = Scalar("SELECT id FROM carts WHERE user_id IS NULL");
  const std::int64_t customer_cart = Scalar("SELECT id FROM carts WHERE user_id = ?", {customer_->id});

  // Day 40: everything of day 0 but the dead job (90 days) and the customer's cart is past its
  // retention; a new sign-in, a new guest cart and a new report are not.
  clock_->Advance(std::chrono::hours(24 * 40));
  ASSERT_EQ(login().status, 200);
  ASSERT_LT(Call("POST", "/api/v1/cart/items", json::serialize(Line(p, 1)), nullptr, {{"X-Cart-Token", "hk-guest-new-0123456789abcdef"}}).status, 300);
  Touch(exports / "new-report.csv", clock_->clocks().system());

  std::map<std::string, std::int64_t> before;
  for (const char* t : {"refresh_tokens", "revoked_tokens", "email_tokens", "login_attempts", "carts", "jobs"}) before[t] = Count(t);
  const std::map<std::string, double> metric_before{
      {"refresh_tokens", Removed("refresh_tokens")}, {"email_tokens", Removed("email_tokens")},
      {"login_attempts", Removed("login_attempts")}, {"guest_carts", Removed("guest_carts")},
      {"done_jobs", Removed("done_jobs")}, {"dead_jobs", Removed("dead_jobs")}, {"report_exports", Removed("report_exports")}};
  auto run = store_->app().housekeeper().Run();
  ASSERT_TRUE(run) << run.error().internal;

  // Sessions: only the day-40 refresh token is left (day 0's expired on day 7).
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM refresh_tokens WHERE expires_at < ?", {Now()}), 0);
  EXPECT_GE(Count("refresh_tokens"), 1);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM email_tokens"), 0) << "the verify token expired on day 2";
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM login_attempts"), 1) << "only the day-40 sign-in";
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM carts WHERE id = ?", {old_guest_cart}), 0);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM cart_items WHERE cart_id = ?", {old_guest_cart}), 0) << "its lines too";
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM carts WHERE id = ?", {customer_cart}), 1) << "a customer's cart is theirs";
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM carts WHERE user_id IS NULL"), 1) << "the day-40 guest cart stays";
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE status = 'done' AND finished_at < ?", {Now()}), 0);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE status = 'dead'"), 1) << "kept 90 days";
  EXPECT_FALSE(std::filesystem::exists(exports / "old-report.csv"));
  EXPECT_TRUE(std::filesystem::exists(exports / "new-report.csv"));

  // The metric counts exactly what went, per table.
  EXPECT_EQ(Removed("refresh_tokens") - metric_before.at("refresh_tokens"), before["refresh_tokens"] - Count("refresh_tokens"));
  EXPECT_EQ(Removed("email_tokens") - metric_before.at("email_tokens"), before["email_tokens"] - Count("email_tokens"));
  EXPECT_EQ(Removed("login_attempts") - metric_before.at("login_attempts"), before["login_attempts"] - Count("login_attempts"));
  EXPECT_EQ(Removed("guest_carts") - metric_before.at("guest_carts"), before["carts"] - Count("carts"));
  EXPECT_EQ(Removed("done_jobs") - metric_before.at("done_jobs"), before["jobs"] - Count("jobs"));
  EXPECT_EQ(Removed("dead_jobs") - metric_before.at("dead_jobs"), 0);
  EXPECT_EQ(Removed("report_exports") - metric_before.at("report_exports"), 1);
  EXPECT_GT(Removed("login_attempts") - metric_before.at("login_attempts"), 0);
  auto metrics = Call("GET", "/metrics");
  EXPECT_NE(metrics.raw.find("housekeeping_rows_deleted_total{table=\"guest_carts\"} "), std::string::npos);

  // A second run finds nothing; on day 100 the dead job goes too.
  const double carts_removed = Removed("guest_carts");
  ASSERT_TRUE(store_->app().housekeeper().Run());
  EXPECT_EQ(Removed("guest_carts"), carts_removed);
  clock_->Advance(std::chrono::hours(24 * 60));
  ASSERT_TRUE(store_->app().housekeeper().Run());
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE status = 'dead'"), 0);
  EXPECT_EQ(Removed("dead_jobs") - metric_before.at("dead_jobs"), 1);
}

TEST_F(HousekeepingHttpTest, DeletesInBoundedBatches) {
  // 1,050 sign-in attempts a year old, 5 from today.
  for (int chunk = 0; chunk < 21; ++chunk) {
    std::string sql = "INSERT INTO login_attempts (email, succeeded, created_at) VALUES ";
    for (int i = 0; i < 50; ++i) sql += std::string(i ? "," : "") + "('batch@correo.cl', 0, '2020-01-01 00:00:00')";
    Exec(sql);
  }
  for (int i = 0; i < 5; ++i) Exec("INSERT INTO login_attempts (email, succeeded, created_at) VALUES ('batch@correo.cl', 0, ?)", {Now()});
  const std::vector<housekeeping::TableRule> rules{
      {"login_attempts", "login_attempts", "id", false, "email = 'batch@correo.cl' AND created_at < ?", std::chrono::hours(24)}};
  std::vector<std::int64_t> batches;
  auto on_removed = [&](const std::string&, std::int64_t n) { batches.push_back(n); };
  auto first = housekeeping::Sweep(store_->app().db(), rules, {}, clock_->clocks().system(), {.batch = 100, .max_batches = 4}, on_removed);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->at(0).second, 400) << "at most max_batches x batch per run";
  EXPECT_EQ(batches, (std::vector<std::int64_t>{100, 100, 100, 100}));
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM login_attempts WHERE email = 'batch@correo.cl'"), 655);
  auto rest = housekeeping::Sweep(store_->app().db(), rules, {}, clock_->clocks().system(), {.batch = 300, .max_batches = 10}, on_removed);
  ASSERT_TRUE(rest);
  EXPECT_EQ(rest->at(0).second, 650);
  EXPECT_EQ(batches.back(), 50) << "the last, short batch ends the run";
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM login_attempts WHERE email = 'batch@correo.cl'"), 5) << "today's stay";
}

}  // namespace
}  // namespace moderno::testing
