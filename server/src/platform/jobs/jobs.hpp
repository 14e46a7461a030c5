#pragma once
// Durable background jobs: a `jobs` table used as a queue. A job is enqueued in the same
// transaction as the change that causes it (so it exists if and only if the change committed);
// workers on any number of nodes claim due jobs with a conditional update (one claimer wins),
// run the handler registered for the job's kind, and retry failures with exponential backoff up
// to the job's maximum, after which the job is `dead` (visible to staff, retryable by hand).
// A claim carries a lease: a job whose worker died is claimed again when the lease runs out.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "platform/time/time.hpp"

namespace moderno::jobs {

// Job statuses.
inline constexpr const char* kQueued = "queued";    // waiting for run_after
inline constexpr const char* kRunning = "running";  // claimed, lease until locked_until
inline constexpr const char* kDone = "done";
inline constexpr const char* kDead = "dead";        // failed max_attempts times

struct Job {
  std::int64_t id = 0;
  std::string kind;
  std::string payload;  // JSON text
  std::string status;
  int attempts = 0;  // runs started so far
  int max_attempts = 5;
  std::string run_after;  // SQL UTC timestamp: not claimed before
  std::optional<std::string> last_error;
  std::int64_t progress_done = 0, progress_total = 0;
  std::optional<std::string> result;  // JSON text set by the handler
  std::string created_at, updated_at;
  std::optional<std::string> finished_at;
  std::string claimed_by;  // locked_by of the claim this node holds (set by the queue, not stored)
};

// Options of Enqueue.
struct EnqueueOptions {
  int max_attempts = 5;
  std::chrono::seconds delay{0};  // run no sooner than now + delay
};

// Inserts a queued job in the caller's transaction and returns its id. `now_sql` is the
// caller's clock (time::ToSql); the job is due at now_sql + delay. Idle workers find it at their
// next poll (QueueOptions::poll); Queue::Enqueue also wakes this node's workers after commit.
std::int64_t Enqueue(db::UnitOfWork& uow, std::string_view kind, const std::string& payload_json,
                     const std::string& now_sql, EnqueueOptions options = {});

// What a handler sees of its job; it may report progress and a result while running.
class Context {
 public:
  // `live` (optional) receives every progress report at once, also those that cannot be
  // stored yet (see Progress).
  using LiveProgress = std::function<void(std::int64_t job_id, std::int64_t done, std::int64_t total)>;
  Context(db::Database& db, Job job, time::SystemClock clock, std::chrono::seconds lease = std::chrono::seconds(300),
          LiveProgress live = {})
      : db_(db), job_(std::move(job)), clock_(std::move(clock)), lease_(lease), live_(std::move(live)) {}
  const Job& job() const { return job_; }
  // Stores done/total (for progress bars at GET /admin/jobs/{id}) and renews the lease; one
  // write, so call it per batch or per 1% step, not per row. Called from inside the handler's
  // own write transaction on SQLite (one writer), the figures are kept by this node's queue
  // instead, which GET answers from until the job ends and the final figures are stored.
  void Progress(std::int64_t done, std::int64_t total);
  // Stored with the job when it finishes (e.g. {"download": "/api/v1/admin/reports/files/..."}).
  void SetResult(std::string result_json) { result_ = std::move(result_json); }
  const std::optional<std::string>& result() const { return result_; }

 private:
  db::Database& db_;
  Job job_;
  time::SystemClock clock_;
  std::chrono::seconds lease_;
  LiveProgress live_;
  std::optional<std::string> result_;
};

// A handler: success, or an error whose `internal` text is kept as last_error (then retried).
using Handler = std::function<Result<void>(Context&)>;

// How a kind's jobs are claimed.
struct KindOptions {
  // Short jobs (an email): a worker claims up to `batch` due jobs of the kind in one write and
  // stores their outcomes together, at most every QueueOptions::store_every, instead of two
  // writes per job. A claimed job not started within half the lease (or when the queue stops)
  // is handed back. A crash re-runs the claimed jobs whose outcome was not stored yet.
  int batch = 1;
};

// A page of jobs for staff.
struct JobPage {
  std::vector<Job> jobs;
  std::int64_t total = 0;
};

struct QueueOptions {
  int workers = 1;                                  // threads of this node
  std::chrono::milliseconds poll{1000};             // idle poll (other nodes' jobs)
  std::chrono::seconds lease{300};                  // a running job is reclaimed after this
  std::chrono::seconds backoff_base{10};            // retry n waits base * 2^(n-1), capped
  std::chrono::seconds backoff_max{3600};
  std::string node_id;                              // written to locked_by; random when empty
  std::chrono::milliseconds store_every{250};       // outcomes of a batch kept at most this long
};

class Queue {
 public:
  Queue(db::Database& db, QueueOptions options, time::SystemClock clock);
  ~Queue();  // stops the workers
  Queue(const Queue&) = delete;
  Queue& operator=(const Queue&) = delete;

  // Registers the handler of a kind; before Start. Jobs of unknown kinds are left queued.
  void Register(std::string kind, Handler handler, KindOptions options = {});
  // Starts the worker threads (serve calls it; tests may call RunDue instead).
  void Start();
  void Stop();
  // Claims and runs due jobs on the calling thread until none is due or `max` ran; returns how
  // many ran. For tests and the CLI.
  int RunDue(int max = 1000);
  // Enqueue (the free function) plus a wake-up of this node's workers after commit.
  std::int64_t Enqueue(db::UnitOfWork& uow, std::string_view kind, const std::string& payload_json,
                       EnqueueOptions options = {});
  // Wakes this node's idle workers.
  void Notify();
  // Wake-ups across nodes (Redis): `wake_others` runs after each enqueue commits (the other
  // nodes call Notify), and while `live()` is true idle workers poll only every `idle_poll` (or
  // at the next queued job's due time, when sooner) instead of QueueOptions::poll. Before Start.
  void SetWakeups(std::function<void()> wake_others, std::function<bool()> live, std::chrono::milliseconds idle_poll);

  Result<Job> Get(std::int64_t id);
  Result<JobPage> List(const std::optional<std::string>& status, const std::optional<std::string>& kind, int page,
                       int limit);
  // A dead (or done) job queued again with its attempts reset; 409 for queued/running ones.
  Result<Job> Retry(std::int64_t id, const std::string& now_sql);
  // Counts by status, for /health/detailed and metrics.
  Result<std::map<std::string, std::int64_t>> Counts();

 private:
  std::string Now() const { return time::ToSql(clock_()); }
  struct Outcome {
    Job job;
    Result<void> result;
    std::optional<std::string> result_json;
  };
  // Due jobs of one kind (at most that kind's batch and `max`); empty when none is due.
  std::vector<Job> Claim(int max);
  // One read of candidates and one write trying them; `lost` when every candidate was taken.
  std::vector<Job> ClaimOnce(int max, bool& lost);
  // Runs claimed jobs in order, storing outcomes as they accumulate; returns how many ran.
  int RunClaimed(std::vector<Job> jobs);
  Outcome RunHandler(const Job& job);
  void Store(std::vector<Outcome>& outcomes);
  void Release(const std::vector<Job>& jobs);
  bool Stopping();
  void WorkerLoop();
  // How long an idle worker waits for a wake-up before it looks at the table again.
  std::chrono::milliseconds IdleWait();
  void Enqueued();
  std::function<void()> wake_others_;
  std::function<bool()> wakeups_live_;
  std::chrono::milliseconds idle_poll_{0};
  std::chrono::seconds Backoff(int attempts) const;

  db::Database& db_;
  QueueOptions options_;
  time::SystemClock clock_;
  std::map<std::string, Handler> handlers_;
  std::map<std::string, int> batch_;  // KindOptions::batch by kind
  std::atomic<std::uint64_t> claims_{0};
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::uint64_t wakeups_ = 0;
  std::vector<std::string> kinds_;  // registered kinds, for the claim query
  // Progress of the jobs running on this node, as last reported (GET prefers it while running).
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> live_progress_;
  void Overlay(Job& job);
};

}  // namespace moderno::jobs
