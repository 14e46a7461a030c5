// The database layer on the real backend: types, transactions, errors, hooks and the pool.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "platform/db/migrate.hpp"
#include "test_store.hpp"

namespace moderno::testing {
namespace {

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<db::Database>(tdb_.url(), 3);
    ASSERT_TRUE(db::MigrateUp(*db_));
  }
  Result<std::int64_t> InsertBrand(const std::string& name) {
    return db_->Write([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
      return uow.Exec("INSERT INTO brands (name, slug) VALUES (?, ?)", {name, name + "-slug"})
          .last_insert_id;
    });
  }
  std::int64_t CountBrands() {
    return *db_->Read([](db::UnitOfWork& uow) -> Result<std::int64_t> {
      return uow.QueryOne("SELECT COUNT(*) FROM brands")->Int(0);
    });
  }
  TestDatabase tdb_;
  std::unique_ptr<db::Database> db_;
};

TEST_F(DatabaseTest, RoundTripsNullIntegersAndLongUtf8Text) {
  const std::string long_text = std::string(5000, 'x') + " camión ñandú";
  auto id = db_->Write([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
    return uow.Exec("INSERT INTO brands (name, slug, description, logo_url) VALUES (?, ?, ?, ?)",
                    {std::string("Ñuñoa Ltda"), std::string("nunoa"), long_text, db::kNull})
        .last_insert_id;
  });
  ASSERT_TRUE(id) << id.error().internal;
  EXPECT_GT(*id, 0);
  auto row = db_->Read([&](db::UnitOfWork& uow) -> Result<db::Row> {
    return *uow.QueryOne("SELECT id, name, description, logo_url, created_at FROM brands WHERE id = ?", {*id});
  });
  ASSERT_TRUE(row);
  EXPECT_EQ(row->Int(0), *id);
  EXPECT_EQ(row->Str(1), "Ñuñoa Ltda");
  EXPECT_EQ(row->Str(2), long_text);
  EXPECT_TRUE(row->IsNull(3));
  EXPECT_EQ(row->Str(4).size(), 19u) << "timestamps are 'YYYY-MM-DD HH:MM:SS' on both dialects";
}

TEST_F(DatabaseTest, UniqueViolationIsAlreadyExistsAndChangesNothing) {
  ASSERT_TRUE(InsertBrand("Acme"));
  auto dup = InsertBrand("Acme");
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, Errc::kAlreadyExists);
  EXPECT_EQ(CountBrands(), 1);
}

TEST_F(DatabaseTest, FailedUnitOfWorkRollsBackAndSkipsHooks) {
  bool hook_ran = false;
  auto r = db_->Write([&](db::UnitOfWork& uow) -> Result<int> {
    uow.Exec("INSERT INTO brands (name, slug) VALUES (?, ?)", {std::string("A"), std::string("a")});
    uow.AfterCommit([&] { hook_ran = true; });
    return Fail(Errc::kConflict, "changed my mind");
  });
  EXPECT_FALSE(r);
  EXPECT_FALSE(hook_ran);
  EXPECT_EQ(CountBrands(), 0);

  auto ok = db_->Write([&](db::UnitOfWork& uow) -> Result<int> {
    uow.Exec("INSERT INTO brands (name, slug) VALUES (?, ?)", {std::string("B"), std::string("b")});
    uow.AfterCommit([&] { hook_ran = true; });
    return 1;
  });
  EXPECT_TRUE(ok);
  EXPECT_TRUE(hook_ran);
  EXPECT_EQ(CountBrands(), 1);
}

TEST_F(DatabaseTest, ExceptionInsideUnitOfWorkRollsBack) {
  EXPECT_THROW(db_->Write([&](db::UnitOfWork& uow) -> Result<int> {
    uow.Exec("INSERT INTO brands (name, slug) VALUES (?, ?)", {std::string("C"), std::string("c")});
    throw std::logic_error("bug");
  }),
               std::logic_error);
  EXPECT_EQ(CountBrands(), 0);
}

TEST_F(DatabaseTest, CheckConstraintKeepsReservedWithinQuantity) {
  auto r = db_->Write([&](db::UnitOfWork& uow) -> Result<int> {
    auto cat = uow.Exec("INSERT INTO categories (name, slug) VALUES ('C', 'c')").last_insert_id;
    auto prod = uow.Exec("INSERT INTO products (name, slug, sku, price, category_id) VALUES "
                         "('P', 'p', 'SKU1', 100, ?)", {cat}).last_insert_id;
    auto wh = uow.Exec("INSERT INTO warehouses (code, name, city, region) VALUES "
                       "('W', 'W', 'Santiago', 'RM')").last_insert_id;
    uow.Exec("INSERT INTO inventory (product_id, warehouse_id, quantity, reserved_quantity) "
             "VALUES (?, ?, 5, 6)", {prod, wh});
    return 0;
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::kConflict);
}

TEST_F(DatabaseTest, ConcurrentWritersAllCommit) {
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        if (!InsertBrand("b" + std::to_string(t) + "_" + std::to_string(i))) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(CountBrands(), 100);
  EXPECT_EQ(db_->Stats().in_use, 0);
}

}  // namespace
}  // namespace moderno::testing

namespace moderno::testing {
namespace {

// MariaDB closes idle connections (wait_timeout) and restarts; the pool must recover.
TEST(DatabaseReconnect, ReadsSurviveAKilledConnection) {
  if (!UsingMysql()) GTEST_SKIP() << "MariaDB only: an SQLite file has no server connection to lose";
  TestDatabase tdb;
  db::Database db(tdb.url(), 1);
  auto id = db.Read([](db::UnitOfWork& uow) -> Result<std::int64_t> {
    return uow.QueryOne("SELECT CONNECTION_ID()")->Int(0);
  });
  ASSERT_TRUE(id);
  db::Connect(std::getenv("MODERNO_TEST_MYSQL_URL"))->ExecScript("KILL " + std::to_string(*id));
  auto again = db.Read([](db::UnitOfWork& uow) -> Result<std::int64_t> {
    return uow.QueryOne("SELECT CONNECTION_ID()")->Int(0);
  });
  ASSERT_TRUE(again) << again.error().internal;
  EXPECT_NE(*again, *id) << "a new connection replaced the killed one";
}

}  // namespace
}  // namespace moderno::testing

