#pragma once
// The shop's housekeeping: what grows forever and how long it is kept (Config::Retention, in
// the README), swept by a periodic task in small batches (platform/housekeeping), with the rows
// removed per table on /metrics (housekeeping_rows_deleted_total{table}).
#include <filesystem>
#include <vector>

#include "platform/config/config.hpp"
#include "platform/housekeeping/housekeeping.hpp"
#include "platform/metrics/metrics.hpp"
#include "platform/time/time.hpp"

namespace moderno::app {

class Housekeeper {
 public:
  Housekeeper(db::Database& db, metrics::Registry& registry, const config::Config& cfg, time::SystemClock clock);
  // One sweep of every rule now; what it removed, by table.
  Result<housekeeping::Removed> Run();
  // Each rule's name and retention in days, tables then files.
  std::vector<std::pair<std::string, int>> Retention() const;

 private:
  db::Database& db_;
  metrics::Registry& registry_;
  time::SystemClock clock_;
  std::vector<housekeeping::TableRule> tables_;
  std::vector<housekeeping::FileRule> files_;
};

}  // namespace moderno::app
