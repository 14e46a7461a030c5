// The durable job queue on both databases: a job exists only if its transaction committed,
// failures are retried with exponential backoff and then dead-lettered, staff see and retry
// dead jobs over HTTP, a job whose worker died is claimed again after its lease, and two
// queues (two nodes) working the same table never run one job twice.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <boost/json.hpp>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "fake_clock.hpp"
#include "http_suite.hpp"
#include "platform/jobs/jobs.hpp"

namespace moderno::testing {
namespace {

namespace json = boost::json;

class JobsHttpTest : public HttpSuite {
 protected:
  static void SetUpTestSuite() {
    clock_ = new FakeClock();
    StartStore({}, [](TestStore& store) {
      // The suite's own worker queue runs on a movable clock (the app's keeps real time, so the
      // staff tokens stay valid); it works the app's jobs table like another node would.
      queue_ = new jobs::Queue(store.app().db(), jobs::QueueOptions{}, clock_->clocks().system);
      queue_->Register("test.ok", [](jobs::Context& ctx) -> Result<void> {
        ctx.Progress(1, 1);
        ctx.SetResult(R"({"echo":)" + ctx.job().payload + "}");
        return {};
      });
      queue_->Register("test.flaky", [](jobs::Context&) -> Result<void> {
        if (flaky_fails_.load()) return Fail(Errc::kUnavailable, "", "relay refused the message");
        return {};
      });
    });
    admin_ = new TestUser(store_->CreateUser(http::Role::kAdmin));
    manager_ = new TestUser(store_->CreateUser(http::Role::kManager));
    customer_ = new TestUser(store_->CreateUser(http::Role::kCustomer));
  }
  static void TearDownTestSuite() {
    delete admin_;
    delete manager_;
    delete customer_;
    delete queue_;
    StopStore();
    delete clock_;
  }
  static db::Database& Db() { return store_->app().db(); }
  static std::string Now() { return time::ToSql(clock_->clocks().system()); }
  static std::int64_t EnqueueCommitted(const std::string& kind, const std::string& payload, int max_attempts = 5) {
    auto id = Db().Write([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
      return jobs::Enqueue(uow, kind, payload, Now(), {.max_attempts = max_attempts});
    });
    EXPECT_TRUE(id) << id.error().internal;
    return id ? *id : 0;
  }
  static jobs::Job Job(std::int64_t id) {
    auto j = store_->app().jobs().Get(id);
    EXPECT_TRUE(j);
    return j ? *j : jobs::Job{};
  }
  // Runs due jobs of the suite's kinds until none is due.
  static int RunDue() { return queue_->RunDue(); }
  // Two nodes (two queues of two workers each) work `kind` with `handler` until `done()`
  // holds or 60 s pass, then stop.
  static void RunOnTwoNodes(const std::string& kind, const jobs::Handler& handler, jobs::KindOptions kind_options,
                            const std::function<bool()>& done) {
    jobs::QueueOptions o;
    o.workers = 2;
    o.poll = std::chrono::milliseconds(20);
    o.node_id = "node-a";
    jobs::Queue a(Db(), o, clock_->clocks().system);
    o.node_id = "node-b";
    jobs::Queue b(Db(), o, clock_->clocks().system);
    a.Register(kind, handler, kind_options);
    b.Register(kind, handler, kind_options);
    a.Start();
    b.Start();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    a.Stop();
    b.Stop();
  }

  static inline FakeClock* clock_ = nullptr;
  static inline jobs::Queue* queue_ = nullptr;
  static inline TestUser* admin_ = nullptr;
  static inline TestUser* manager_ = nullptr;
  static inline TestUser* customer_ = nullptr;
  static inline std::atomic<bool> flaky_fails_{true};
};

TEST_F(JobsHttpTest, AJobExistsOnlyIfItsTransactionCommitted) {
  const auto before = Scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'test.ok'");
  auto rolled_back = Db().Write([&](db::UnitOfWork& uow) -> Result<void> {
    jobs::Enqueue(uow, "test.ok", R"({"n":1})", Now());
    return Fail(Errc::kConflict, "the change failed");
  });
  ASSERT_FALSE(rolled_back);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'test.ok'"), before);

  const auto id = EnqueueCommitted("test.ok", R"({"n":2})");
  EXPECT_EQ(Job(id).status, jobs::kQueued);
  EXPECT_GE(RunDue(), 1);
  const auto done = Job(id);
  EXPECT_EQ(done.status, jobs::kDone);
  EXPECT_EQ(done.attempts, 1);
  EXPECT_EQ(done.progress_done, 1);
  EXPECT_EQ(done.result.value_or(""), R"({"echo":{"n":2}})");
  EXPECT_TRUE(done.finished_at.has_value());
  EXPECT_EQ(RunDue(), 0) << "a done job is not run again";
}

TEST_F(JobsHttpTest, FailuresBackOffExponentiallyThenDieAndStaffRetryThem) {
  flaky_fails_ = true;
  const auto id = EnqueueCommitted("test.flaky", "{}", /*max_attempts=*/3);
  EXPECT_EQ(RunDue(), 1);
  auto j = Job(id);
  EXPECT_EQ(j.status, jobs::kQueued);
  EXPECT_EQ(j.attempts, 1);
  EXPECT_EQ(j.last_error.value_or(""), "relay refused the message");
  EXPECT_EQ(RunDue(), 0) << "not due before the backoff (10 s)";
  clock_->Advance(std::chrono::seconds(11));
  EXPECT_EQ(RunDue(), 1);
  EXPECT_EQ(Job(id).attempts, 2);
  clock_->Advance(std::chrono::seconds(11));
  EXPECT_EQ(RunDue(), 0) << "second backoff is 20 s";
  clock_->Advance(std::chrono::seconds(10));
  EXPECT_EQ(RunDue(), 1);
  j = Job(id);
  EXPECT_EQ(j.status, jobs::kDead) << "third failure of three: dead letter";
  clock_->Advance(std::chrono::hours(2));
  EXPECT_EQ(RunDue(), 0) << "dead jobs stay dead";

  // Staff see it in the dead letters and queue it again once the cause is fixed.
  auto dead = Call("GET", "/api/v1/admin/jobs?status=dead&kind=test.flaky", "", manager_);
  ASSERT_EQ(dead.status, 200) << dead.raw;
  ASSERT_EQ(dead.body.at("data").as_array().size(), 1u);
  EXPECT_EQ(dead.body.at("data").at(0).at("id").as_int64(), id);
  EXPECT_EQ(dead.body.at("data").at(0).at("last_error").as_string(), "relay refused the message");
  EXPECT_GE(dead.body.at("counts").at("dead").as_int64(), 1);
  EXPECT_EQ(Call("POST", "/api/v1/admin/jobs/" + std::to_string(id) + "/retry", "", manager_).status, 403)
      << "managers read, admins retry";
  flaky_fails_ = false;
  auto retried = Call("POST", "/api/v1/admin/jobs/" + std::to_string(id) + "/retry", "", admin_);
  ASSERT_EQ(retried.status, 200) << retried.raw;
  EXPECT_EQ(retried.body.at("status").as_string(), "queued");
  EXPECT_EQ(retried.body.at("attempts").as_int64(), 0);
  auto again = Call("POST", "/api/v1/admin/jobs/" + std::to_string(id) + "/retry", "", admin_);
  EXPECT_EQ(again.status, 409) << "a queued job is not retried";
  EXPECT_EQ(RunDue(), 1);
  EXPECT_EQ(Job(id).status, jobs::kDone);
  auto one = Call("GET", "/api/v1/admin/jobs/" + std::to_string(id), "", admin_);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.body.at("status").as_string(), "done");
  EXPECT_TRUE(one.body.at("last_error").is_null());
}

TEST_F(JobsHttpTest, AJobWhoseWorkerDiedIsClaimedAgainAfterItsLease) {
  const auto id = EnqueueCommitted("test.ok", R"({"n":3})");
  // A worker on another node claimed it and died: running, lease in the past.
  ASSERT_TRUE(Db().Write([&](db::UnitOfWork& uow) -> Result<void> {
    uow.Exec("UPDATE jobs SET status = 'running', attempts = 1, locked_by = 'node-gone', locked_until = ? WHERE id = ?",
             {time::ToSql(clock_->clocks().system() + std::chrono::seconds(60)), id});
    return {};
  }));
  EXPECT_EQ(RunDue(), 0) << "lease still valid";
  clock_->Advance(std::chrono::seconds(61));
  EXPECT_EQ(RunDue(), 1);
  EXPECT_EQ(Job(id).status, jobs::kDone);
  EXPECT_EQ(Job(id).attempts, 2);
}

TEST_F(JobsHttpTest, TwoNodesNeverRunOneJobTwice) {
  constexpr int kJobs = 40;
  std::mutex mu;
  std::map<std::int64_t, int> runs;
  auto count = [&](jobs::Context& ctx) -> Result<void> {
    std::lock_guard lock(mu);
    ++runs[ctx.job().id];
    return {};
  };
  std::vector<std::int64_t> ids;
  for (int i = 0; i < kJobs; ++i) ids.push_back(EnqueueCommitted("test.count", "{}"));
  RunOnTwoNodes("test.count", count, {}, [&] {
    return Scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'test.count' AND status = 'done'") >= kJobs;
  });
  std::lock_guard lock(mu);
  ASSERT_EQ(runs.size(), static_cast<std::size_t>(kJobs));
  for (const auto id : ids) EXPECT_EQ(runs[id], 1) << "job " << id;
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'test.count' AND status = 'done' AND attempts = 1"), kJobs);
}

TEST_F(JobsHttpTest, TwoNodesClaimingBatchesRunEachJobOnceAndStoreEveryOutcome) {
  // Short jobs are claimed 8 at a time and their outcomes stored together; the jobs with an
  // even id fail their first run and must come back queued with a backoff, the others be done.
  constexpr int kJobs = 60;
  std::mutex mu;
  std::map<std::int64_t, int> runs;
  std::set<std::string> claims;
  auto count = [&](jobs::Context& ctx) -> Result<void> {
    std::lock_guard lock(mu);
    ++runs[ctx.job().id];
    claims.insert(ctx.job().claimed_by);
    if (ctx.job().id % 2 == 0) return Fail(Errc::kUnavailable, "", "relay busy");
    return {};
  };
  std::vector<std::int64_t> ids;
  for (int i = 0; i < kJobs; ++i) ids.push_back(EnqueueCommitted("test.batch", "{}"));
  RunOnTwoNodes("test.batch", count, {.batch = 8}, [&] {
    return Scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'test.batch' AND status = 'done'") +
               Scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'test.batch' AND status = 'queued' AND "
                      "last_error IS NOT NULL") >=
           kJobs;
  });
  std::lock_guard lock(mu);
  ASSERT_EQ(runs.size(), static_cast<std::size_t>(kJobs));
  for (const auto id : ids) EXPECT_EQ(runs[id], 1) << "job " << id;
  EXPECT_LT(claims.size(), static_cast<std::size_t>(kJobs)) << "jobs were claimed in batches";
  for (const auto id : ids) {
    const jobs::Job j = Job(id);
    EXPECT_EQ(j.attempts, 1) << "job " << id;
    if (id % 2 == 0) {
      EXPECT_EQ(j.status, jobs::kQueued) << "job " << id;
      EXPECT_EQ(j.last_error.value_or(""), "relay busy");
      EXPECT_GT(j.run_after, Now()) << "retried after a backoff";
    } else {
      EXPECT_EQ(j.status, jobs::kDone) << "job " << id;
    }
  }
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'test.batch' AND locked_by IS NOT NULL"), 0);
}

TEST_F(JobsHttpTest, ABatchHandsBackWhatItCannotStartWithinHalfItsLease) {
  // The first job of a claimed batch takes longer than half the lease: the other two go back
  // to the queue (attempt not counted) and are claimed again, not run under a stale lease.
  jobs::QueueOptions o;
  o.node_id = "node-slow";
  o.lease = std::chrono::seconds(60);
  jobs::Queue q(Db(), o, clock_->clocks().system);
  std::vector<std::pair<std::int64_t, std::string>> seen;  // job, claim
  std::int64_t first = 0;
  q.Register(
      "test.slow",
      [&](jobs::Context& ctx) -> Result<void> {
        seen.emplace_back(ctx.job().id, ctx.job().claimed_by);
        if (ctx.job().id == first) clock_->Advance(std::chrono::seconds(31));
        return {};
      },
      {.batch = 3});
  first = EnqueueCommitted("test.slow", "{}");
  const auto second = EnqueueCommitted("test.slow", "{}");
  const auto third = EnqueueCommitted("test.slow", "{}");
  EXPECT_EQ(q.RunDue(), 3);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].first, first);
  EXPECT_EQ(seen[1].first, second);
  EXPECT_EQ(seen[2].first, third);
  EXPECT_NE(seen[1].second, seen[0].second) << "the second job was handed back and claimed again";
  EXPECT_EQ(seen[2].second, seen[1].second);
  for (const auto id : {first, second, third}) {
    EXPECT_EQ(Job(id).status, jobs::kDone);
    EXPECT_EQ(Job(id).attempts, 1) << "a handed-back claim is not an attempt";
  }
}

TEST_F(JobsHttpTest, ProgressReportedInsideTheHandlersOwnTransactionIsVisibleWhileItRuns) {
  // An import writes everything in one transaction and reports progress from inside it: on
  // SQLite that progress cannot be stored yet (one writer), so the running node answers it.
  std::mutex mu;
  std::condition_variable cv;
  bool reported = false, checked = false;
  jobs::Queue q(Db(), jobs::QueueOptions{.node_id = "node-progress"}, clock_->clocks().system);
  q.Register("test.long", [&](jobs::Context& ctx) -> Result<void> {
    return Db().Write([&](db::UnitOfWork& uow) -> Result<void> {
      // A write (SQLite takes its one writer lock) that does not lock the job's own row.
      uow.Exec("UPDATE jobs SET updated_at = updated_at WHERE id = ?", {-ctx.job().id});
      ctx.Progress(1, 3);
      {
        std::unique_lock lock(mu);
        reported = true;
        cv.notify_all();
        cv.wait_for(lock, std::chrono::seconds(30), [&] { return checked; });
      }
      ctx.Progress(3, 3);
      return {};
    });
  });
  const std::int64_t id = EnqueueCommitted("test.long", "{}");
  std::thread worker([&] { q.RunDue(); });
  bool in_handler = false;
  {
    std::unique_lock lock(mu);
    in_handler = cv.wait_for(lock, std::chrono::seconds(30), [&] { return reported; });
  }
  auto running = q.Get(id);
  {
    std::lock_guard lock(mu);
    checked = true;
    cv.notify_all();
  }
  worker.join();
  ASSERT_TRUE(in_handler);
  ASSERT_TRUE(running) << running.error().internal;
  EXPECT_EQ(running->status, jobs::kRunning);
  EXPECT_EQ(running->progress_done, 1);
  EXPECT_EQ(running->progress_total, 3);
  // Finished: the last figures are stored with the job, for every node to read.
  const jobs::Job done = Job(id);
  EXPECT_EQ(done.status, jobs::kDone);
  EXPECT_EQ(done.progress_done, 3);
  EXPECT_EQ(done.progress_total, 3);
}

TEST_F(JobsHttpTest, StaffOnlyAndValidated) {
  EXPECT_EQ(Call("GET", "/api/v1/admin/jobs", "", customer_).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/admin/jobs", "").status, 401);
  auto bad = Call("GET", "/api/v1/admin/jobs?status=lost&page=0", "", admin_);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(NamesField(bad, "status")) << bad.raw;
  EXPECT_TRUE(NamesField(bad, "page")) << bad.raw;
  EXPECT_EQ(Call("GET", "/api/v1/admin/jobs/999999", "", admin_).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/admin/jobs/abc", "", admin_).status, 404);
  EXPECT_EQ(Call("POST", "/api/v1/admin/jobs/999999/retry", "", admin_).status, 404);
}

}  // namespace
}  // namespace moderno::testing
