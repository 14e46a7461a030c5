// GET and POST /api/v1/admin/backups (the backups of the admin "Sistema" page) on both
// databases: an admin asks for a backup, any node's worker takes it, the archive verifies with
// the key, retention keeps what BACKUP_KEEP_DAILY says, and the last success is recorded for
// every node; without BACKUP_KEY_FILE (the data dir holds secrets) it is refused and says why.
#include <fstream>

#include "app/backups.hpp"
#include "orders_fixture.hpp"
#include "platform/backup/backup.hpp"

namespace moderno::testing {
namespace {

namespace fs = std::filesystem;

class BackupsHttpTest : public OrdersTest {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("moderno-backups-test-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_ / "archives");
    {
      std::ofstream key(*dir_ / "backup.key");
      key << "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\n";  // 32 bytes, base64
    }
    const fs::path dir = *dir_;
    configure_ = [dir](config::Config& c) {
      c.backup_dir = (dir / "archives").string();
      c.backup_key_file = (dir / "backup.key").string();
      c.backup_keep_daily = 1;
      c.backup_keep_weekly = 0;
    };
    OrdersTest::SetUpTestSuite();
    configure_ = nullptr;
  }
  static void TearDownTestSuite() {
    OrdersTest::TearDownTestSuite();
    fs::remove_all(*dir_);
    delete dir_;
  }
  static inline fs::path* dir_ = nullptr;
};

TEST_F(BackupsHttpTest, AnAdminAsksForABackupAWorkerTakesItAndRetentionKeepsTheNewest) {
  auto before = Call("GET", "/api/v1/admin/backups", "", admin_);
  ASSERT_EQ(before.status, 200) << before.raw;
  EXPECT_TRUE(before.body.at("ready").as_bool());
  EXPECT_TRUE(before.body.at("archives").as_array().empty());
  EXPECT_TRUE(before.body.at("last_success_at").is_null());
  EXPECT_TRUE(before.body.at("pending").is_null());

  auto asked = Call("POST", "/api/v1/admin/backups", "", admin_);
  ASSERT_EQ(asked.status, 202) << asked.raw;
  const std::int64_t job = asked.body.at("job_id").as_int64();
  EXPECT_EQ(asked.body.at("status_url").as_string(), "/api/v1/admin/jobs/" + std::to_string(job));
  // A second click while it waits finds the same job.
  EXPECT_EQ(Call("POST", "/api/v1/admin/backups", "", admin_).body.at("job_id").as_int64(), job);
  auto waiting = Call("GET", "/api/v1/admin/backups", "", admin_);
  EXPECT_EQ(waiting.body.at("pending").at("job_id").as_int64(), job);

  EXPECT_GE(store_->app().jobs().RunDue(), 1);
  auto done = Call("GET", "/api/v1/admin/backups", "", admin_);
  ASSERT_EQ(done.status, 200);
  EXPECT_TRUE(done.body.at("pending").is_null());
  EXPECT_TRUE(done.body.at("last_success_at").is_string()) << done.raw;
  const auto archives = done.body.at("archives").as_array();
  ASSERT_EQ(archives.size(), 1u) << done.raw;
  EXPECT_GT(archives[0].at("bytes").as_int64(), 0);
  const fs::path first = *dir_ / "archives" / std::string(archives[0].at("name").as_string());
  auto verified = backup::VerifyBackup(first, (*dir_ / "backup.key").string());
  ASSERT_TRUE(verified) << verified.error().detail;
  EXPECT_TRUE(verified->secrets_checked);
  EXPECT_GT(MetricSample("backup_last_success_timestamp_seconds"), 0);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'backup.request'"), 2);

  // A second backup the same day: BACKUP_KEEP_DAILY=1 keeps only the newest.
  ASSERT_EQ(Call("POST", "/api/v1/admin/backups", "", admin_).status, 202);
  EXPECT_GE(store_->app().jobs().RunDue(), 1);
  auto again = Call("GET", "/api/v1/admin/backups", "", admin_);
  const auto kept = again.body.at("archives").as_array();
  ASSERT_EQ(kept.size(), 1u) << again.raw;
  EXPECT_NE(kept[0].at("name").as_string(), archives[0].at("name").as_string());
  EXPECT_FALSE(fs::exists(first));
}

TEST_F(BackupsHttpTest, OnlyAdminsAndAbove) {
  EXPECT_EQ(Call("GET", "/api/v1/admin/backups").status, 401);
  EXPECT_EQ(Call("GET", "/api/v1/admin/backups", "", manager_).status, 403);
  EXPECT_EQ(Call("POST", "/api/v1/admin/backups", "", manager_).status, 403);
  EXPECT_EQ(Call("POST", "/api/v1/admin/backups", "", customer_).status, 403);
}

// Without BACKUP_KEY_FILE the data dir's secrets could not be sealed: refused, nothing queued.
class BackupsWithoutKeyHttpTest : public OrdersTest {};

TEST_F(BackupsWithoutKeyHttpTest, IsRefusedWithTheReasonAndNothingIsQueued) {
  auto status = Call("GET", "/api/v1/admin/backups", "", admin_);
  ASSERT_EQ(status.status, 200) << status.raw;
  EXPECT_FALSE(status.body.at("ready").as_bool());
  EXPECT_NE(std::string(status.body.at("not_ready_reason").as_string()).find("BACKUP_KEY_FILE"), std::string::npos);
  auto asked = Call("POST", "/api/v1/admin/backups", "", admin_);
  EXPECT_EQ(asked.status, 409) << asked.raw;
  EXPECT_NE(asked.raw.find("BACKUP_KEY_FILE"), std::string::npos);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'backup.create'"), 0);
}

}  // namespace
}  // namespace moderno::testing
