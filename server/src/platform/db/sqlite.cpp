// SQLite driver: WAL, synchronous=FULL (NORMAL on request), foreign keys, busy timeout, cached
// prepared statements.
#include <sqlite3.h>

#include <filesystem>
#include <unordered_map>

#include "platform/db/db.hpp"

namespace moderno::db {
namespace {

constexpr std::size_t kMaxCachedStatements = 256;

Errc CodeFor(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return Errc::kAborted;
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Errc::kAlreadyExists;
      }
      return Errc::kConflict;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL: return Errc::kUnavailable;
    default: return Errc::kInternal;
  }
}

class SqliteConnection final : public Connection {
 public:
  // `synchronous` is the PRAGMA's value: "FULL" or "NORMAL".
  SqliteConnection(const std::string& path, bool read_only, const std::string& synchronous) {
    if (!read_only) {
      auto parent = std::filesystem::path(path).parent_path();
      if (!parent.empty()) std::filesystem::create_directories(parent);
    }
    int flags = SQLITE_OPEN_NOMUTEX |
                (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw DbError(Errc::kUnavailable, "sqlite open " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    if (!read_only) ExecScript("PRAGMA journal_mode=WAL");
    // FULL in WAL mode syncs the log at every commit, so a confirmed order survives a power cut;
    // NORMAL (opt-in) may lose the last commits then, though never corrupts the file.
    ExecScript("PRAGMA synchronous=" + synchronous + "; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY");
  }

  ~SqliteConnection() override {
    for (auto& [_, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Rows Query(std::string_view sql, const std::vector<Value>& params) override {
    sqlite3_stmt* stmt = Prepare(sql, params);
    Rows rows;
    const int ncol = sqlite3_column_count(stmt);
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) Throw(rc, sql, stmt);
      std::vector<Value> cells;
      cells.reserve(ncol);
      for (int i = 0; i < ncol; ++i) {
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_INTEGER: cells.emplace_back(std::int64_t{sqlite3_column_int64(stmt, i)}); break;
          case SQLITE_FLOAT: cells.emplace_back(sqlite3_column_double(stmt, i)); break;
          case SQLITE_NULL: cells.emplace_back(kNull); break;
          default: {
            auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
            cells.emplace_back(std::string(p ? p : "", sqlite3_column_bytes(stmt, i)));
          }
        }
      }
      rows.emplace_back(std::move(cells));
    }
    sqlite3_reset(stmt);
    return rows;
  }

  ExecResult Exec(std::string_view sql, const std::vector<Value>& params) override {
    sqlite3_stmt* stmt = Prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) Throw(rc, sql, stmt);
    sqlite3_reset(stmt);
    return ExecResult{sqlite3_changes64(db_), sqlite3_last_insert_rowid(db_)};
  }

  void ExecScript(std::string_view sql) override {
    char* err = nullptr;
    std::string text(sql);
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      throw DbError(CodeFor(rc), "sqlite: " + msg);
    }
  }

  void Begin() override { ExecScript("BEGIN IMMEDIATE"); }
  void Commit() override { ExecScript("COMMIT"); }
  void Rollback() override {
    if (!sqlite3_get_autocommit(db_)) ExecScript("ROLLBACK");
  }
  bool Ping() override { return db_ != nullptr; }

 private:
  sqlite3_stmt* Prepare(std::string_view sql, const std::vector<Value>& params) {
    std::string key(sql);
    sqlite3_stmt* stmt = nullptr;
    if (auto it = cache_.find(key); it != cache_.end()) {
      stmt = it->second;
      sqlite3_reset(stmt);
      sqlite3_clear_bindings(stmt);
    } else {
      if (cache_.size() >= kMaxCachedStatements) {
        for (auto& [_, s] : cache_) sqlite3_finalize(s);
        cache_.clear();
      }
      int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                  SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) {
        throw DbError(CodeFor(rc), std::string("sqlite prepare: ") + sqlite3_errmsg(db_) +
                                       " in: " + key.substr(0, 200));
      }
      cache_.emplace(std::move(key), stmt);
    }
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt)) {
      throw DbError(Errc::kInternal, "sqlite: parameter count mismatch in: " +
                                         std::string(sql.substr(0, 200)));
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i) + 1;
      const Value& v = params[i];
      if (auto pi = std::get_if<std::int64_t>(&v)) sqlite3_bind_int64(stmt, idx, *pi);
      else if (auto pd = std::get_if<double>(&v)) sqlite3_bind_double(stmt, idx, *pd);
      else if (auto ps = std::get_if<std::string>(&v))
        sqlite3_bind_text(stmt, idx, ps->data(), static_cast<int>(ps->size()), SQLITE_STATIC);
      else sqlite3_bind_null(stmt, idx);
    }
    return stmt;
  }

  [[noreturn]] void Throw(int rc, std::string_view sql, sqlite3_stmt* stmt) {
    std::string msg = sqlite3_errmsg(db_);
    sqlite3_reset(stmt);
    throw DbError(CodeFor(rc), "sqlite: " + msg + " in: " + std::string(sql.substr(0, 200)));
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

std::unique_ptr<Connection> ConnectSqlite(const std::string& target, bool read_only) {
  // PATH, or PATH?synchronous=full|normal.
  std::string path = target, synchronous = "FULL";
  if (const auto q = target.find('?'); q != std::string::npos) {
    path = target.substr(0, q);
    const std::string option = target.substr(q + 1);
    if (option == "synchronous=full") {
      synchronous = "FULL";
    } else if (option == "synchronous=normal") {
      synchronous = "NORMAL";
    } else {
      throw DbError(Errc::kInvalidArgument,
                    "DATABASE_URL: unknown SQLite option '" + option + "' (synchronous=full or synchronous=normal)");
    }
  }
  if (read_only && !std::filesystem::exists(path)) read_only = false;
  return std::make_unique<SqliteConnection>(path, read_only, synchronous);
}

}  // namespace moderno::db
