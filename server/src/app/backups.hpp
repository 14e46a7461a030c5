#pragma once
// The shop's backups as a service (docs/OPERATIONS.md): scheduled backups (BACKUP_SCHEDULE)
// once per tick across every node under the "backup" lease, an admin's "back up now" as a job
// any node's worker runs, retention (BACKUP_KEEP_DAILY / BACKUP_KEEP_WEEKLY) after each one, and
// the gauge backup_last_success_timestamp_seconds with the last success on any node.
#include <atomic>
#include <memory>
#include <string>

#include <boost/json.hpp>

#include "platform/backup/backup.hpp"
#include "platform/config/config.hpp"
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/metrics/metrics.hpp"
#include "platform/schedule/lease.hpp"

namespace moderno::app {

inline constexpr const char* kBackupJob = "backup.create";

class Backups {
 public:
  Backups(const config::Config& cfg, db::Database& db, jobs::Queue& jobs, metrics::Registry& metrics,
          std::string version);
  ~Backups();
  Backups(const Backups&) = delete;
  Backups& operator=(const Backups&) = delete;

  // Starts the scheduled backups when BACKUP_SCHEDULE is set.
  void Start();
  void Stop();
  // Why a backup cannot be taken here (no BACKUP_KEY_FILE while the data dir holds secrets);
  // empty when it can.
  std::string NotReady() const;
  // One backup now, then retention: the archive's path. Records the success for every node.
  Result<std::filesystem::path> RunNow();
  // Queues a backup job (or finds the one already queued or running): its id.
  Result<std::int64_t> Request(db::UnitOfWork& uow);
  // The settings, the last success on any node, the newest archives of this node's BACKUP_DIR
  // and the backup job queued or running, if any. Reads the database.
  Result<boost::json::object> Status();

 private:
  void Succeeded(const std::filesystem::path& archive);

  const config::Config& cfg_;
  db::Database& db_;
  jobs::Queue& jobs_;
  backup::BackupOptions options_;
  std::string holder_;
  schedule::Lease lease_;  // "backup": records and reads the last success
  std::unique_ptr<schedule::ScheduledTask> scheduled_;
  std::atomic<std::int64_t> last_success_{0};
};

// GET /api/v1/admin/backups and POST /api/v1/admin/backups (admin and above).
void RegisterBackupRoutes(http::Router& router, Backups& backups, db::Database& db);

// This process's name among the nodes (host:pid:random), for leases.
std::string NodeHolder();

}  // namespace moderno::app
