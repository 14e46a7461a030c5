// A read replica on a real MariaDB replica (scripts/with-mariadb-replica.sh, ctest
// db_replica): reads served by it, read-your-writes on the primary, its lag measured, and
// reads from the primary without errors while it is stale or unreachable.
#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>

#include "test_store.hpp"

namespace moderno::testing {
namespace {

using namespace std::chrono_literals;

const char* ReplicaAdminUrl() { return std::getenv("MODERNO_TEST_MYSQL_REPLICA_URL"); }

// The test database's URL on the replica: same database name, the replica's server.
std::string OnReplica(const std::string& primary_url) {
  const std::string admin = ReplicaAdminUrl();
  return admin.substr(0, admin.rfind('/') + 1) + primary_url.substr(primary_url.rfind('/') + 1);
}

// Polls `done` for up to `limit`.
template <class F>
bool WaitFor(F done, std::chrono::milliseconds limit = 10s) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return done();
}

class ReplicaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!ReplicaAdminUrl()) GTEST_SKIP() << "needs a replica: scripts/with-mariadb-replica.sh (ctest db_replica)";
    db_ = std::make_unique<db::Database>(tdb_.url(), 2);
    ASSERT_TRUE(db_->Write([](db::UnitOfWork& uow) -> Result<void> {
      uow.Exec("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(40) NOT NULL)");
      return {};
    }));
    // The table reaches the replica through replication; a row written there only (which the
    // primary never sees) tells which server answered.
    ASSERT_TRUE(WaitFor([&] {
      try {
        db::Connect(OnReplica(tdb_.url()))->ExecScript("SET sql_log_bin = 0; INSERT INTO notes VALUES (99, 'replica only')");
        return true;
      } catch (const db::DbError&) {
        return false;
      }
    })) << "the table never reached the replica";
  }
  void TearDown() override {
    if (ReplicaAdminUrl()) db::Connect(ReplicaAdminUrl())->ExecScript("START SLAVE");
  }
  void Attach(const std::string& url, std::chrono::milliseconds max_lag = 1s) {
    db_->AttachReplica(db::ReplicaOptions{.url = url, .pool_size = 2, .max_lag = max_lag,
                                          .fresh_window = 1s, .check_interval = 100ms});
  }
  // The ids of the notes, read through ReadReplica (fails the test on an error).
  std::vector<std::int64_t> NoteIds() {
    auto rows = db_->ReadReplica([](db::UnitOfWork& uow) -> Result<db::Rows> {
      return uow.Query("SELECT id FROM notes ORDER BY id");
    });
    EXPECT_TRUE(rows) << rows.error().internal;
    std::vector<std::int64_t> ids;
    if (rows) {
      for (const auto& r : *rows) ids.push_back(r.Int(0));
    }
    return ids;
  }
  void Insert(int id) {
    ASSERT_TRUE(db_->Write([&](db::UnitOfWork& uow) -> Result<void> {
      uow.Exec("INSERT INTO notes VALUES (?, ?)", {std::int64_t{id}, std::string("primary")});
      return {};
    }));
  }
  TestDatabase tdb_;
  std::unique_ptr<db::Database> db_;
};

using Ids = std::vector<std::int64_t>;

TEST_F(ReplicaTest, ReadsAreServedByTheReplicaAndPlainReadsByThePrimary) {
  Attach(OnReplica(tdb_.url()));
  ASSERT_TRUE(WaitFor([&] { return db_->ReplicaState().healthy; })) << db_->ReplicaState().detail;
  EXPECT_EQ(NoteIds(), Ids{99}) << "the replica's own row: the replica answered";
  auto primary = db_->Read([](db::UnitOfWork& uow) -> Result<std::int64_t> {
    return uow.QueryOne("SELECT COUNT(*) FROM notes")->Int(0);
  });
  ASSERT_TRUE(primary);
  EXPECT_EQ(*primary, 0) << "Read stays on the primary";
  EXPECT_GE(db_->ReplicaState().reads, 1u);
  EXPECT_EQ(db_->ReplicaState().lag_seconds, 0.0);
  // Replication carries the primary's writes to the replica.
  Insert(1);
  EXPECT_TRUE(WaitFor([&] { return NoteIds() == Ids{1, 99}; }));
}

TEST_F(ReplicaTest, WritersReadTheirWritesAndAStaleReplicaIsBypassedUntilItCatchesUp) {
  Attach(OnReplica(tdb_.url()));
  ASSERT_TRUE(WaitFor([&] { return db_->ReplicaState().healthy; })) << db_->ReplicaState().detail;
  db::Connect(ReplicaAdminUrl())->ExecScript("STOP SLAVE");
  Insert(1);
  // Within the allowed lag the replica still answers, without the new row.
  EXPECT_EQ(NoteIds(), Ids{99});
  {
    db::Database::PrimaryReads writer;  // a request that wrote, or its client right after
    EXPECT_EQ(NoteIds(), Ids{1});
  }
  db_->ChangedData();  // a catalog change: every replica read goes to the primary for a while
  EXPECT_EQ(NoteIds(), Ids{1});
  // The replica falls behind by more than the allowed second: bypassed, reads from the primary.
  ASSERT_TRUE(WaitFor([&] { return !db_->ReplicaState().healthy; }));
  EXPECT_GE(db_->ReplicaState().lag_seconds, 1.0);
  EXPECT_NE(db_->ReplicaState().detail.find("behind"), std::string::npos) << db_->ReplicaState().detail;
  EXPECT_EQ(NoteIds(), Ids{1});
  // Replication resumes: the replica catches up and serves again (its own row shows it).
  db::Connect(ReplicaAdminUrl())->ExecScript("START SLAVE");
  ASSERT_TRUE(WaitFor([&] { return db_->ReplicaState().healthy; })) << db_->ReplicaState().detail;
  EXPECT_LT(db_->ReplicaState().lag_seconds, 1.0);
  EXPECT_EQ(NoteIds(), (Ids{1, 99}));
}

TEST_F(ReplicaTest, AnUnreachableReplicaLeavesReadsOnThePrimaryWithoutErrors) {
  // Port 1, where nothing listens: connections are refused.
  const std::string url = "mysql://root@127.0.0.1:1/" + tdb_.url().substr(tdb_.url().rfind('/') + 1);
  Attach(url);
  Insert(1);
  ASSERT_TRUE(WaitFor([&] { return db_->ReplicaState().detail.find("unreachable") != std::string::npos; }))
      << db_->ReplicaState().detail;
  EXPECT_FALSE(db_->ReplicaState().healthy);
  EXPECT_EQ(db_->ReplicaState().lag_seconds, -1.0);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(NoteIds(), Ids{1});
}

}  // namespace
}  // namespace moderno::testing
