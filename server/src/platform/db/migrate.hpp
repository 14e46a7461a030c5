#pragma once
// Versioned schema migrations, embedded in the binary from server/schema/<dialect>/.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/db/db.hpp"

namespace moderno::db {

// One migration as shipped in the repository.
struct Migration {
  int version;
  std::string_view name;
  std::string_view up;
  std::string_view down;
};

// The migrations compiled into this binary for a dialect, by version.
const std::vector<Migration>& EmbeddedMigrations(Dialect dialect);

// A migration and whether the database has it.
struct MigrationState {
  int version;
  std::string name;
  bool applied;
  std::string applied_at;
};

// Lists every known migration with its state.
Result<std::vector<MigrationState>> MigrationStatus(Database& db);

// Applies pending migrations up to `to` (all when nullopt); returns how many ran.
Result<int> MigrateUp(Database& db, std::optional<int> to = std::nullopt);

// Undoes applied migrations above `to` (the last one when nullopt); returns how many ran.
Result<int> MigrateDown(Database& db, std::optional<int> to = std::nullopt);

// The highest applied version (0 when none).
Result<int> CurrentVersion(Database& db);

}  // namespace moderno::db
