#pragma once
// Scheduled backups (BACKUP_SCHEDULE): once per tick across every node, under the "backup"
// lease, into BACKUP_DIR; the gauge backup_last_success_timestamp_seconds shows the last
// success on any node.
#include <memory>
#include <string>

#include "platform/config/config.hpp"
#include "platform/db/db.hpp"
#include "platform/metrics/metrics.hpp"
#include "platform/schedule/lease.hpp"

namespace moderno::app {

// Starts the scheduled backups when BACKUP_SCHEDULE is set (nullptr otherwise).
std::unique_ptr<schedule::ScheduledTask> StartScheduledBackups(const config::Config& cfg, db::Database& db,
                                                               metrics::Registry& metrics, const std::string& version);

}  // namespace moderno::app
