#pragma once
// Database access for both dialects: values, result rows, connections, a pool and units of work.
// Repositories receive a UnitOfWork and never open transactions themselves.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "platform/error.hpp"

namespace moderno::db {

// The two SQL dialects we speak; SQL that differs lives in per-dialect constants.
enum class Dialect { kSqlite, kMysql };

// A bound parameter or a fetched column.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

// A NULL parameter.
inline constexpr std::monostate kNull{};

// Wraps an optional into a Value (nullopt -> NULL).
template <class T>
Value Opt(const std::optional<T>& v) {
  if (!v) return kNull;
  if constexpr (std::is_integral_v<T>) return static_cast<std::int64_t>(*v);
  else return Value(*v);
}

// One fetched row; accessors convert between integer, real and text as SQL would.
class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  // True when column i is NULL.
  bool IsNull(std::size_t i) const { return std::holds_alternative<std::monostate>(cells_.at(i)); }
  // Column i as an integer (0 for NULL).
  std::int64_t Int(std::size_t i) const;
  // Column i as a double (0 for NULL).
  double Real(std::size_t i) const;
  // Column i as text ("" for NULL).
  std::string Str(std::size_t i) const;
  // Column i as a bool (non-zero).
  bool Bool(std::size_t i) const { return Int(i) != 0; }
  // Column i, or nullopt when NULL.
  std::optional<std::int64_t> OptInt(std::size_t i) const;
  std::optional<double> OptReal(std::size_t i) const;
  std::optional<std::string> OptStr(std::size_t i) const;
  std::size_t size() const { return cells_.size(); }
  // Column i as fetched (copying rows between databases keeps their types).
  const Value& Cell(std::size_t i) const { return cells_.at(i); }

 private:
  std::vector<Value> cells_;
};

// "?, ?, ?": n parameter markers for an IN (...) list built at run time.
inline std::string Placeholders(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s;
}

// A materialised result; queries are paginated so results stay small.
using Rows = std::vector<Row>;

// What a write statement reports.
struct ExecResult {
  std::int64_t affected = 0;
  std::int64_t last_insert_id = 0;
};

// Thrown by drivers for failures; the pool turns it into an Error for the caller.
class DbError : public std::runtime_error {
 public:
  DbError(Errc code, const std::string& what) : std::runtime_error(what), code_(code) {}
  Errc code() const { return code_; }

 private:
  Errc code_;
};

// One connection to the database; not thread-safe, used by one unit of work at a time.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs a prepared (and cached) statement and returns all rows.
  virtual Rows Query(std::string_view sql, const std::vector<Value>& params) = 0;
  // Runs a prepared (and cached) statement that returns no rows.
  virtual ExecResult Exec(std::string_view sql, const std::vector<Value>& params) = 0;
  // Runs several ';'-separated statements without parameters (migrations only).
  virtual void ExecScript(std::string_view sql) = 0;
  // Starts a transaction for writing.
  virtual void Begin() = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;
  // Cheap round trip; false when the connection is broken.
  virtual bool Ping() = 0;
  // True after a connection-level failure; the pool then replaces the connection.
  virtual bool Broken() const { return false; }
};

// Opens one connection for a URL (sqlite:PATH or mysql://user:pass@host:port/db).
std::unique_ptr<Connection> Connect(const std::string& url, bool read_only = false);

// Which backend a URL names, or an error naming what is wrong with it.
Result<Dialect> ParseDialect(const std::string& url);

// A unit of work: one connection, optionally inside a transaction, plus after-commit hooks.
class UnitOfWork {
 public:
  explicit UnitOfWork(Connection& conn) : conn_(conn) {}
  Dialect dialect() const { return conn_.dialect(); }
  Rows Query(std::string_view sql, const std::vector<Value>& params = {}) {
    ++statements_;
    return conn_.Query(sql, params);
  }
  ExecResult Exec(std::string_view sql, const std::vector<Value>& params = {}) {
    ++statements_;
    return conn_.Exec(sql, params);
  }
  // Statements run through this unit of work (tests use it to bound queries per request).
  int statements() const { return statements_; }
  // First row of a query, or nullopt.
  std::optional<Row> QueryOne(std::string_view sql, const std::vector<Value>& params = {});
  // Registers a side effect that runs only if (and after) the transaction commits.
  void AfterCommit(std::function<void()> fn) { after_commit_.push_back(std::move(fn)); }
  Connection& connection() { return conn_; }
  std::vector<std::function<void()>>& after_commit() { return after_commit_; }

 private:
  Connection& conn_;
  std::vector<std::function<void()>> after_commit_;
  int statements_ = 0;
};

// Pool usage, for /health/detailed and metrics.
struct PoolStats {
  int size = 0;
  int in_use = 0;
  int waiting = 0;
};

// A read replica of a MariaDB primary (DATABASE_REPLICA_URL); see replica.hpp.
struct ReplicaOptions {
  std::string url;
  int pool_size = 4;
  // Further behind than this (or unreachable), the replica is not used until it catches up.
  std::chrono::milliseconds max_lag{std::chrono::seconds(30)};
  // After data that replica reads serve changed (ChangedData), reads stay on the primary this
  // long plus the replica's measured lag.
  std::chrono::milliseconds fresh_window{std::chrono::seconds(2)};
  std::chrono::milliseconds check_interval{std::chrono::seconds(1)};
};

// What the replica monitor last saw, for /health/detailed and metrics.
struct ReplicaStatus {
  bool configured = false;
  bool healthy = false;       // serving reads now
  double lag_seconds = -1;    // -1: unknown (unreachable, or not checked yet)
  double max_lag_seconds = 0;
  std::string detail;
  std::uint64_t reads = 0;     // reads it served
  std::uint64_t failures = 0;  // reads that fell back to the primary
};

class Replica;

// Connection pool. SQLite: one writer connection and a pool of readers. MySQL: one pool.
class Database {
 public:
  // Opens `pool_size` reader connections (and one writer for SQLite). Throws DbError.
  Database(std::string url, int pool_size);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return dialect_; }
  // True while the calling thread runs inside a Write of any Database. On SQLite another
  // Write from that thread would wait for its own writer connection.
  static bool WritingOnThisThread() { return writing_depth_ > 0; }
  const std::string& url() const { return url_; }
  int pool_size() const { return pool_size_; }
  PoolStats Stats() const;

  // Runs fn(UnitOfWork&) -> Result<T> on a reader connection without a transaction.
  template <class F>
  auto Read(F&& fn) -> std::invoke_result_t<F, UnitOfWork&> {
    return Run(false, std::forward<F>(fn));
  }
  // Like Read, on the replica when one is attached, healthy and allowed for this read (not
  // inside a PrimaryReads scope, nor within the fresh window after ChangedData); otherwise, and
  // when the replica fails, on the primary. For reads that may be a little behind: catalog,
  // search results, reports.
  template <class F>
  auto ReadReplica(F&& fn) -> std::invoke_result_t<F, UnitOfWork&> {
    if (Database* replica = ReplicaForRead()) {
      auto result = replica->Read(fn);
      if (result || (result.error().code != Errc::kUnavailable && result.error().code != Errc::kInternal)) {
        ReplicaServed();
        return result;
      }
      ReplicaFailed(result.error());
    }
    return Read(fn);
  }
  // Attaches a read replica (MariaDB only) and starts its monitor.
  void AttachReplica(ReplicaOptions options);
  ReplicaStatus ReplicaState() const;
  // Data that replica reads serve changed (a catalog edit, here or seen in the change log):
  // replica reads go to the primary until the replica has surely applied it.
  void ChangedData();
  // While alive, ReadReplica on this thread reads the primary: a request that writes, or one
  // from a client that wrote a moment ago (read-your-writes).
  class PrimaryReads {
   public:
    PrimaryReads() { ++primary_reads_depth_; }
    ~PrimaryReads() { --primary_reads_depth_; }
    PrimaryReads(const PrimaryReads&) = delete;
    PrimaryReads& operator=(const PrimaryReads&) = delete;
  };

  // Runs fn in a write transaction; commits when it succeeds, rolls back when it fails;
  // retries a bounded number of times on lock conflicts; runs after-commit hooks.
  template <class F>
  auto Write(F&& fn) -> std::invoke_result_t<F, UnitOfWork&> {
    return Run(true, std::forward<F>(fn));
  }

 private:
  struct Slot;
  class Lease {
   public:
    Lease(Database& db, Slot* slot) : db_(db), slot_(slot) {}
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& conn();

   private:
    Database& db_;
    Slot* slot_;
  };
  Slot* Acquire(bool write);
  void Release(Slot* slot);
  std::unique_ptr<Connection> Reconnect(bool write);
  // The Error of a failed unit of work: its code, a detail safe for clients, and as `internal`
  // the kind of unit ("read"/"write") and the driver's message with the statement (never its
  // parameters), for the log.
  static Error ToError(const std::exception& e, bool write);

  template <class F>
  auto Run(bool write, F&& fn) -> std::invoke_result_t<F, UnitOfWork&> {
    using R = std::invoke_result_t<F, UnitOfWork&>;
    constexpr int kAttempts = 4;
    for (int attempt = 1;; ++attempt) {
      std::vector<std::function<void()>> hooks;
      std::optional<R> result;
      try {
        Lease lease(*this, Acquire(write));
        WritingMark mark(write);
        Connection& conn = lease.conn();
        UnitOfWork uow(conn);
        if (write) conn.Begin();
        result.emplace([&]() -> R {
          try {
            return fn(uow);
          } catch (...) {
            if (write) {
              try { conn.Rollback(); } catch (...) {}
            }
            throw;
          }
        }());
        if (write) {
          if (*result) conn.Commit();
          else conn.Rollback();
        }
        if (*result) hooks = std::move(uow.after_commit());
      } catch (const DbError& e) {
        // Lock conflicts retry the whole unit of work. A lost connection retries reads only:
        // a write may have reached COMMIT, and must not run twice.
        const bool retry = (e.code() == Errc::kAborted ||
                            (e.code() == Errc::kUnavailable && !write)) &&
                           attempt < kAttempts;
        if (retry) {
          Backoff(attempt);
          continue;
        }
        return std::unexpected(ToError(e, write));
      }
      // Side effects run after the connection went back to the pool: they may open units of
      // work of their own (on SQLite the single writer would otherwise wait for itself).
      for (auto& h : hooks) h();
      return std::move(*result);
    }
  }
  Database* ReplicaForRead() const;
  void ReplicaServed();
  void ReplicaFailed(const Error& error);
  // Sleeps a little longer on each retry of an aborted unit of work.
  static void Backoff(int attempt);
  struct WritingMark {
    explicit WritingMark(bool write) : write_(write) { writing_depth_ += write ? 1 : 0; }
    ~WritingMark() { writing_depth_ -= write_ ? 1 : 0; }
    WritingMark(const WritingMark&) = delete;
    WritingMark& operator=(const WritingMark&) = delete;
    bool write_;
  };
  static inline thread_local int writing_depth_ = 0;
  static inline thread_local int primary_reads_depth_ = 0;

  std::string url_;
  Dialect dialect_;
  int pool_size_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Slot>> readers_;
  std::unique_ptr<Slot> writer_;  // SQLite only
  int in_use_ = 0;
  int waiting_ = 0;
  std::unique_ptr<Replica> replica_;
  std::atomic<std::int64_t> fresh_until_ns_{0};  // steady clock: replica reads go to the primary before
};

}  // namespace moderno::db
