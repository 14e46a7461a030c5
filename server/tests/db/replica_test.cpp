// A read replica on a real MariaDB replica (scripts/with-mariadb-replica.sh, ctest
// db_replica): reads served by it, read-your-writes on the primary, its lag measured, and
// reads from the primary without errors while it is stale or unreachable.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstdlib>
#include <thread>

#include "http_client.hpp"
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

// Through the server: a product renamed on the replica only shows which server answered.
TEST(ReplicaHttp, AClientThatWroteReadsThePrimaryAndOtherClientsTheReplica) {
  if (!ReplicaAdminUrl()) GTEST_SKIP() << "needs a replica: scripts/with-mariadb-replica.sh (ctest db_replica)";
  TestStore store({.seed_demo = true, .cache_ttl_seconds = 0, .configure = [](config::Config& c) {
                     c.database_replica_url = OnReplica(c.database_url);
                     c.database_replica_fresh_seconds = 2;
                   }});
  store.Start();
  const std::int64_t id = store.Scalar("SELECT MIN(id) FROM products WHERE is_active = 1 AND deleted_at IS NULL");
  const std::string primary_name = store.Text("SELECT name FROM products WHERE id = ?", {id});
  const std::string replica_url = OnReplica(store.database().url());
  ASSERT_TRUE(WaitFor([&] {
    try {
      return !db::Connect(replica_url)->Query("SELECT id FROM products WHERE id = ?", {id}).empty();
    } catch (const db::DbError&) {
      return false;
    }
  })) << "the seeded store never reached the replica";
  db::Connect(replica_url)->ExecScript("SET sql_log_bin = 0; UPDATE products SET name = 'Solo en la replica' WHERE id = " +
                                       std::to_string(id));
  HttpClient client(store.port());
  const std::string path = "/api/v1/products/" + std::to_string(id);
  auto name_of = [](const HttpResult& r) {
    return boost::json::parse(r.body).as_object().at("name").as_string().c_str();
  };
  // Once the replica is in use (and the window after the seed's catalog changes is over), a
  // client that has not written reads it.
  EXPECT_TRUE(WaitFor([&] {
    auto r = client.Get(path);
    return r.status == 200 && std::string(name_of(r)) == "Solo en la replica";
  })) << store.app().db().ReplicaState().detail;
  // A client that wrote a moment ago (its cookie) reads the primary.
  auto fresh = client.Get(path, {{"Cookie", "theme=dark; moderno_rw=1"}});
  ASSERT_EQ(fresh.status, 200);
  EXPECT_EQ(std::string(name_of(fresh)), primary_name);
  // A write hands out that cookie, for the window; a read does not.
  const TestUser user = store.CreateUser(http::Role::kCustomer);
  auto headers = user.auth();
  headers.emplace_back("Content-Type", "application/json");
  auto wrote = client.Request("PUT", "/api/v1/me", headers, R"({"name":"Lectora Reciente"})");
  ASSERT_EQ(wrote.status, 200) << wrote.body;
  EXPECT_NE(wrote.Header("set-cookie").find("moderno_rw=1; Path=/; Max-Age=2"), std::string::npos)
      << wrote.Header("set-cookie");
  EXPECT_EQ(client.Get(path).Header("set-cookie").find("moderno_rw"), std::string::npos);
}

}  // namespace
}  // namespace moderno::testing
