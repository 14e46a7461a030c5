#include "platform/schedule/lease.hpp"

#include <cctype>

namespace moderno::schedule {
namespace {

// The database's clock in epoch seconds, per dialect (a constant, spliced into the SQL).
const char* NowSql(db::Dialect d) {
  return d == db::Dialect::kSqlite ? "CAST(strftime('%s', 'now') AS INTEGER)" : "UNIX_TIMESTAMP()";
}

std::string WithNow(db::Dialect d, std::string sql) {
  for (std::size_t at; (at = sql.find("{now}")) != std::string::npos;) sql.replace(at, 5, NowSql(d));
  return sql;
}

constexpr const char* kInsertIgnoreSqlite = "INSERT OR IGNORE INTO schedule_leases (name) VALUES (?)";
constexpr const char* kInsertIgnoreMysql = "INSERT IGNORE INTO schedule_leases (name) VALUES (?)";

}  // namespace

std::optional<Schedule> ParseSchedule(const std::string& text) {
  if (text == "hourly") return Schedule{3600, 0};
  if (text == "daily") return Schedule{86400, 0};
  if (text.starts_with("daily@") && text.size() == 11 && text[8] == ':') {
    const std::string hh = text.substr(6, 2), mm = text.substr(9, 2);
    for (char c : hh + mm) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    }
    const int h = std::stoi(hh), m = std::stoi(mm);
    if (h > 23 || m > 59) return std::nullopt;
    return Schedule{86400, h * 3600 + m * 60};
  }
  if (text.size() < 2) return std::nullopt;
  const std::string digits = text.substr(0, text.size() - 1);
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  if (digits.size() > 7) return std::nullopt;
  const std::int64_t n = std::stoll(digits);
  const std::int64_t unit = text.back() == 's' ? 1 : text.back() == 'm' ? 60 : text.back() == 'h' ? 3600 : text.back() == 'd' ? 86400 : 0;
  if (unit == 0 || n <= 0) return std::nullopt;
  return Schedule{n * unit, 0};
}

Result<std::int64_t> DatabaseNow(db::Database& db) {
  return db.Read([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
    return uow.Query(std::string("SELECT ") + NowSql(uow.dialect()), {}).at(0).Int(0);
  });
}

Result<std::optional<std::int64_t>> Lease::ClaimTick(const Schedule& s) {
  if (!row_exists_) {
    // In a transaction of its own: on MariaDB the duplicate check's shared lock, held into
    // the claim's update, would deadlock against other contenders doing the same.
    auto made = db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
      uow.Exec(uow.dialect() == db::Dialect::kSqlite ? kInsertIgnoreSqlite : kInsertIgnoreMysql, {task_});
      return {};
    });
    if (!made) return std::unexpected(made.error());
    row_exists_ = true;
  }
  return db_.Write([&](db::UnitOfWork& uow) -> Result<std::optional<std::int64_t>> {
    const auto d = uow.dialect();
    const std::int64_t tick = s.TickAt(uow.Query(std::string("SELECT ") + NowSql(d), {}).at(0).Int(0));
    // One conditional update decides: only one node moves last_tick to this tick, and only
    // while no other holder's lease is alive by the database's clock.
    const auto done = uow.Exec(WithNow(d, "UPDATE schedule_leases SET holder = ?, expires_at = {now} + ?, heartbeat_at = {now}, "
                                          "last_tick = ? WHERE name = ? AND last_tick < ? AND "
                                          "(holder IS NULL OR holder = ? OR expires_at < {now})"),
                               {holder_, static_cast<std::int64_t>(ttl_.count()), tick, task_, tick, holder_});
    if (done.affected != 1) return std::nullopt;
    return tick;
  });
}

Result<bool> Lease::Heartbeat() {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<bool> {
    const auto done = uow.Exec(WithNow(uow.dialect(), "UPDATE schedule_leases SET expires_at = {now} + ?, heartbeat_at = {now} "
                                                      "WHERE name = ? AND holder = ?"),
                               {static_cast<std::int64_t>(ttl_.count()), task_, holder_});
    return done.affected == 1;
  });
}

Result<void> Lease::Release(bool succeeded) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    uow.Exec(WithNow(uow.dialect(), succeeded ? "UPDATE schedule_leases SET holder = NULL, expires_at = 0, last_success_at = {now} "
                                                "WHERE name = ? AND holder = ?"
                                              : "UPDATE schedule_leases SET holder = NULL, expires_at = 0 WHERE name = ? AND holder = ?"),
             {task_, holder_});
    return {};
  });
}

Result<void> Lease::RecordSuccess() {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    uow.Exec(uow.dialect() == db::Dialect::kSqlite ? kInsertIgnoreSqlite : kInsertIgnoreMysql, {task_});
    uow.Exec(WithNow(uow.dialect(), "UPDATE schedule_leases SET last_success_at = {now} WHERE name = ?"), {task_});
    return {};
  });
}

Result<std::optional<std::int64_t>> Lease::LastSuccess() {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<std::optional<std::int64_t>> {
    auto row = uow.QueryOne("SELECT last_success_at FROM schedule_leases WHERE name = ?", {task_});
    return row ? row->OptInt(0) : std::nullopt;
  });
}

ScheduledTask::ScheduledTask(db::Database& db, std::string name, std::string holder, Schedule schedule,
                             std::function<bool()> task, std::chrono::milliseconds poll, std::chrono::seconds ttl)
    : lease_(db, std::move(name), std::move(holder), ttl), schedule_(schedule), task_(std::move(task)), poll_(poll), ttl_(ttl) {}

ScheduledTask::~ScheduledTask() { Stop(); }

void ScheduledTask::Start() { thread_ = std::thread([this] { Loop(); }); }

void ScheduledTask::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ScheduledTask::Loop() {
  for (;;) {
    {
      std::unique_lock lock(mu_);
      if (cv_.wait_for(lock, poll_, [this] { return stop_; })) return;
    }
    auto claimed = lease_.ClaimTick(schedule_);
    if (claimed && *claimed) RunHeld();
    if (auto last = lease_.LastSuccess(); last && *last) last_success_ = **last;
  }
}

// Runs the task while a second thread renews the lease at a third of its lifetime.
void ScheduledTask::RunHeld() {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  std::thread heartbeat([&] {
    std::unique_lock lock(mu);
    while (!cv.wait_for(lock, ttl_ / 3, [&] { return done; })) {
      lock.unlock();
      (void)lease_.Heartbeat();
      lock.lock();
    }
  });
  bool ok = false;
  try {
    ok = task_();
  } catch (...) {
    ok = false;
  }
  {
    std::lock_guard lock(mu);
    done = true;
  }
  cv.notify_all();
  heartbeat.join();
  (void)lease_.Release(ok);
  ++runs_;
}

}  // namespace moderno::schedule
