#include "platform/db/migrate.hpp"

#include <algorithm>

namespace moderno::db {
namespace {

constexpr std::string_view kCreateTableSqlite =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
    "name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)";
constexpr std::string_view kCreateTableMysql =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INT NOT NULL PRIMARY KEY, "
    "name VARCHAR(255) NOT NULL, applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP) "
    "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";

Result<void> EnsureTable(Database& db) {
  return db.Write([&](UnitOfWork& uow) -> Result<void> {
    uow.connection().ExecScript(uow.dialect() == Dialect::kSqlite ? kCreateTableSqlite
                                                                  : kCreateTableMysql);
    return {};
  });
}

Result<std::vector<int>> Applied(Database& db) {
  return db.Write([&](UnitOfWork& uow) -> Result<std::vector<int>> {
    std::vector<int> out;
    for (const Row& r : uow.Query("SELECT version FROM schema_migrations ORDER BY version")) {
      out.push_back(static_cast<int>(r.Int(0)));
    }
    return out;
  });
}

// Runs one script and records it; SQLite does both atomically, MySQL commits DDL implicitly.
Result<void> Apply(Database& db, const Migration& m, bool up) {
  return db.Write([&](UnitOfWork& uow) -> Result<void> {
    uow.connection().ExecScript(up ? m.up : m.down);
    if (up) {
      uow.Exec("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
               {std::int64_t{m.version}, std::string(m.name)});
    } else {
      uow.Exec("DELETE FROM schema_migrations WHERE version = ?", {std::int64_t{m.version}});
    }
    return {};
  });
}

}  // namespace

Result<std::vector<MigrationState>> MigrationStatus(Database& db) {
  if (auto r = EnsureTable(db); !r) return std::unexpected(r.error());
  return db.Read([&](UnitOfWork& uow) -> Result<std::vector<MigrationState>> {
    std::vector<MigrationState> out;
    Rows rows = uow.Query("SELECT version, name, applied_at FROM schema_migrations");
    for (const Migration& m : EmbeddedMigrations(db.dialect())) {
      MigrationState s{m.version, std::string(m.name), false, {}};
      for (const Row& r : rows) {
        if (r.Int(0) == m.version) {
          s.applied = true;
          s.applied_at = r.Str(2);
        }
      }
      out.push_back(std::move(s));
    }
    return out;
  });
}

Result<int> CurrentVersion(Database& db) {
  if (auto r = EnsureTable(db); !r) return std::unexpected(r.error());
  auto applied = Applied(db);
  if (!applied) return std::unexpected(applied.error());
  return applied->empty() ? 0 : applied->back();
}

Result<int> MigrateUp(Database& db, std::optional<int> to) {
  if (auto r = EnsureTable(db); !r) return std::unexpected(r.error());
  auto applied = Applied(db);
  if (!applied) return std::unexpected(applied.error());
  int count = 0;
  for (const Migration& m : EmbeddedMigrations(db.dialect())) {
    if (to && m.version > *to) break;
    if (std::ranges::find(*applied, m.version) != applied->end()) continue;
    if (auto r = Apply(db, m, true); !r) {
      Error e = r.error();
      e.detail = "migration " + std::to_string(m.version) + " (" + std::string(m.name) +
                 ") failed: " + e.internal;
      return std::unexpected(e);
    }
    ++count;
  }
  return count;
}

Result<int> MigrateDown(Database& db, std::optional<int> to) {
  if (auto r = EnsureTable(db); !r) return std::unexpected(r.error());
  auto applied = Applied(db);
  if (!applied) return std::unexpected(applied.error());
  const auto& all = EmbeddedMigrations(db.dialect());
  int count = 0;
  for (auto it = applied->rbegin(); it != applied->rend(); ++it) {
    if (to ? *it <= *to : count == 1) break;
    auto m = std::ranges::find_if(all, [&](const Migration& x) { return x.version == *it; });
    if (m == all.end()) {
      return Fail(Errc::kConflict, "applied migration " + std::to_string(*it) +
                                       " is unknown to this binary; cannot roll it back");
    }
    if (auto r = Apply(db, *m, false); !r) {
      Error e = r.error();
      e.detail = "rollback of migration " + std::to_string(m->version) + " failed: " + e.internal;
      return std::unexpected(e);
    }
    ++count;
  }
  return count;
}

}  // namespace moderno::db
