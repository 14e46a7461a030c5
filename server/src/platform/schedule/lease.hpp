#pragma once
// Once-per-tick scheduled work across nodes, under a lease row in the database (table
// schedule_leases): a node runs tick T of a task only if it moves the task's last_tick to T
// while no other node holds an unexpired lease. Every time is the database's clock (epoch
// seconds), so nodes with skewed clocks agree on the tick and on expiry; a run longer than its
// interval keeps its lease by heartbeats, so no other node starts the next tick meanwhile; a
// node that crashed stops heartbeating and its lease is taken over once it expires.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "platform/db/db.hpp"
#include "platform/error.hpp"

namespace moderno::schedule {

// When a task is due: every `interval` seconds, ticks aligned to the epoch plus `offset`
// (daily at 03:00 UTC is interval 86400, offset 10800).
struct Schedule {
  std::int64_t interval = 3600;
  std::int64_t offset = 0;
  // The tick a database time falls in.
  std::int64_t TickAt(std::int64_t epoch) const { return (epoch - offset) / interval; }
};

// "daily@HH:MM" (UTC), "hourly", or an interval "90s", "15m", "6h", "1d"; nullopt otherwise.
std::optional<Schedule> ParseSchedule(const std::string& text);

// The database's clock, in epoch seconds.
Result<std::int64_t> DatabaseNow(db::Database& db);

// One task's lease as seen by one node (`holder` names the node and process).
class Lease {
 public:
  Lease(db::Database& db, std::string task, std::string holder, std::chrono::seconds ttl)
      : db_(db), task_(std::move(task)), holder_(std::move(holder)), ttl_(ttl) {}
  // Claims the tick the database's clock is in, if it has not run yet and no other holder's
  // lease is alive: the tick when this node must run it now (holding the lease for ttl).
  Result<std::optional<std::int64_t>> ClaimTick(const Schedule& schedule);
  // Extends the lease by ttl from now; false when it was lost (taken over after expiry).
  Result<bool> Heartbeat();
  // Ends the lease (after a run); `succeeded` records the database time of the success.
  Result<void> Release(bool succeeded);
  // The database time of the task's last successful run, if any.
  Result<std::optional<std::int64_t>> LastSuccess();
  // Records a successful run made outside a claimed tick (an operator's "run now"), without
  // touching the lease or the tick.
  Result<void> RecordSuccess();
  const std::string& holder() const { return holder_; }

 private:
  db::Database& db_;
  std::string task_;
  std::string holder_;
  std::chrono::seconds ttl_;
  bool row_exists_ = false;
};

// Runs `task` once per tick of `schedule` across all nodes: a thread polls every `poll`,
// claims the tick through the lease, heartbeats while the task runs, and releases it.
class ScheduledTask {
 public:
  // `task` returns true on success. `on_success(db_epoch)` runs after a successful run.
  ScheduledTask(db::Database& db, std::string name, std::string holder, Schedule schedule,
                std::function<bool()> task, std::chrono::milliseconds poll = std::chrono::seconds(5),
                std::chrono::seconds ttl = std::chrono::seconds(60));
  ~ScheduledTask();
  ScheduledTask(const ScheduledTask&) = delete;
  ScheduledTask& operator=(const ScheduledTask&) = delete;
  // Starts the polling thread.
  void Start();
  // Stops polling (a running task finishes first).
  void Stop();
  // Ticks this node has run.
  int runs() const { return runs_; }
  // The database time of the task's last success on any node (refreshed at every poll), 0 if none.
  std::int64_t last_success() const { return last_success_; }

 private:
  void Loop();
  void RunHeld();

  Lease lease_;
  Schedule schedule_;
  std::function<bool()> task_;
  std::chrono::milliseconds poll_;
  std::chrono::seconds ttl_;
  std::atomic<int> runs_{0};
  std::atomic<std::int64_t> last_success_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace moderno::schedule
