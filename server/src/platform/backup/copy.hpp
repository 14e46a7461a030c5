#pragma once
// Copies a whole database between connections of either dialect (SQLite, MariaDB/MySQL): the
// target is migrated to the source's schema version, every table is read from one consistent
// snapshot of the source in primary-key batches and inserted with ids and timestamps as they
// are, then every table's row count and checksum are compared on both sides.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "platform/db/db.hpp"
#include "platform/error.hpp"

namespace moderno::backup {

// Rows and an order-independent checksum of one table (the same on both dialects for the
// same data: every value is compared by its text).
struct TableSummary {
  std::string table;
  std::int64_t rows = 0;
  std::string checksum;
  bool operator==(const TableSummary&) const = default;
};

// Called with rows copied so far and the total.
using Progress = std::function<void(std::int64_t done, std::int64_t total)>;

struct CopyReport {
  int schema_version = 0;
  std::int64_t rows = 0;
  std::vector<TableSummary> tables;
};

// The tables of a database other than the migrations' bookkeeping, by name.
std::vector<std::string> DataTables(db::Connection& conn);

// True when the database at `url` has any table at all (a migrated or used database).
bool HasTables(db::Connection& conn);

// Starts a read-only transaction that sees one consistent snapshot (MariaDB: START
// TRANSACTION WITH CONSISTENT SNAPSHOT; SQLite: a deferred transaction's first read).
void BeginSnapshot(db::Connection& conn);

// Row counts and checksums of every data table, read in batches.
std::vector<TableSummary> Summarize(db::Connection& conn);

// Copies everything from `from_url` to `to_url`. A target holding any table is refused unless
// `replace` (then its rows are deleted first). Fails, naming the table, when a count or
// checksum differs at the end.
Result<CopyReport> CopyData(const std::string& from_url, const std::string& to_url, bool replace,
                            const Progress& progress = nullptr);

// The schema version recorded in a database (0 when it has none).
int SchemaVersion(db::Connection& conn);

}  // namespace moderno::backup
