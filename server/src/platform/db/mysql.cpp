// MariaDB/MySQL driver (MariaDB Connector/C): utf8mb4, UTC, prepared statements only,
// cached per connection; connection-level failures mark the connection broken for the pool.
#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include <boost/url/parse.hpp>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "platform/db/db.hpp"

namespace moderno::db {
namespace {

constexpr std::size_t kMaxCachedStatements = 256;

bool IsConnectionError(unsigned err) {
  return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST || err == CR_CONNECTION_ERROR ||
         err == CR_CONN_HOST_ERROR || err == CR_COMMANDS_OUT_OF_SYNC;
}

Errc CodeFor(unsigned err) {
  switch (err) {
    case ER_DUP_ENTRY:
    case ER_DUP_KEY: return Errc::kAlreadyExists;
    case ER_LOCK_DEADLOCK:
    case ER_LOCK_WAIT_TIMEOUT:
    case 1020: /* ER_CHECKREAD: record changed since last read */ return Errc::kAborted;
    case ER_ROW_IS_REFERENCED_2:
    case ER_NO_REFERENCED_ROW_2:
    case 4025: /* ER_CONSTRAINT_FAILED (CHECK) */
    case 3819: /* MySQL 8 ER_CHECK_CONSTRAINT_VIOLATED */ return Errc::kConflict;
    default: return IsConnectionError(err) ? Errc::kUnavailable : Errc::kInternal;
  }
}

// The driver's message without values: a duplicate entry names the key, not the value (which
// may be an email address or a token).
std::string WithoutValues(unsigned err, std::string msg) {
  if (err != ER_DUP_ENTRY) return msg;
  constexpr std::string_view kEntry = "Duplicate entry '";
  const auto start = msg.find(kEntry);
  const auto key = msg.rfind("' for key '");
  if (start == std::string::npos || key == std::string::npos || key < start + kEntry.size()) return msg;
  return msg.substr(0, start) + "Duplicate entry for key '" + msg.substr(key + 11);
}

struct UrlParts {
  std::string user, password, host = "127.0.0.1", db, socket;
  unsigned port = 3306;
};

UrlParts ParseUrl(const std::string& raw) {
  std::string url = raw;
  if (url.starts_with("mariadb://")) url = "mysql://" + url.substr(10);
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) throw DbError(Errc::kInvalidArgument, "DATABASE_URL is not a valid mysql:// URL");
  UrlParts p;
  p.user = parsed->user();
  p.password = parsed->password();
  if (!parsed->host().empty()) p.host = parsed->host();
  if (parsed->has_port()) p.port = parsed->port_number();
  std::string path = parsed->path();
  if (path.starts_with("/")) path.erase(0, 1);
  p.db = path;
  for (auto param : parsed->params()) {
    if (param.key == "socket") p.socket = param.value;
  }
  if (p.db.empty()) throw DbError(Errc::kInvalidArgument, "DATABASE_URL: mysql URL needs a /database");
  return p;
}

// One cached prepared statement and its result metadata.
struct Stmt {
  MYSQL_STMT* stmt = nullptr;
  unsigned ncols = 0;
  std::vector<enum_field_types> types;
  std::vector<bool> is_unsigned;
};

class MysqlConnection final : public Connection {
 public:
  explicit MysqlConnection(const std::string& url) {
    UrlParts p = ParseUrl(url);
    conn_ = mysql_init(nullptr);
    if (!conn_) throw DbError(Errc::kUnavailable, "mysql_init failed");
    unsigned timeout = 5;
    mysql_options(conn_, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    mysql_options(conn_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    mysql_options(conn_, MYSQL_INIT_COMMAND,
                  "SET time_zone='+00:00', sql_mode='STRICT_ALL_TABLES,NO_ZERO_DATE,"
                  "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
    if (!mysql_real_connect(conn_, p.host.c_str(), p.user.c_str(), p.password.c_str(),
                            p.db.c_str(), p.port, p.socket.empty() ? nullptr : p.socket.c_str(),
                            CLIENT_MULTI_STATEMENTS | CLIENT_FOUND_ROWS)) {
      std::string msg = mysql_error(conn_);
      mysql_close(conn_);
      conn_ = nullptr;
      // The password never appears in the message: only host, port and database.
      throw DbError(Errc::kUnavailable, "mysql connect to " + p.host + ":" +
                                            std::to_string(p.port) + "/" + p.db + ": " + msg);
    }
  }

  ~MysqlConnection() override {
    for (auto& [_, s] : cache_) mysql_stmt_close(s.stmt);
    if (conn_) mysql_close(conn_);
  }

  Dialect dialect() const override { return Dialect::kMysql; }
  bool Broken() const override { return broken_; }

  Rows Query(std::string_view sql, const std::vector<Value>& params) override {
    Stmt& s = Execute(sql, params);
    Rows rows;
    if (s.ncols == 0) return rows;
    if (mysql_stmt_store_result(s.stmt)) Throw(s.stmt, sql);
    std::vector<MYSQL_BIND> binds(s.ncols);
    std::vector<unsigned long> lengths(s.ncols);
    std::vector<my_bool> nulls(s.ncols), errors(s.ncols);
    std::vector<long long> ints(s.ncols);
    std::vector<double> reals(s.ncols);
    std::vector<std::string> texts(s.ncols);
    for (unsigned i = 0; i < s.ncols; ++i) {
      MYSQL_BIND& b = binds[i];
      std::memset(&b, 0, sizeof b);
      b.length = &lengths[i];
      b.is_null = &nulls[i];
      b.error = &errors[i];
      switch (s.types[i]) {
        case MYSQL_TYPE_TINY: case MYSQL_TYPE_SHORT: case MYSQL_TYPE_INT24:
        case MYSQL_TYPE_LONG: case MYSQL_TYPE_LONGLONG: case MYSQL_TYPE_YEAR:
          b.buffer_type = MYSQL_TYPE_LONGLONG;
          b.buffer = &ints[i];
          break;
        case MYSQL_TYPE_FLOAT: case MYSQL_TYPE_DOUBLE:
          b.buffer_type = MYSQL_TYPE_DOUBLE;
          b.buffer = &reals[i];
          break;
        default:
          // Text, decimals, JSON and dates are fetched as strings; long values are
          // fetched again in full after MYSQL_DATA_TRUNCATED.
          texts[i].resize(256);
          b.buffer_type = MYSQL_TYPE_STRING;
          b.buffer = texts[i].data();
          b.buffer_length = texts[i].size();
      }
    }
    if (mysql_stmt_bind_result(s.stmt, binds.data())) Throw(s.stmt, sql);
    for (;;) {
      int rc = mysql_stmt_fetch(s.stmt);
      if (rc == MYSQL_NO_DATA) break;
      if (rc == 1) Throw(s.stmt, sql);
      std::vector<Value> cells;
      cells.reserve(s.ncols);
      for (unsigned i = 0; i < s.ncols; ++i) {
        if (nulls[i]) {
          cells.emplace_back(kNull);
        } else if (binds[i].buffer_type == MYSQL_TYPE_LONGLONG) {
          cells.emplace_back(static_cast<std::int64_t>(ints[i]));
        } else if (binds[i].buffer_type == MYSQL_TYPE_DOUBLE) {
          cells.emplace_back(reals[i]);
        } else if (lengths[i] > texts[i].size()) {
          std::string full(lengths[i], '\0');
          MYSQL_BIND fb;
          std::memset(&fb, 0, sizeof fb);
          fb.buffer_type = MYSQL_TYPE_STRING;
          fb.buffer = full.data();
          fb.buffer_length = full.size();
          unsigned long got = 0;
          fb.length = &got;
          if (mysql_stmt_fetch_column(s.stmt, &fb, i, 0)) Throw(s.stmt, sql);
          cells.emplace_back(std::move(full));
        } else {
          std::string v(texts[i].data(), lengths[i]);
          if (s.types[i] == MYSQL_TYPE_DATETIME || s.types[i] == MYSQL_TYPE_TIMESTAMP) {
            if (v.size() > 19) v.resize(19);  // drop fractional seconds: one format everywhere
          }
          cells.emplace_back(std::move(v));
        }
      }
      rows.emplace_back(std::move(cells));
    }
    mysql_stmt_free_result(s.stmt);
    return rows;
  }

  ExecResult Exec(std::string_view sql, const std::vector<Value>& params) override {
    Stmt& s = Execute(sql, params);
    ExecResult r{static_cast<std::int64_t>(mysql_stmt_affected_rows(s.stmt)),
                 static_cast<std::int64_t>(mysql_stmt_insert_id(s.stmt))};
    if (s.ncols > 0) {
      mysql_stmt_store_result(s.stmt);
      mysql_stmt_free_result(s.stmt);
    }
    return r;
  }

  void ExecScript(std::string_view sql) override {
    if (mysql_real_query(conn_, sql.data(), sql.size())) ThrowConn("script");
    // Drain every result of a multi-statement script, so errors in later statements surface.
    for (;;) {
      if (MYSQL_RES* res = mysql_store_result(conn_)) mysql_free_result(res);
      int rc = mysql_next_result(conn_);
      if (rc == -1) break;
      if (rc > 0) ThrowConn("script");
    }
  }

  void Begin() override { ExecScript("START TRANSACTION"); }
  void Commit() override { ExecScript("COMMIT"); }
  void Rollback() override {
    if (!broken_) ExecScript("ROLLBACK");
  }
  bool Ping() override { return conn_ && mysql_ping(conn_) == 0; }

 private:
  Stmt& Execute(std::string_view sql, const std::vector<Value>& params) {
    Stmt& s = Prepare(sql);
    if (mysql_stmt_param_count(s.stmt) != params.size()) {
      throw DbError(Errc::kInternal,
                    "mysql: parameter count mismatch in: " + std::string(sql.substr(0, 200)));
    }
    std::vector<MYSQL_BIND> binds(params.size());
    std::vector<long long> ints(params.size());
    std::vector<double> reals(params.size());
    std::vector<unsigned long> lengths(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      MYSQL_BIND& b = binds[i];
      std::memset(&b, 0, sizeof b);
      const Value& v = params[i];
      if (auto pi = std::get_if<std::int64_t>(&v)) {
        ints[i] = *pi;
        b.buffer_type = MYSQL_TYPE_LONGLONG;
        b.buffer = &ints[i];
      } else if (auto pd = std::get_if<double>(&v)) {
        reals[i] = *pd;
        b.buffer_type = MYSQL_TYPE_DOUBLE;
        b.buffer = &reals[i];
      } else if (auto ps = std::get_if<std::string>(&v)) {
        b.buffer_type = MYSQL_TYPE_STRING;
        b.buffer = const_cast<char*>(ps->data());
        b.buffer_length = ps->size();
        lengths[i] = ps->size();
        b.length = &lengths[i];
      } else {
        b.buffer_type = MYSQL_TYPE_NULL;
      }
    }
    if (!binds.empty() && mysql_stmt_bind_param(s.stmt, binds.data())) Throw(s.stmt, sql);
    if (mysql_stmt_execute(s.stmt)) Throw(s.stmt, sql);
    return s;
  }

  Stmt& Prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    if (cache_.size() >= kMaxCachedStatements) {
      for (auto& [_, s] : cache_) mysql_stmt_close(s.stmt);
      cache_.clear();
    }
    Stmt s;
    s.stmt = mysql_stmt_init(conn_);
    if (!s.stmt) ThrowConn("stmt_init");
    if (mysql_stmt_prepare(s.stmt, key.data(), key.size())) {
      unsigned err = mysql_stmt_errno(s.stmt);
      std::string msg = mysql_stmt_error(s.stmt);
      mysql_stmt_close(s.stmt);
      if (IsConnectionError(err)) broken_ = true;
      throw DbError(CodeFor(err), "mysql prepare: " + msg + " in: " + key.substr(0, 200));
    }
    if (MYSQL_RES* meta = mysql_stmt_result_metadata(s.stmt)) {
      s.ncols = mysql_num_fields(meta);
      MYSQL_FIELD* fields = mysql_fetch_fields(meta);
      for (unsigned i = 0; i < s.ncols; ++i) {
        s.types.push_back(fields[i].type);
        s.is_unsigned.push_back(fields[i].flags & UNSIGNED_FLAG);
      }
      mysql_free_result(meta);
    }
    return cache_.emplace(std::move(key), s).first->second;
  }

  [[noreturn]] void Throw(MYSQL_STMT* stmt, std::string_view sql) {
    unsigned err = mysql_stmt_errno(stmt);
    if (IsConnectionError(err)) broken_ = true;
    std::string msg = WithoutValues(err, mysql_stmt_error(stmt));
    mysql_stmt_free_result(stmt);
    mysql_stmt_reset(stmt);
    throw DbError(CodeFor(err), "mysql: " + msg + " in: " + std::string(sql.substr(0, 200)));
  }

  [[noreturn]] void ThrowConn(const char* what) {
    unsigned err = mysql_errno(conn_);
    if (IsConnectionError(err)) broken_ = true;
    throw DbError(CodeFor(err), std::string("mysql ") + what + ": " + WithoutValues(err, mysql_error(conn_)));
  }

  MYSQL* conn_ = nullptr;
  bool broken_ = false;
  std::unordered_map<std::string, Stmt> cache_;
};

}  // namespace

std::unique_ptr<Connection> ConnectMysql(const std::string& url) {
  // The client library must be initialised once before threads open connections.
  static std::once_flag once;
  std::call_once(once, [] { mysql_library_init(0, nullptr, nullptr); });
  return std::make_unique<MysqlConnection>(url);
}

}  // namespace moderno::db
