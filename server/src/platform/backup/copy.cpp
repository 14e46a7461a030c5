#include "platform/backup/copy.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "platform/db/batch.hpp"
#include "platform/db/migrate.hpp"

namespace moderno::backup {
namespace {

constexpr std::int64_t kBatchRows = 1000;

// A table's columns in order and its primary key.
struct TableInfo {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::string> key;
};

std::string Quoted(const std::string& name) {
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) {
      throw db::DbError(Errc::kInternal, "unexpected table or column name: " + name);
    }
  }
  return "`" + name + "`";
}

std::string Joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + Quoted(n);
  return out;
}

TableInfo Describe(db::Connection& conn, const std::string& table) {
  TableInfo t{table, {}, {}};
  if (conn.dialect() == db::Dialect::kSqlite) {
    std::map<std::int64_t, std::string> key;
    for (const auto& r : conn.Query("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", {table})) {
      t.columns.push_back(r.Str(0));
      if (r.Int(1) > 0) key[r.Int(1)] = r.Str(0);
    }
    for (auto& [_, k] : key) t.key.push_back(k);
  } else {
    for (const auto& r : conn.Query("SELECT column_name FROM information_schema.columns WHERE table_schema = "
                                    "DATABASE() AND table_name = ? ORDER BY ordinal_position", {table})) {
      t.columns.push_back(r.Str(0));
    }
    for (const auto& r : conn.Query("SELECT column_name FROM information_schema.statistics WHERE table_schema = "
                                    "DATABASE() AND table_name = ? AND index_name = 'PRIMARY' ORDER BY seq_in_index",
                                    {table})) {
      t.key.push_back(r.Str(0));
    }
  }
  return t;
}

// Reads a table in batches, in key order: by key ranges when the key is one column, by offset
// otherwise (inside a snapshot either way, so no row is seen twice or missed).
void Scan(db::Connection& conn, const TableInfo& t, const std::function<void(const db::Rows&)>& fn) {
  const std::string select = "SELECT " + Joined(t.columns) + " FROM " + Quoted(t.name);
  if (t.key.size() == 1) {
    std::size_t ki = 0;
    while (t.columns[ki] != t.key[0]) ++ki;
    const std::string k = Quoted(t.key[0]);
    std::optional<db::Value> last;
    for (;;) {
      db::Rows rows = last ? conn.Query(select + " WHERE " + k + " > ? ORDER BY " + k + " LIMIT ?", {*last, kBatchRows})
                           : conn.Query(select + " ORDER BY " + k + " LIMIT ?", {kBatchRows});
      if (rows.empty()) return;
      last = rows.back().Cell(ki);
      fn(rows);
      if (static_cast<std::int64_t>(rows.size()) < kBatchRows) return;
    }
  }
  const std::string order = Joined(t.key.empty() ? t.columns : t.key);
  for (std::int64_t offset = 0;; offset += kBatchRows) {
    db::Rows rows = conn.Query(select + " ORDER BY " + order + " LIMIT ? OFFSET ?", {kBatchRows, offset});
    if (rows.empty()) return;
    fn(rows);
    if (static_cast<std::int64_t>(rows.size()) < kBatchRows) return;
  }
}

// Every value by its text, so that the same data checks out equal on both dialects (an
// integer 1 and a text "1" agree; NULL differs from every text).
void AppendCanonical(std::string& out, const db::Value& v) {
  std::string text;
  if (std::holds_alternative<std::monostate>(v)) {
    out += "N;";
    return;
  }
  if (auto i = std::get_if<std::int64_t>(&v)) {
    text = std::to_string(*i);
  } else if (auto d = std::get_if<double>(&v)) {
    char buf[40];
    if (std::floor(*d) == *d && std::fabs(*d) < 9e15) std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(*d));
    else std::snprintf(buf, sizeof buf, "%.17g", *d);
    text = buf;
  } else {
    text = std::get<std::string>(v);
  }
  out += std::to_string(text.size()) + ":" + text + ";";
}

// Sum of every row's SHA-256 in four 64-bit lanes: independent of row order (the dialects sort
// text keys by different collations) and not fooled by rows that cancel out.
class TableChecksum {
 public:
  void Add(const db::Row& row) {
    std::string canon;
    for (std::size_t i = 0; i < row.size(); ++i) AppendCanonical(canon, row.Cell(i));
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(canon.data()), canon.size());
    for (int lane = 0; lane < 4; ++lane) {
      std::uint64_t v = 0;
      for (int b = 0; b < 8; ++b) v = (v << 8) | h[lane * 8 + b];
      lanes_[lane] += v;
    }
    ++rows_;
  }
  TableSummary Summary(const std::string& table) const {
    char hex[65];
    for (int lane = 0; lane < 4; ++lane) {
      std::snprintf(hex + lane * 16, 17, "%016llx", static_cast<unsigned long long>(lanes_[lane]));
    }
    return {table, rows_, hex};
  }

 private:
  std::uint64_t lanes_[4] = {0, 0, 0, 0};
  std::int64_t rows_ = 0;
};

void SetForeignKeys(db::Connection& conn, bool on) {
  if (conn.dialect() == db::Dialect::kSqlite) conn.ExecScript(on ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF");
  else conn.ExecScript(on ? "SET FOREIGN_KEY_CHECKS=1" : "SET FOREIGN_KEY_CHECKS=0");
}

// Migrates the target to exactly the source's version.
Result<void> MigrateTarget(const std::string& to_url, int version) {
  db::Database target(to_url, 1);
  auto current = db::CurrentVersion(target);
  if (!current) return std::unexpected(current.error());
  Result<int> ran = 0;
  if (*current < version) ran = db::MigrateUp(target, version);
  else if (*current > version) ran = db::MigrateDown(target, version);
  if (!ran) return std::unexpected(ran.error());
  return {};
}

// Copies one table (the target's rows replaced) in its own transaction; returns the source's
// summary of what it read.
TableSummary CopyTable(db::Connection& src, db::Connection& dst, const TableInfo& t, std::int64_t& done,
                       std::int64_t total, const Progress& progress) {
  TableChecksum sum;
  const std::string insert = "INSERT INTO " + Quoted(t.name) + " (" + Joined(t.columns) + ") VALUES ";
  dst.Begin();
  try {
    db::UnitOfWork uow(dst);
    uow.Exec("DELETE FROM " + Quoted(t.name));
    Scan(src, t, [&](const db::Rows& rows) {
      std::vector<std::vector<db::Value>> values;
      values.reserve(rows.size());
      for (const auto& r : rows) {
        sum.Add(r);
        std::vector<db::Value> cells;
        cells.reserve(r.size());
        for (std::size_t i = 0; i < r.size(); ++i) cells.push_back(r.Cell(i));
        values.push_back(std::move(cells));
      }
      db::InsertMany(uow, insert, t.columns.size(), values);
      done += static_cast<std::int64_t>(rows.size());
      if (progress) progress(done, total);
    });
    dst.Commit();
  } catch (...) {
    try { dst.Rollback(); } catch (...) {}
    throw;
  }
  return sum.Summary(t.name);
}

Result<CopyReport> CopyAll(db::Connection& src, db::Connection& dst, int version, const Progress& progress) {
  CopyReport report;
  report.schema_version = version;
  BeginSnapshot(src);
  std::vector<TableInfo> tables;
  std::int64_t total = 0;
  const auto target_tables = DataTables(dst);
  const std::set<std::string> on_target(target_tables.begin(), target_tables.end());
  for (const auto& name : DataTables(src)) {
    if (!on_target.contains(name)) {
      return Fail(Errc::kConflict, "table " + name + " is missing on the target at schema version " + std::to_string(version));
    }
    tables.push_back(Describe(src, name));
    total += src.Query("SELECT COUNT(*) FROM " + Quoted(name), {}).at(0).Int(0);
  }
  SetForeignKeys(dst, false);
  std::int64_t done = 0;
  if (progress) progress(0, total);
  for (const auto& t : tables) report.tables.push_back(CopyTable(src, dst, t, done, total, progress));
  SetForeignKeys(dst, true);
  src.Rollback();
  report.rows = done;
  BeginSnapshot(dst);
  const auto copied = Summarize(dst);
  dst.Rollback();
  std::map<std::string, TableSummary> by_name;
  for (const auto& s : copied) by_name[s.table] = s;
  for (const auto& s : report.tables) {
    const auto it = by_name.find(s.table);
    if (it == by_name.end() || !(it->second == s)) {
      return Fail(Errc::kInternal, "table " + s.table + " differs after the copy (source " + std::to_string(s.rows) +
                                       " rows, target " + std::to_string(it == by_name.end() ? 0 : it->second.rows) + ")");
    }
  }
  return report;
}

}  // namespace

std::vector<std::string> DataTables(db::Connection& conn) {
  std::vector<std::string> out;
  const char* sql = conn.dialect() == db::Dialect::kSqlite
                        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                          "AND name <> 'schema_migrations' ORDER BY name"
                        : "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND "
                          "table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY table_name";
  for (const auto& r : conn.Query(sql, {})) out.push_back(r.Str(0));
  // By byte order: the dialects' collations sort '_' differently.
  std::sort(out.begin(), out.end());
  return out;
}

bool HasTables(db::Connection& conn) {
  const char* sql = conn.dialect() == db::Dialect::kSqlite
                        ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
                        : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()";
  return conn.Query(sql, {}).at(0).Int(0) > 0;
}

void BeginSnapshot(db::Connection& conn) {
  if (conn.dialect() == db::Dialect::kSqlite) {
    conn.ExecScript("BEGIN");
  } else {
    conn.ExecScript("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    conn.ExecScript("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
  }
}

std::vector<TableSummary> Summarize(db::Connection& conn) {
  std::vector<TableSummary> out;
  for (const auto& name : DataTables(conn)) {
    TableChecksum sum;
    Scan(conn, Describe(conn, name), [&](const db::Rows& rows) {
      for (const auto& r : rows) sum.Add(r);
    });
    out.push_back(sum.Summary(name));
  }
  return out;
}

int SchemaVersion(db::Connection& conn) {
  const char* sql = conn.dialect() == db::Dialect::kSqlite
                        ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
                        : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND "
                          "table_name = 'schema_migrations'";
  if (conn.Query(sql, {}).at(0).Int(0) == 0) return 0;
  return static_cast<int>(conn.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {}).at(0).Int(0));
}

Result<CopyReport> CopyData(const std::string& from_url, const std::string& to_url, bool replace,
                            const Progress& progress) {
  try {
    auto src = db::Connect(from_url, true);
    const int version = SchemaVersion(*src);
    if (version == 0) return Fail(Errc::kInvalidArgument, "the source database has no schema: nothing to copy");
    {
      auto probe = db::Connect(to_url);
      if (HasTables(*probe) && !replace) {
        return Fail(Errc::kConflict, "the target database is not empty; pass --force to replace what it holds");
      }
    }
    if (auto migrated = MigrateTarget(to_url, version); !migrated) return std::unexpected(migrated.error());
    auto dst = db::Connect(to_url);
    return CopyAll(*src, *dst, version, progress);
  } catch (const db::DbError& e) {
    return Fail(e.code(), "copy failed", e.what());
  }
}

}  // namespace moderno::backup
