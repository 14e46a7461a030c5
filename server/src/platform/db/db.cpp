#include "platform/db/db.hpp"

#include "platform/db/replica.hpp"

#include <charconv>
#include <cmath>
#include <thread>

namespace moderno::db {

std::int64_t Row::Int(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (auto pi = std::get_if<std::int64_t>(&v)) return *pi;
  if (auto pd = std::get_if<double>(&v)) return static_cast<std::int64_t>(std::llround(*pd));
  if (auto ps = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    std::from_chars(ps->data(), ps->data() + ps->size(), out);
    return out;
  }
  return 0;
}

double Row::Real(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (auto pd = std::get_if<double>(&v)) return *pd;
  if (auto pi = std::get_if<std::int64_t>(&v)) return static_cast<double>(*pi);
  if (auto ps = std::get_if<std::string>(&v)) {
    try {
      return std::stod(*ps);
    } catch (...) {
      return 0;
    }
  }
  return 0;
}

std::string Row::Str(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (auto ps = std::get_if<std::string>(&v)) return *ps;
  if (auto pi = std::get_if<std::int64_t>(&v)) return std::to_string(*pi);
  if (auto pd = std::get_if<double>(&v)) return std::to_string(*pd);
  return {};
}

std::optional<std::int64_t> Row::OptInt(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}
std::optional<double> Row::OptReal(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Real(i);
}
std::optional<std::string> Row::OptStr(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Str(i);
}

std::optional<Row> UnitOfWork::QueryOne(std::string_view sql, const std::vector<Value>& params) {
  Rows rows = Query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

Result<Dialect> ParseDialect(const std::string& url) {
  if (url.starts_with("sqlite:")) {
    if (url.size() == 7) return Fail(Errc::kInvalidArgument, "DATABASE_URL: sqlite: needs a path");
    return Dialect::kSqlite;
  }
  if (url.starts_with("mysql://") || url.starts_with("mariadb://")) return Dialect::kMysql;
  return Fail(Errc::kInvalidArgument,
              "DATABASE_URL must be sqlite:PATH or mysql://user:pass@host:port/db");
}

std::unique_ptr<Connection> ConnectSqlite(const std::string& path, bool read_only);
std::unique_ptr<Connection> ConnectMysql(const std::string& url);

std::unique_ptr<Connection> Connect(const std::string& url, bool read_only) {
  auto dialect = ParseDialect(url);
  if (!dialect) throw DbError(Errc::kInvalidArgument, dialect.error().detail);
  if (*dialect == Dialect::kSqlite) return ConnectSqlite(url.substr(7), read_only);
  return ConnectMysql(url);
}

struct Database::Slot {
  std::unique_ptr<Connection> conn;
  bool write = false;
  bool busy = false;
};

Database::Database(std::string url, int pool_size) : url_(std::move(url)), pool_size_(pool_size) {
  auto d = ParseDialect(url_);
  if (!d) throw DbError(Errc::kInvalidArgument, d.error().detail);
  dialect_ = *d;
  if (pool_size_ < 1) pool_size_ = 1;
  if (dialect_ == Dialect::kSqlite) {
    // The writer is opened first so that it creates the file and switches it to WAL.
    writer_ = std::make_unique<Slot>();
    writer_->conn = Connect(url_, false);
    writer_->write = true;
  }
  for (int i = 0; i < pool_size_; ++i) {
    auto s = std::make_unique<Slot>();
    s->conn = Connect(url_, dialect_ == Dialect::kSqlite);
    readers_.push_back(std::move(s));
  }
}

Database::~Database() = default;

void Database::AttachReplica(ReplicaOptions options) {
  if (dialect_ != Dialect::kMysql) throw DbError(Errc::kInvalidArgument, "a read replica needs a MariaDB primary");
  auto d = ParseDialect(options.url);
  if (!d || *d != Dialect::kMysql) throw DbError(Errc::kInvalidArgument, "DATABASE_REPLICA_URL must be a mysql:// URL");
  replica_.reset();
  replica_ = std::make_unique<Replica>(*this, std::move(options));
}

ReplicaStatus Database::ReplicaState() const { return replica_ ? replica_->Status() : ReplicaStatus{}; }

void Database::ChangedData() {
  if (!replica_) return;
  const ReplicaStatus s = replica_->Status();
  const auto lag = std::chrono::milliseconds(s.lag_seconds > 0 ? static_cast<std::int64_t>(s.lag_seconds * 1000) : 0);
  const auto until = std::chrono::steady_clock::now() + replica_->options().fresh_window + lag;
  const std::int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(until.time_since_epoch()).count();
  std::int64_t prev = fresh_until_ns_.load();
  while (prev < ns && !fresh_until_ns_.compare_exchange_weak(prev, ns)) {
  }
}

Database* Database::ReplicaForRead() const {
  if (!replica_ || primary_reads_depth_ > 0 || writing_depth_ > 0) return nullptr;
  const std::int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::steady_clock::now().time_since_epoch()).count();
  if (now < fresh_until_ns_.load()) return nullptr;
  return replica_->Usable();
}

void Database::ReplicaServed() { replica_->Served(); }

void Database::ReplicaFailed(const Error& error) { replica_->Failed(error.internal); }

PoolStats Database::Stats() const {
  std::lock_guard lock(mu_);
  return PoolStats{static_cast<int>(readers_.size()) + (writer_ ? 1 : 0), in_use_, waiting_};
}

Database::Slot* Database::Acquire(bool write) {
  std::unique_lock lock(mu_);
  ++waiting_;
  Slot* found = nullptr;
  auto ready = [&] {
    if (write && writer_) {
      if (!writer_->busy) found = writer_.get();
      return found != nullptr;
    }
    for (auto& s : readers_) {
      if (!s->busy) {
        found = s.get();
        return true;
      }
    }
    return false;
  };
  if (!cv_.wait_for(lock, std::chrono::seconds(10), ready)) {
    --waiting_;
    throw DbError(Errc::kUnavailable, "timed out waiting for a database connection");
  }
  --waiting_;
  found->busy = true;
  ++in_use_;
  return found;
}

void Database::Release(Slot* slot) {
  {
    std::lock_guard lock(mu_);
    slot->busy = false;
    --in_use_;
  }
  cv_.notify_all();
}

Database::Lease::~Lease() { db_.Release(slot_); }

Connection& Database::Lease::conn() {
  // A connection whose server went away is replaced before it is handed out again.
  if (!slot_->conn || slot_->conn->Broken()) {
    slot_->conn.reset();
    slot_->conn = Connect(db_.url_, db_.dialect_ == Dialect::kSqlite && !slot_->write);
  }
  return *slot_->conn;
}

Error Database::ToError(const std::exception& e, bool write) {
  Errc code = Errc::kInternal;
  if (auto d = dynamic_cast<const DbError*>(&e)) code = d->code();
  std::string detail;
  switch (code) {
    case Errc::kAlreadyExists: detail = "The resource already exists."; break;
    case Errc::kAborted: detail = "The operation conflicted with another; try again."; break;
    case Errc::kUnavailable: detail = "The database is unavailable; try again later."; break;
    default: detail = "Internal error."; break;
  }
  Error err;
  err.code = code;
  err.detail = detail;
  err.internal = std::string(write ? "write: " : "read: ") + e.what();
  // The database comes back within seconds (a restart, a failover): clients wait, not give up.
  if (code == Errc::kUnavailable) err.retry_after_seconds = 2;
  return err;
}

void Database::Backoff(int attempt) {
  std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt * attempt));
}

}  // namespace moderno::db
