// Migrations up, down and up again, on whichever backend this run targets.
#include <gtest/gtest.h>

#include "platform/db/migrate.hpp"
#include "test_store.hpp"

namespace moderno::testing {
namespace {

int CountTables(db::Database& db) {
  auto n = db.Read([](db::UnitOfWork& uow) -> Result<std::int64_t> {
    const char* sql = uow.dialect() == db::Dialect::kSqlite
                          ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
                            "AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'"
                          : "SELECT COUNT(*) FROM information_schema.tables WHERE "
                            "table_schema = DATABASE() AND table_name <> 'schema_migrations'";
    return uow.QueryOne(sql)->Int(0);
  });
  return n ? static_cast<int>(*n) : -1;
}

TEST(Migrations, UpDownUpOnBothDialects) {
  TestDatabase tdb;
  db::Database db(tdb.url(), 1);
  const int latest = db::EmbeddedMigrations(db.dialect()).back().version;

  auto up = db::MigrateUp(db);
  ASSERT_TRUE(up) << up.error().detail;
  EXPECT_EQ(*up, static_cast<int>(db::EmbeddedMigrations(db.dialect()).size()));
  EXPECT_EQ(*db::CurrentVersion(db), latest);
  const int tables = CountTables(db);
  EXPECT_GE(tables, 9);  // users, the catalog, stock and reviews

  auto again = db::MigrateUp(db);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0) << "migrating an up-to-date database must be a no-op";

  auto down = db::MigrateDown(db, 0);
  ASSERT_TRUE(down) << down.error().detail;
  EXPECT_EQ(*db::CurrentVersion(db), 0);
  EXPECT_EQ(CountTables(db), 0);

  ASSERT_TRUE(db::MigrateUp(db));
  EXPECT_EQ(CountTables(db), tables);
}

TEST(Migrations, StatusListsAppliedAndPending) {
  TestDatabase tdb;
  db::Database db(tdb.url(), 1);
  auto before = db::MigrationStatus(db);
  ASSERT_TRUE(before);
  ASSERT_FALSE(before->empty());
  for (const auto& m : *before) EXPECT_FALSE(m.applied);
  ASSERT_TRUE(db::MigrateUp(db, before->front().version));
  auto after = db::MigrationStatus(db);
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->front().applied);
  EXPECT_FALSE(after->front().applied_at.empty());
}

TEST(Migrations, RollbackUndoesOnlyTheLast) {
  TestDatabase tdb;
  db::Database db(tdb.url(), 1);
  ASSERT_TRUE(db::MigrateUp(db));
  const auto& all = db::EmbeddedMigrations(db.dialect());
  auto rolled = db::MigrateDown(db);
  ASSERT_TRUE(rolled);
  EXPECT_EQ(*rolled, 1);
  EXPECT_EQ(*db::CurrentVersion(db), all.size() > 1 ? all[all.size() - 2].version : 0);
}

}  // namespace
}  // namespace moderno::testing
