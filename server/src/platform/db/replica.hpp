#pragma once
// A read replica (MariaDB, GTID replication) behind the primary's Database: its own pool, and a
// monitor thread that measures how far it is behind the primary and takes it out of use when it
// is unreachable or further behind than allowed; it comes back by itself once it has caught up.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "platform/db/db.hpp"

namespace moderno::db {

class Replica {
 public:
  // Starts the monitor; the first check (and the replica's pool) happens on its thread, so a
  // replica that is down at start delays nothing.
  Replica(Database& primary, ReplicaOptions options);
  ~Replica();
  Replica(const Replica&) = delete;
  Replica& operator=(const Replica&) = delete;

  // The replica's pool when it may serve reads, else nullptr.
  Database* Usable() const { return healthy_.load() ? pool_.load() : nullptr; }
  // A read on the replica failed for want of a connection: out of use until the next check.
  void Failed(const std::string& why);
  // Counts a read served by the replica.
  void Served() { reads_.fetch_add(1, std::memory_order_relaxed); }
  ReplicaStatus Status() const;
  const ReplicaOptions& options() const { return options_; }
  // Runs one check now (tests; the monitor runs it every check_interval).
  void Check();

 private:
  struct Seen {
    std::string position;  // the primary's @@gtid_binlog_pos
    std::chrono::steady_clock::time_point at;
  };
  void Loop(std::stop_token stop);
  void SetState(bool healthy, double lag, std::string detail);

  Database& primary_;
  ReplicaOptions options_;
  std::unique_ptr<Database> owned_;     // created by the monitor once the replica answers
  std::atomic<Database*> pool_{nullptr};
  std::atomic<bool> healthy_{false};
  std::atomic<double> lag_seconds_{-1};
  std::atomic<std::uint64_t> reads_{0};
  std::atomic<std::uint64_t> failures_{0};
  mutable std::mutex mu_;               // detail_
  std::string detail_ = "not checked yet";
  std::mutex check_mu_;                 // one Check at a time; seen_
  std::deque<Seen> seen_;               // primary positions the replica had not reached, oldest first
  std::mutex wait_mu_;
  std::condition_variable_any wake_;
  bool recheck_ = false;                // under wait_mu_: a read failed, check now
  std::jthread monitor_;
};

}  // namespace moderno::db
