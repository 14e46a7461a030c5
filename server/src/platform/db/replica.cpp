#include "platform/db/replica.hpp"

#include "platform/log/log.hpp"

namespace moderno::db {
namespace {

// Bounds the positions remembered while the replica is behind (one per check at most).
constexpr std::size_t kMaxSeen = 4096;

double Seconds(std::chrono::steady_clock::duration d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

Replica::Replica(Database& primary, ReplicaOptions options) : primary_(primary), options_(std::move(options)) {
  if (options_.check_interval <= std::chrono::milliseconds(0)) options_.check_interval = std::chrono::seconds(1);
  monitor_ = std::jthread([this](std::stop_token stop) { Loop(stop); });
}

Replica::~Replica() {
  monitor_.request_stop();
  wake_.notify_all();
  if (monitor_.joinable()) monitor_.join();
}

void Replica::Loop(std::stop_token stop) {
  while (!stop.stop_requested()) {
    try {
      Check();
    } catch (const std::exception& e) {
      SetState(false, -1, std::string("check failed: ") + e.what());
    }
    std::unique_lock lock(wait_mu_);
    wake_.wait_for(lock, stop, options_.check_interval, [this] { return recheck_; });
    recheck_ = false;
  }
}

// The lag is the time since the primary first showed a GTID position the replica has not
// applied yet (MASTER_GTID_WAIT with no wait tells whether it has): no privilege beyond SELECT
// is needed, and a stopped replication shows as a growing lag.
void Replica::Check() {
  std::lock_guard check(check_mu_);
  if (!pool_.load()) {
    try {
      owned_ = std::make_unique<Database>(options_.url, options_.pool_size);
      pool_.store(owned_.get());
    } catch (const DbError& e) {
      SetState(false, -1, std::string("unreachable: ") + e.what());
      return;
    }
  }
  const auto now = std::chrono::steady_clock::now();
  // While the primary is down the last known positions stand: the replica may serve reads.
  auto position = primary_.Read([](UnitOfWork& uow) -> Result<std::string> {
    return uow.QueryOne("SELECT @@gtid_binlog_pos")->Str(0);
  });
  if (position && (seen_.empty() || seen_.back().position != *position)) {
    if (seen_.size() >= kMaxSeen) seen_.pop_front();
    seen_.push_back({*position, now});
  }
  auto reached = [&](const std::string& pos) {
    return pool_.load()->Read([&](UnitOfWork& uow) -> Result<bool> {
      auto row = uow.QueryOne("SELECT MASTER_GTID_WAIT(?, 0)", {pos});
      return row && !row->IsNull(0) && row->Int(0) == 0;
    });
  };
  double lag = 0;
  while (!seen_.empty()) {
    auto r = reached(seen_.front().position);
    if (!r) {
      SetState(false, -1, "unreachable: " + r.error().internal);
      return;
    }
    if (!*r) {
      lag = Seconds(now - seen_.front().at);
      break;
    }
    // Applied: the newest position stays (the next check compares against it).
    if (seen_.size() == 1) break;
    seen_.pop_front();
  }
  const bool within = lag <= Seconds(options_.max_lag);
  SetState(within, lag, within ? "replicating" : "behind the primary by more than the allowed lag");
}

void Replica::Failed(const std::string& why) {
  failures_.fetch_add(1, std::memory_order_relaxed);
  SetState(false, -1, "read failed: " + why);
  {
    std::lock_guard lock(wait_mu_);
    recheck_ = true;
  }
  wake_.notify_all();  // check again at once rather than after a full interval
}

void Replica::SetState(bool healthy, double lag, std::string detail) {
  const bool was = healthy_.exchange(healthy);
  lag_seconds_.store(lag);
  std::lock_guard lock(mu_);
  if (was != healthy) {
    if (healthy) log::Info("database replica in use", {{"lag_seconds", std::to_string(lag)}});
    else log::Warn("database replica bypassed; reads go to the primary", {{"reason", detail}});
  }
  detail_ = std::move(detail);
}

ReplicaStatus Replica::Status() const {
  ReplicaStatus s;
  s.configured = true;
  s.healthy = healthy_.load();
  s.lag_seconds = lag_seconds_.load();
  s.max_lag_seconds = Seconds(options_.max_lag);
  s.reads = reads_.load(std::memory_order_relaxed);
  s.failures = failures_.load(std::memory_order_relaxed);
  std::lock_guard lock(mu_);
  s.detail = detail_;
  return s;
}

}  // namespace moderno::db
