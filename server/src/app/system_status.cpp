// GET /api/v1/admin/system: the admin "Sistema" page. What this node knows of itself and of
// what it depends on: version and uptime, each dependency's health (database with its round
// trip and pending migrations, search index, disk, mail, cache), the job queue, and what
// housekeeping removed and keeps (the backups are GET /api/v1/admin/backups, app/backups.hpp). Runs on a worker (it reads the database).
#include <unistd.h>

#include <boost/json.hpp>

#include "app/app.hpp"
#include "platform/db/migrate.hpp"
#include "platform/http/responses.hpp"
#include "platform/log/log.hpp"
#include "platform/schedule/lease.hpp"
#include "platform/time/time.hpp"

namespace moderno::app {

namespace {
namespace json = boost::json;

double Rounded(double v) { return static_cast<double>(std::llround(v * 1000)) / 1000; }

json::object Dependency(const char* name, bool ok, bool warn, json::object extra) {
  extra["name"] = name;
  extra["status"] = !ok ? "error" : warn ? "warning" : "ok";
  return extra;
}

json::object DatabaseCheck(db::Database& db) {
  const auto t0 = std::chrono::steady_clock::now();
  auto migrations = db::MigrationStatus(db);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::int64_t applied = 0, pending = 0;
  if (migrations) {
    for (const auto& m : *migrations) (m.applied ? applied : pending) += 1;
  } else {
    log::Error("system status: database", {{"error", migrations.error().internal}});
  }
  const db::PoolStats pool = db.Stats();
  return Dependency("database", static_cast<bool>(migrations), pending > 0,
                    {{"detail", db.dialect() == db::Dialect::kSqlite ? "sqlite" : "mysql"},
                     {"round_trip_ms", Rounded(ms)},
                     {"migrations_applied", applied},
                     {"migrations_pending", pending},
                     {"pool_size", pool.size},
                     {"pool_in_use", pool.in_use}});
}

json::object DiskCheck(const std::string& dir) {
  const metrics::HostFigures h = metrics::ReadHost(dir);
  constexpr double kMinFreeBytes = 100.0 * 1024 * 1024;
  const bool ok = h.dir_free >= kMinFreeBytes;
  const bool warn = h.dir_size > 0 && h.dir_free / h.dir_size < 0.15;
  return Dependency("disk", ok, warn,
                    {{"detail", dir},
                     {"free_bytes", static_cast<std::int64_t>(h.dir_free)},
                     {"size_bytes", static_cast<std::int64_t>(h.dir_size)}});
}
}  // namespace

void App::RegisterSystemRoutes() {
  router_.Add(
      "GET", "/api/v1/admin/system",
      [this](http::Request&) {
        const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_);
        char host[256] = {};
        gethostname(host, sizeof host - 1);
        json::array deps;
        deps.push_back(DatabaseCheck(*db_));
        const search::EngineStatus index = search_engine_->Status();
        deps.push_back(Dependency("search_index", index.state != "error", index.state != "ready" || index.pending_changes > 100,
                                  {{"detail", index.state},
                                   {"documents", index.documents},
                                   {"lag_changes", index.pending_changes},
                                   {"seconds_since_sync", index.seconds_since_sync < 0 ? json::value(nullptr)
                                                                                       : json::value(Rounded(index.seconds_since_sync))}}));
        deps.push_back(DiskCheck(cfg_.data_dir));
        deps.push_back(Dependency("mail", true, false, {{"detail", cfg_.smtp_url.empty() ? "files" : "smtp"}}));
        const double hits = static_cast<double>(cache_.hits()), misses = static_cast<double>(cache_.misses());
        deps.push_back(Dependency("cache", true, false,
                                  {{"detail", "in-process"},
                                   {"entries", static_cast<std::int64_t>(cache_.entries())},
                                   {"hit_ratio", hits + misses > 0 ? Rounded(hits / (hits + misses)) : 0.0}}));
        json::object jobs{{"backlog", static_cast<std::int64_t>(metrics_.Value("jobs_backlog"))},
                          {"oldest_due_seconds", Rounded(metrics_.Value("jobs_oldest_due_seconds"))}};
        for (const char* s : {jobs::kQueued, jobs::kRunning, jobs::kDone, jobs::kDead}) jobs[s] = 0;
        if (auto counts = jobs_->Counts()) {
          for (const auto& [status, n] : *counts) jobs[status] = n;
        }
        json::array tables;
        for (const auto& [name, days] : housekeeper_->Retention()) {
          tables.push_back({{"table", name},
                            {"retention_days", days},
                            {"removed_since_start",
                             static_cast<std::int64_t>(metrics_.Value("housekeeping_rows_deleted_total", {{"table", name}}))}});
        }
        // Housekeeping runs on one node per tick: its last success on any node, from its lease
        // (or this node's own run when it ran by hand).
        auto leased = schedule::Lease(*db_, "housekeeping", {}, std::chrono::seconds(0)).LastSuccess();
        const std::int64_t last = std::max(leased && *leased ? **leased : 0,
                                           static_cast<std::int64_t>(metrics_.Value("housekeeping_last_success_timestamp_seconds")));
        json::object housekeeping{
            {"interval_seconds", cfg_.retention.interval_seconds},
            {"last_success_at", last > 0 ? json::value(time::IsoFromSql(time::ToSql(std::chrono::system_clock::time_point(
                                                std::chrono::seconds(last)))))
                                         : json::value(nullptr)},
            {"tables", std::move(tables)}};
        return http::Json(
            200, json::object{
                     {"node", {{"version", kVersion}, {"host", host}, {"uptime_seconds", uptime.count()},
                               {"started_at", time::IsoFromSql(time::ToSql(clocks_.system() - uptime))}}},
                     {"dependencies", std::move(deps)},
                     {"jobs", std::move(jobs)},
                     {"housekeeping", std::move(housekeeping)}});
      },
      {.access = http::Staff(http::Role::kAdmin), .rate_class = "admin"});
}

}  // namespace moderno::app
