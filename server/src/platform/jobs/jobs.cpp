#include "platform/jobs/jobs.hpp"

#include <algorithm>

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

void Queue::Register(std::string kind, Handler handler) {
  kinds_.push_back(kind);
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
  uow.AfterCommit([this] { Notify(); });
  return id;
}

void Queue::WorkerLoop() {
  while (true) {
    std::uint64_t seen = 0;
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      seen = wakeups_;
    }
    bool ran = false;
    if (auto job = Claim()) {
      RunOne(std::move(*job));
      ran = true;
    }
    if (ran) continue;
    std::unique_lock lock(mu_);
    wake_.wait_for(lock, options_.poll, [&] { return stopping_ || wakeups_ != seen; });
    if (stopping_) return;
  }
}

std::chrono::seconds Queue::Backoff(int attempts) const {
  // base * 2^(attempts-1), capped; attempts counts the run that just failed.
  std::int64_t s = options_.backoff_base.count();
  for (int i = 1; i < attempts && s < options_.backoff_max.count(); ++i) s *= 2;
  return std::chrono::seconds(std::min<std::int64_t>(s, options_.backoff_max.count()));
}

std::optional<Job> Queue::Claim() {
  if (kinds_.empty()) return std::nullopt;
  // Other nodes may win every candidate read: look again a few times before going idle.
  for (int round = 0; round < 3; ++round) {
    bool lost = false;
    if (auto job = ClaimOnce(lost)) return job;
    if (!lost) break;
  }
  return std::nullopt;
}

std::optional<Job> Queue::ClaimOnce(bool& lost) {
  const std::string now = Now();
  const std::string until = time::ToSql(clock_() + options_.lease);
  // Candidates are read first, outside the write transaction, by two queries that each walk
  // one index in order (a backlog of many queued jobs costs no scan or sort); the conditional
  // UPDATE below decides between claimers on any number of nodes.
  std::vector<db::Value> params{now};
  for (const auto& k : kinds_) params.emplace_back(k);
  const std::string kinds = " AND kind IN (" + db::Placeholders(kinds_.size()) + ")";
  struct Candidates {
    std::vector<std::int64_t> ids;
    bool expired = false;  // a running job whose lease ran out (maybe on its last attempt)
  };
  auto found = db_.Read([&](db::UnitOfWork& uow) -> Result<Candidates> {
    Candidates c;
    for (const db::Row& r : uow.Query("SELECT id FROM jobs WHERE status = 'running' AND locked_until < ?" + kinds +
                                          " ORDER BY locked_until LIMIT 4",
                                      params)) {
      c.ids.push_back(r.Int(0));
      c.expired = true;
    }
    for (const db::Row& r : uow.Query("SELECT id FROM jobs WHERE status = 'queued' AND run_after <= ?" + kinds +
                                          " ORDER BY run_after, id LIMIT 4",
                                      params)) {
      c.ids.push_back(r.Int(0));
    }
    return c;
  });
  if (!found) {
    log::Warn("job claim failed", {{"error", found.error().internal}});
    return std::nullopt;
  }
  if (found->ids.empty()) return std::nullopt;
  auto claimed = db_.Write([&](db::UnitOfWork& uow) -> Result<std::optional<Job>> {
    if (found->expired) {
      // A job whose worker died on its last attempt is dead, not run again.
      uow.Exec(
          "UPDATE jobs SET status = 'dead', locked_by = NULL, locked_until = NULL, finished_at = ?, updated_at = ?, "
          "last_error = COALESCE(last_error, 'the worker stopped before finishing (lease expired)') "
          "WHERE status = 'running' AND locked_until < ? AND attempts >= max_attempts",
          {now, now, now});
    }
    for (const std::int64_t id : found->ids) {
      const auto won = uow.Exec(
          "UPDATE jobs SET status = 'running', locked_by = ?, locked_until = ?, attempts = attempts + 1, updated_at = ? "
          "WHERE id = ? AND ((status = 'queued' AND run_after <= ?) OR (status = 'running' AND locked_until < ?)) "
          "AND attempts < max_attempts",
          {options_.node_id, until, now, id, now, now});
      if (won.affected == 1) {
        auto row = uow.QueryOne(std::string("SELECT ") + kColumns + " FROM jobs WHERE id = ?", {id});
        if (row) return std::optional<Job>(ReadJob(*row));
      }
    }
    lost = true;
    return std::optional<Job>();
  });
  if (!claimed) {
    log::Warn("job claim failed", {{"error", claimed.error().internal}});
    return std::nullopt;
  }
  return *claimed;
}

void Queue::RunOne(Job job) {
  const auto handler = handlers_.find(job.kind);
  Context ctx(db_, job, clock_, options_.lease, [this](std::int64_t id, std::int64_t done, std::int64_t total) {
    std::lock_guard lock(mu_);
    live_progress_[id] = {done, total};
  });
  Result<void> outcome = Fail(Errc::kInternal, "", "no handler for kind " + job.kind);
  if (handler != handlers_.end()) {
    try {
      outcome = handler->second(ctx);
    } catch (const std::exception& e) {
      outcome = Fail(Errc::kInternal, "", std::string("handler threw: ") + e.what());
    }
  }
  const std::string now = Now();
  auto stored = db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    if (outcome) {
      uow.Exec(
          "UPDATE jobs SET status = 'done', locked_by = NULL, locked_until = NULL, result = ?, last_error = NULL, "
          "progress_done = ?, progress_total = ?, finished_at = ?, updated_at = ? "
          "WHERE id = ? AND status = 'running' AND locked_by = ?",
          {db::Opt(ctx.result()), ctx.job().progress_done, ctx.job().progress_total, now, now, job.id,
           options_.node_id});
      return {};
    }
    std::string error = outcome.error().internal.empty() ? outcome.error().detail : outcome.error().internal;
    if (error.size() > 2000) error.resize(2000);
    if (job.attempts >= job.max_attempts) {
      uow.Exec(
          "UPDATE jobs SET status = 'dead', locked_by = NULL, locked_until = NULL, last_error = ?, finished_at = ?, "
          "updated_at = ? WHERE id = ? AND status = 'running' AND locked_by = ?",
          {error, now, now, job.id, options_.node_id});
    } else {
      uow.Exec(
          "UPDATE jobs SET status = 'queued', locked_by = NULL, locked_until = NULL, last_error = ?, run_after = ?, "
          "updated_at = ? WHERE id = ? AND status = 'running' AND locked_by = ?",
          {error, time::ToSql(clock_() + Backoff(job.attempts)), now, job.id, options_.node_id});
    }
    return {};
  });
  {
    std::lock_guard lock(mu_);
    live_progress_.erase(job.id);
  }
  if (!stored) log::Error("job outcome not stored", {{"job", std::to_string(job.id)}, {"error", stored.error().internal}});
  if (outcome) {
    log::Info("job done", {{"job", std::to_string(job.id)}, {"kind", job.kind}});
  } else {
    log::Warn("job failed", {{"job", std::to_string(job.id)},
                             {"kind", job.kind},
                             {"attempt", std::to_string(job.attempts)},
                             {"error", outcome.error().internal}});
  }
}

int Queue::RunDue(int max) {
  int ran = 0;
  while (ran < max) {
    auto job = Claim();
    if (!job) break;
    RunOne(std::move(*job));
    ++ran;
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
    uow.AfterCommit([this] { Notify(); });
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
