#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "platform/db/db.hpp"

namespace moderno::db {
namespace {

std::int64_t Synchronous(Database& db) {
  return *db.Write([](UnitOfWork& uow) -> Result<std::int64_t> { return uow.QueryOne("PRAGMA synchronous")->Int(0); });
}

// SQLite's writer syncs the WAL at every commit by default (synchronous=FULL): an order the
// customer was told about survives a power cut. NORMAL is an explicit opt-in in DATABASE_URL.
TEST(SqliteDurability, WriterIsFullByDefaultAndNormalOnlyWhenAsked) {
  const auto dir = std::filesystem::temp_directory_path() / ("moderno-sync-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    Database db("sqlite:" + (dir / "default.db").string(), 1);
    EXPECT_EQ(Synchronous(db), 2) << "FULL";
  }
  {
    Database db("sqlite:" + (dir / "normal.db").string() + "?synchronous=normal", 1);
    EXPECT_EQ(Synchronous(db), 1) << "NORMAL";
    EXPECT_TRUE(std::filesystem::exists(dir / "normal.db")) << "the option is not part of the file name";
  }
  {
    Database db("sqlite:" + (dir / "full.db").string() + "?synchronous=full", 1);
    EXPECT_EQ(Synchronous(db), 2);
  }
  EXPECT_THROW(Database("sqlite:" + (dir / "x.db").string() + "?synchronous=off", 1), DbError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace moderno::db
