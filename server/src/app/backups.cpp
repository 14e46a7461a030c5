#include "app/backups.hpp"

#include <unistd.h>

#include "platform/backup/backup.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/log/log.hpp"

namespace moderno::app {

std::unique_ptr<schedule::ScheduledTask> StartScheduledBackups(const config::Config& cfg, db::Database& db,
                                                               metrics::Registry& metrics, const std::string& version) {
  if (cfg.backup_schedule.empty()) return nullptr;
  const auto when = schedule::ParseSchedule(cfg.backup_schedule);
  if (!when) return nullptr;  // config::Load refused it already
  char host[256] = "node";
  gethostname(host, sizeof host - 1);
  const std::string holder = std::string(host) + ":" + std::to_string(getpid()) + ":" + crypto::RandomToken(4);
  backup::BackupOptions options{cfg.database_url, cfg.data_dir, cfg.backup_dir, cfg.backup_key_file, version};
  auto task = std::make_unique<schedule::ScheduledTask>(db, "backup", holder, *when, [options] {
    auto archive = backup::CreateBackup(options);
    if (!archive) {
      log::Error("scheduled backup failed", {{"detail", archive.error().detail}, {"internal", archive.error().internal}});
      return false;
    }
    log::Info("scheduled backup written", {{"archive", archive->string()}});
    return true;
  });
  auto* raw = task.get();
  metrics.AddGauge("backup_last_success_timestamp_seconds",
                   "Database time (Unix seconds) of the last successful scheduled backup on any node; 0: none yet.",
                   [raw] { return static_cast<double>(raw->last_success()); });
  task->Start();
  return task;
}

}  // namespace moderno::app
