#include "app/backups.hpp"

#include <unistd.h>

#include "platform/audit/audit.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"
#include "platform/log/log.hpp"
#include "platform/time/time.hpp"

namespace moderno::app {
namespace {
namespace json = boost::json;
namespace fs = std::filesystem;

constexpr std::size_t kListedArchives = 20;

// Whether the data dir holds any secret file (a backup must then seal them with the key).
bool HasSecrets(const fs::path& data_dir) {
  std::error_code ec;
  const fs::path dir = data_dir / "secrets";
  if (!fs::is_directory(dir, ec)) return false;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file()) return true;
  }
  return false;
}

json::value IsoOrNull(std::int64_t epoch) {
  if (epoch <= 0) return nullptr;
  return json::value(time::IsoFromSql(time::ToSql(std::chrono::system_clock::time_point(std::chrono::seconds(epoch)))));
}

}  // namespace

std::string NodeHolder() {
  char host[256] = "node";
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + crypto::RandomToken(4);
}

Backups::Backups(const config::Config& cfg, db::Database& db, jobs::Queue& jobs, metrics::Registry& metrics,
                 std::string version)
    : cfg_(cfg),
      db_(db),
      jobs_(jobs),
      options_{cfg.database_url, cfg.data_dir, cfg.backup_dir, cfg.backup_key_file, std::move(version)},
      holder_(NodeHolder()),
      lease_(db, "backup", holder_, std::chrono::seconds(60)) {
  jobs.Register(kBackupJob, [this](jobs::Context& ctx) -> Result<void> {
    auto archive = RunNow();
    if (!archive) return std::unexpected(archive.error());
    ctx.SetResult(json::serialize(json::object{{"archive", archive->filename().string()}}));
    return {};
  });
  metrics.AddGauge("backup_last_success_timestamp_seconds",
                   "Database time (Unix seconds) of the last successful backup (scheduled or asked for) on any node; 0: none yet.",
                   [this] { return static_cast<double>(last_success_.load()); });
}

Backups::~Backups() { Stop(); }

void Backups::Start() {
  if (auto last = lease_.LastSuccess(); last && *last) last_success_ = **last;
  if (cfg_.backup_schedule.empty() || scheduled_) return;
  const auto when = schedule::ParseSchedule(cfg_.backup_schedule);
  if (!when) return;  // config::Load refused it already
  scheduled_ = std::make_unique<schedule::ScheduledTask>(db_, "backup", holder_, *when,
                                                          [this] { return static_cast<bool>(RunNow()); });
  scheduled_->Start();
}

void Backups::Stop() {
  if (scheduled_) scheduled_->Stop();
}

std::string Backups::NotReady() const {
  if (cfg_.backup_key_file.empty() && HasSecrets(cfg_.data_dir)) {
    return "BACKUP_KEY_FILE is not set: the data directory holds secrets, which a backup seals with that key "
           "(see docs/OPERATIONS.md).";
  }
  return {};
}

// Retention after a success, and the success recorded for every node.
void Backups::Succeeded(const fs::path& archive) {
  if (cfg_.backup_keep_daily > 0 || cfg_.backup_keep_weekly > 0) {
    for (const auto& gone : backup::ApplyRetention(archive.parent_path(), cfg_.backup_keep_daily, cfg_.backup_keep_weekly)) {
      log::Info("old backup removed", {{"archive", gone.filename().string()}});
    }
  }
  if (auto recorded = lease_.RecordSuccess(); !recorded) {
    log::Warn("backup success not recorded", {{"error", recorded.error().internal}});
  }
  if (auto last = lease_.LastSuccess(); last && *last) last_success_ = **last;
}

Result<fs::path> Backups::RunNow() {
  if (const std::string why = NotReady(); !why.empty()) {
    log::Error("backup refused", {{"detail", why}});
    return Fail(Errc::kConflict, why);
  }
  auto archive = backup::CreateBackup(options_);
  if (!archive) {
    log::Error("backup failed", {{"detail", archive.error().detail}, {"internal", archive.error().internal}});
    return archive;
  }
  log::Info("backup written", {{"archive", archive->string()}});
  Succeeded(*archive);
  return archive;
}

Result<std::int64_t> Backups::Request(db::UnitOfWork& uow) {
  if (const std::string why = NotReady(); !why.empty()) return Fail(Errc::kConflict, why);
  auto pending = uow.QueryOne("SELECT id FROM jobs WHERE kind = ? AND status IN (?, ?) ORDER BY id LIMIT 1",
                              {std::string(kBackupJob), std::string(jobs::kQueued), std::string(jobs::kRunning)});
  if (pending) return pending->Int(0);
  // Through the queue: every node's idle workers are woken after the commit.
  return jobs_.Enqueue(uow, kBackupJob, "{}", {.max_attempts = 2});
}

Result<json::object> Backups::Status() {
  auto last = lease_.LastSuccess();
  if (!last) return std::unexpected(last.error());
  if (*last) last_success_ = **last;
  auto pending = db_.Read([&](db::UnitOfWork& uow) -> Result<json::value> {
    auto row = uow.QueryOne("SELECT id, status FROM jobs WHERE kind = ? AND status IN (?, ?) ORDER BY id LIMIT 1",
                            {std::string(kBackupJob), std::string(jobs::kQueued), std::string(jobs::kRunning)});
    if (!row) return json::value(nullptr);
    return json::value(json::object{{"job_id", row->Int(0)}, {"status", row->Str(1)}});
  });
  if (!pending) return std::unexpected(pending.error());
  json::array archives;
  for (const auto& a : backup::ListBackups(cfg_.backup_dir, kListedArchives)) {
    archives.push_back({{"name", a.path.filename().string()},
                        {"bytes", static_cast<std::int64_t>(a.bytes)},
                        {"created_at", IsoOrNull(a.created_at)}});
  }
  const std::string why = NotReady();
  return json::object{{"ready", why.empty()},
                      {"not_ready_reason", why.empty() ? json::value(nullptr) : json::value(why)},
                      {"schedule", cfg_.backup_schedule.empty() ? json::value(nullptr) : json::value(cfg_.backup_schedule)},
                      {"directory", cfg_.backup_dir},
                      {"keep_daily", cfg_.backup_keep_daily},
                      {"keep_weekly", cfg_.backup_keep_weekly},
                      {"last_success_at", IsoOrNull(last_success_.load())},
                      {"pending", std::move(*pending)},
                      {"archives", std::move(archives)}};
}

void RegisterBackupRoutes(http::Router& router, Backups& backups, db::Database& db) {
  const http::RouteOptions admin{.access = http::Staff(http::Role::kAdmin), .rate_class = "admin"};
  router.Add(
      "GET", "/api/v1/admin/backups",
      [&backups](http::Request& req) {
        auto status = backups.Status();
        if (!status) return http::Problem(status.error(), req);
        return http::PrivateJson(200, *status);
      },
      admin);
  router.Add(
      "POST", "/api/v1/admin/backups",
      [&backups, &db](http::Request& req) {
        auto id = db.Write([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
          auto job = backups.Request(uow);
          if (!job) return job;
          audit::RecordChange(uow, audit::EntryFrom(req), "backup.request", "job", *job, "");
          return job;
        });
        if (!id) return http::Problem(id.error(), req);
        const std::string status_url = "/api/v1/admin/jobs/" + std::to_string(*id);
        http::Response r = http::PrivateJson(202, {{"job_id", *id}, {"status_url", status_url}});
        r.Set("Location", status_url);
        return r;
      },
      admin);
}

}  // namespace moderno::app
