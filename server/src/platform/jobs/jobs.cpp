#include "platform/jobs/jobs.hpp"

#include <algorithm>
#include <limits>

#include "platform/crypto/cipher.hpp"
#include "platform/log/log.hpp"

namespace moderno::jobs {
namespace {

constexpr const char* kColumns =
    "id, kind, payload, status, attempts, max_attempts, run_after, last_error, progress_done, progress_total, "
    "result, created_at, updated_at, finished_at";

Job ReadJob(const db::Row& r) {
  Job j;
  j.id = r.Int(0);
  j.kind = r.Str(1);
  j.payload = r.Str(2);
  j.status = r.Str(3);
  j.attempts = static_cast<int>(r.Int(4));
  j.max_attempts = static_cast<int>(r.Int(5));
  j.run_after = r.Str(6);
  j.last_error = r.OptStr(7);
  j.progress_done = r.Int(8);
  j.progress_total = r.Int(9);
  j.result = r.OptStr(10);
  j.created_at = r.Str(11);
  j.updated_at = r.Str(12);
  j.finished_at = r.OptStr(13);
  return j;
}

std::string Plus(const std::string& now_sql, std::chrono::seconds s) {
  auto t = time::FromSql(now_sql);
  return time::ToSql((t ? *t : std::chrono::system_clock::now()) + s);
}

}  // namespace

std::int64_t Enqueue(db::UnitOfWork& uow, std::string_view kind, const std::string& payload_json,
                     const std::string& now_sql, EnqueueOptions options) {
  const auto r = uow.Exec(
      "INSERT INTO jobs (kind, payload, status, attempts, max_attempts, run_after, created_at, updated_at) "
      "VALUES (?, ?, 'queued', 0, ?, ?, ?, ?)",
      {std::string(kind), payload_json, std::int64_t{std::max(1, options.max_attempts)}, Plus(now_sql, options.delay),
       now_sql, now_sql});
  return r.last_insert_id;
}

void Context::Progress(std::int64_t done, std::int64_t total) {
  const auto now = clock_();
  job_.progress_done = done;
  job_.progress_total = total;
  if (live_) live_(job_.id, done, total);
  if (db_.dialect() == db::Dialect::kSqlite && db::Database::WritingOnThisThread()) return;
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    uow.Exec("UPDATE jobs SET progress_done = ?, progress_total = ?, locked_until = ?, updated_at = ? "
             "WHERE id = ? AND status = 'running'",
             {done, total, time::ToSql(now + lease_), time::ToSql(now), job_.id});
    return {};
  });
  if (!r) log::Warn("job progress not stored", {{"job", std::to_string(job_.id)}, {"error", r.error().internal}});
}

Queue::Queue(db::Database& db, QueueOptions options, time::SystemClock clock)
    : db_(db), options_(std::move(options)), clock_(std::move(clock)) {
  if (!clock_) clock_ = [] { return std::chrono::system_clock::now(); };
  if (options_.node_id.empty()) options_.node_id = "node-" + crypto::RandomToken(6);
  options_.workers = std::max(1, options_.workers);
}

Queue::~Queue() { Stop(); }

void Queue::Register(std::string kind, Handler handler, KindOptions options) {
  kinds_.push_back(kind);
  batch_[kind] = std::max(1, options.batch);
  handlers_[std::move(kind)] = std::move(handler);
}

void Queue::Start() {
  std::lock_guard lock(mu_);
  if (!threads_.empty()) return;
  stopping_ = false;
  for (int i = 0; i < options_.workers; ++i) threads_.emplace_back([this] { WorkerLoop(); });
}

void Queue::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void Queue::Notify() {
  {
    std::lock_guard lock(mu_);
    ++wakeups_;
  }
  wake_.notify_all();
}

std::int64_t Queue::Enqueue(db::UnitOfWork& uow, std::string_view kind, const std::string& payload_json,
                            EnqueueOptions options) {
  const std::int64_t id = jobs::Enqueue(uow, kind, payload_json, Now(), options);
  uow.AfterCommit([this] { Enqueued(); });
  return id;
}

void Queue::Enqueued() {
  Notify();
  if (wake_others_) wake_others_();
}

void Queue::SetWakeups(std::function<void()> wake_others, std::function<bool()> live,
                       std::chrono::milliseconds idle_poll) {
  wake_others_ = std::move(wake_others);
  wakeups_live_ = std::move(live);
  idle_poll_ = idle_poll;
}

std::chrono::milliseconds Queue::IdleWait() {
  if (!wakeups_live_ || !wakeups_live_() || idle_poll_ <= options_.poll) return options_.poll;
  // Enqueues wake every node; what no one announces is a job that becomes due later (a retry's
  // backoff, a delayed run): wait until the first one, at most the idle poll.
  // Only later jobs of kinds this node runs: one due now that it cannot claim must not make
  // it spin.
  if (kinds_.empty()) return idle_poll_;
  std::vector<db::Value> params{Now()};
  for (const auto& k : kinds_) params.emplace_back(k);
  auto next = db_.Read([&](db::UnitOfWork& uow) -> Result<std::string> {
    auto row = uow.QueryOne("SELECT MIN(run_after) FROM jobs WHERE status = 'queued' AND run_after > ? AND kind IN (" +
                                db::Placeholders(kinds_.size()) + ")",
                            params);
    return row && !row->IsNull(0) ? row->Str(0) : std::string();
  });
  if (!next) return options_.poll;
  if (next->empty()) return idle_poll_;
  const auto due = time::FromSql(*next);
  if (!due) return options_.poll;
  const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(*due - clock_()) + std::chrono::milliseconds(5);
  return std::clamp(until, std::chrono::milliseconds(0), idle_poll_);
}

void Queue::WorkerLoop() {
  while (true) {
    std::uint64_t seen = 0;
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      seen = wakeups_;
    }
    if (auto claimed = Claim(std::numeric_limits<int>::max()); !claimed.empty()) {
      RunClaimed(std::move(claimed));
      continue;
    }
    const auto wait = IdleWait();
    std::unique_lock lock(mu_);
    wake_.wait_for(lock, wait, [&] { return stopping_ || wakeups_ != seen; });
    if (stopping_) return;
  }
}

std::chrono::seconds Queue::Backoff(int attempts) const {
  // base * 2^(attempts-1), capped; attempts counts the run that just failed.
  std::int64_t s = options_.backoff_base.count();
  for (int i = 1; i < attempts && s < options_.backoff_max.count(); ++i) s *= 2;
  return std::chrono::seconds(std::min<std::int64_t>(s, options_.backoff_max.count()));
}

bool Queue::Stopping() {
  std::lock_guard lock(mu_);
  return stopping_;
}

std::vector<Job> Queue::Claim(int max) {
  if (kinds_.empty() || max <= 0) return {};
  // Other nodes may win every candidate read: look again a few times before going idle.
  for (int round = 0; round < 3; ++round) {
    bool lost = false;
    if (auto jobs = ClaimOnce(max, lost); !jobs.empty()) return jobs;
    if (!lost) break;
  }
  return {};
}

std::vector<Job> Queue::ClaimOnce(int max, bool& lost) {
  const std::string now = Now();
  const std::string until = time::ToSql(clock_() + options_.lease);
  int widest = 4;
  for (const auto& [kind, batch] : batch_) widest = std::max(widest, batch);
  // Candidates are read first, outside the write transaction, by two queries that each walk
  // one index in order (a backlog of many queued jobs costs no scan or sort); the conditional
  // UPDATE below decides between claimers on any number of nodes.
  std::vector<db::Value> params{now};
  for (const auto& k : kinds_) params.emplace_back(k);
  const std::string kinds = " AND kind IN (" + db::Placeholders(kinds_.size()) + ")";
  struct Candidates {
    std::vector<std::pair<std::int64_t, std::string>> jobs;  // id, kind
    bool expired = false;  // a running job whose lease ran out (maybe on its last attempt)
  };
  auto found = db_.Read([&](db::UnitOfWork& uow) -> Result<Candidates> {
    Candidates c;
    for (const db::Row& r : uow.Query("SELECT id, kind FROM jobs WHERE status = 'running' AND locked_until < ?" +
                                          kinds + " ORDER BY locked_until LIMIT 4",
                                      params)) {
      c.jobs.emplace_back(r.Int(0), r.Str(1));
      c.expired = true;
    }
    for (const db::Row& r : uow.Query("SELECT id, kind FROM jobs WHERE status = 'queued' AND run_after <= ?" + kinds +
                                          " ORDER BY run_after, id LIMIT " + std::to_string(widest),
                                      params)) {
      c.jobs.emplace_back(r.Int(0), r.Str(1));
    }
    return c;
  });
  if (!found) {
    log::Warn("job claim failed", {{"error", found.error().internal}});
    return {};
  }
  if (found->jobs.empty()) return {};
  // Groups in candidate order: a job and the next candidates of its kind, up to its batch.
  std::vector<std::vector<std::int64_t>> groups;
  std::vector<bool> grouped(found->jobs.size(), false);
  for (std::size_t i = 0; i < found->jobs.size(); ++i) {
    if (grouped[i]) continue;
    const std::string& kind = found->jobs[i].second;
    const int size = std::min(max, batch_.count(kind) ? batch_.at(kind) : 1);
    std::vector<std::int64_t> group;
    for (std::size_t j = i; j < found->jobs.size() && static_cast<int>(group.size()) < size; ++j) {
      if (grouped[j] || found->jobs[j].second != kind) continue;
      if (std::find(group.begin(), group.end(), found->jobs[j].first) != group.end()) continue;
      grouped[j] = true;
      group.push_back(found->jobs[j].first);
    }
    groups.push_back(std::move(group));
  }
  // This claim's mark: the jobs it wins are the ones carrying it.
  const std::string token = options_.node_id.substr(0, 40) + "#" + std::to_string(++claims_);
  auto claimed = db_.Write([&](db::UnitOfWork& uow) -> Result<std::vector<Job>> {
    if (found->expired) {
      // A job whose worker died on its last attempt is dead, not run again.
      uow.Exec(
          "UPDATE jobs SET status = 'dead', locked_by = NULL, locked_until = NULL, finished_at = ?, updated_at = ?, "
          "last_error = COALESCE(last_error, 'the worker stopped before finishing (lease expired)') "
          "WHERE status = 'running' AND locked_until < ? AND attempts >= max_attempts",
          {now, now, now});
    }
    for (const auto& group : groups) {
      std::vector<db::Value> ids;
      for (const std::int64_t id : group) ids.emplace_back(id);
      std::vector<db::Value> update{token, until, now};
      update.insert(update.end(), ids.begin(), ids.end());
      update.insert(update.end(), {now, now});
      const auto won = uow.Exec(
          "UPDATE jobs SET status = 'running', locked_by = ?, locked_until = ?, attempts = attempts + 1, updated_at = ? "
          "WHERE id IN (" + db::Placeholders(ids.size()) + ") AND ((status = 'queued' AND run_after <= ?) OR "
          "(status = 'running' AND locked_until < ?)) AND attempts < max_attempts",
          update);
      if (won.affected == 0) continue;
      std::vector<db::Value> read = ids;
      read.emplace_back(token);
      std::vector<Job> jobs;
      for (const db::Row& r : uow.Query(std::string("SELECT ") + kColumns + " FROM jobs WHERE id IN (" +
                                            db::Placeholders(ids.size()) +
                                            ") AND status = 'running' AND locked_by = ? ORDER BY id",
                                        read)) {
        jobs.push_back(ReadJob(r));
        jobs.back().claimed_by = token;
      }
      return jobs;
    }
    lost = true;
    return std::vector<Job>();
  });
  if (!claimed) {
    log::Warn("job claim failed", {{"error", claimed.error().internal}});
    return {};
  }
  return std::move(*claimed);
}

Queue::Outcome Queue::RunHandler(const Job& job) {
  const auto handler = handlers_.find(job.kind);
  Context ctx(db_, job, clock_, options_.lease, [this](std::int64_t id, std::int64_t done, std::int64_t total) {
    std::lock_guard lock(mu_);
    live_progress_[id] = {done, total};
  });
  Result<void> result = Fail(Errc::kInternal, "", "no handler for kind " + job.kind);
  if (handler != handlers_.end()) {
    try {
      result = handler->second(ctx);
    } catch (const std::exception& e) {
      result = Fail(Errc::kInternal, "", std::string("handler threw: ") + e.what());
    }
  }
  if (result) {
    log::Info("job done", {{"job", std::to_string(job.id)}, {"kind", job.kind}});
  } else {
    log::Warn("job failed", {{"job", std::to_string(job.id)},
                             {"kind", job.kind},
                             {"attempt", std::to_string(job.attempts)},
                             {"error", result.error().internal}});
  }
  return Outcome{ctx.job(), std::move(result), ctx.result()};
}

int Queue::RunClaimed(std::vector<Job> jobs) {
  const auto started = clock_();
  auto stored_at = std::chrono::steady_clock::now();
  std::vector<Outcome> outcomes;
  int ran = 0;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    // The rest of a batch goes back to the queue rather than outliving its lease or a stop.
    if (i > 0 && (Stopping() || clock_() - started > options_.lease / 2)) {
      Release(std::vector<Job>(jobs.begin() + static_cast<std::ptrdiff_t>(i), jobs.end()));
      break;
    }
    outcomes.push_back(RunHandler(jobs[i]));
    ++ran;
    if (std::chrono::steady_clock::now() - stored_at >= options_.store_every) {
      Store(outcomes);
      stored_at = std::chrono::steady_clock::now();
    }
  }
  Store(outcomes);
  return ran;
}

void Queue::Store(std::vector<Outcome>& outcomes) {
  if (outcomes.empty()) return;
  const std::string now = Now();
  auto stored = db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    // Plain successes (no result, no progress) of one claim: one statement.
    std::vector<db::Value> plain;
    for (const Outcome& o : outcomes) {
      if (o.result && !o.result_json && o.job.progress_done == 0 && o.job.progress_total == 0) {
        plain.emplace_back(o.job.id);
      }
    }
    if (!plain.empty()) {
      std::vector<db::Value> params{now, now};
      params.insert(params.end(), plain.begin(), plain.end());
      params.emplace_back(outcomes.front().job.claimed_by);
      uow.Exec(
          "UPDATE jobs SET status = 'done', locked_by = NULL, locked_until = NULL, result = NULL, last_error = NULL, "
          "progress_done = 0, progress_total = 0, finished_at = ?, updated_at = ? WHERE id IN (" + db::Placeholders(plain.size()) +
              ") AND status = 'running' AND locked_by = ?",
          params);
    }
    for (const Outcome& o : outcomes) {
      const Job& job = o.job;
      if (o.result) {
        if (!o.result_json && job.progress_done == 0 && job.progress_total == 0) continue;
        uow.Exec(
            "UPDATE jobs SET status = 'done', locked_by = NULL, locked_until = NULL, result = ?, last_error = NULL, "
            "progress_done = ?, progress_total = ?, finished_at = ?, updated_at = ? "
            "WHERE id = ? AND status = 'running' AND locked_by = ?",
            {db::Opt(o.result_json), job.progress_done, job.progress_total, now, now, job.id, job.claimed_by});
        continue;
      }
      std::string error = o.result.error().internal.empty() ? o.result.error().detail : o.result.error().internal;
      if (error.size() > 2000) error.resize(2000);
      if (job.attempts >= job.max_attempts) {
        uow.Exec(
            "UPDATE jobs SET status = 'dead', locked_by = NULL, locked_until = NULL, last_error = ?, finished_at = ?, "
            "updated_at = ? WHERE id = ? AND status = 'running' AND locked_by = ?",
            {error, now, now, job.id, job.claimed_by});
      } else {
        uow.Exec(
            "UPDATE jobs SET status = 'queued', locked_by = NULL, locked_until = NULL, last_error = ?, run_after = ?, "
            "updated_at = ? WHERE id = ? AND status = 'running' AND locked_by = ?",
            {error, time::ToSql(clock_() + Backoff(job.attempts)), now, job.id, job.claimed_by});
      }
    }
    return {};
  });
  {
    std::lock_guard lock(mu_);
    for (const Outcome& o : outcomes) live_progress_.erase(o.job.id);
  }
  if (!stored) {
    for (const Outcome& o : outcomes) {
      log::Error("job outcome not stored", {{"job", std::to_string(o.job.id)}, {"error", stored.error().internal}});
    }
  }
  outcomes.clear();
}

void Queue::Release(const std::vector<Job>& jobs) {
  if (jobs.empty()) return;
  std::vector<db::Value> params{Now()};
  for (const Job& j : jobs) params.emplace_back(j.id);
  params.emplace_back(jobs.front().claimed_by);
  auto released = db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    uow.Exec("UPDATE jobs SET status = 'queued', locked_by = NULL, locked_until = NULL, attempts = attempts - 1, "
             "updated_at = ? WHERE id IN (" + db::Placeholders(jobs.size()) + ") AND status = 'running' AND locked_by = ?",
             params);
    return {};
  });
  if (!released) log::Warn("claimed jobs not handed back (their lease will)", {{"error", released.error().internal}});
}

int Queue::RunDue(int max) {
  int ran = 0;
  while (ran < max) {
    auto jobs = Claim(max - ran);
    if (jobs.empty()) break;
    ran += RunClaimed(std::move(jobs));
  }
  return ran;
}

Result<Job> Queue::Get(std::int64_t id) {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<Job> {
    auto row = uow.QueryOne(std::string("SELECT ") + kColumns + " FROM jobs WHERE id = ?", {id});
    if (!row) return Fail(Errc::kNotFound, "No job " + std::to_string(id) + ".");
    Job job = ReadJob(*row);
    Overlay(job);
    return job;
  });
}

void Queue::Overlay(Job& job) {
  if (job.status != kRunning) return;
  std::lock_guard lock(mu_);
  if (auto it = live_progress_.find(job.id); it != live_progress_.end()) {
    job.progress_done = it->second.first;
    job.progress_total = it->second.second;
  }
}

Result<JobPage> Queue::List(const std::optional<std::string>& status, const std::optional<std::string>& kind, int page,
                            int limit) {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<JobPage> {
    std::string where = " WHERE 1 = 1";
    std::vector<db::Value> params;
    if (status) {
      where += " AND status = ?";
      params.emplace_back(*status);
    }
    if (kind) {
      where += " AND kind = ?";
      params.emplace_back(*kind);
    }
    JobPage out;
    out.total = uow.QueryOne("SELECT COUNT(*) FROM jobs" + where, params)->Int(0);
    params.emplace_back(std::int64_t{limit});
    params.emplace_back(std::int64_t{(page - 1) * limit});
    for (const db::Row& r : uow.Query(std::string("SELECT ") + kColumns + " FROM jobs" + where +
                                          " ORDER BY id DESC LIMIT ? OFFSET ?",
                                      params)) {
      out.jobs.push_back(ReadJob(r));
      Overlay(out.jobs.back());
    }
    return out;
  });
}

Result<Job> Queue::Retry(std::int64_t id, const std::string& now_sql) {
  auto done = db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    auto row = uow.QueryOne("SELECT status FROM jobs WHERE id = ?", {id});
    if (!row) return Fail(Errc::kNotFound, "No job " + std::to_string(id) + ".");
    const auto changed = uow.Exec(
        "UPDATE jobs SET status = 'queued', attempts = 0, run_after = ?, locked_by = NULL, locked_until = NULL, "
        "finished_at = NULL, updated_at = ? WHERE id = ? AND status IN ('dead', 'done')",
        {now_sql, now_sql, id});
    if (changed.affected != 1) {
      Error e{Errc::kConflict, "Only dead or done jobs can be retried; this one is " + row->Str(0) + ".", "", {},
              "job_not_finished"};
      return std::unexpected(e);
    }
    uow.AfterCommit([this] { Enqueued(); });
    return {};
  });
  if (!done) return std::unexpected(done.error());
  return Get(id);
}

Result<std::map<std::string, std::int64_t>> Queue::Counts() {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<std::map<std::string, std::int64_t>> {
    std::map<std::string, std::int64_t> out{{kQueued, 0}, {kRunning, 0}, {kDone, 0}, {kDead, 0}};
    for (const db::Row& r : uow.Query("SELECT status, COUNT(*) FROM jobs GROUP BY status")) out[r.Str(0)] = r.Int(1);
    return out;
  });
}

}  // namespace moderno::jobs
