// Every verdict of `moderno diagnose` from its facts, including each failing one (the CLI test
// drives the checks it can break on a real node: database, migrations, disk, search, jobs,
// backup, secrets, TLS, config).
#include "app/diagnose.hpp"

#include <gtest/gtest.h>

namespace moderno::app::diagnose {
namespace {

TEST(DiagnoseTest, EachCheckFailsOrWarnsOnItsThreshold) {
  EXPECT_EQ(JudgeDatabase(false, 0, "refused").status, Status::kFail);
  EXPECT_EQ(JudgeDatabase(true, 250, "").status, Status::kWarn);
  EXPECT_EQ(JudgeDatabase(true, 0.5, "").status, Status::kOk);
  EXPECT_EQ(JudgeRedis(false, false, 0, "").status, Status::kNotConfigured);
  EXPECT_EQ(JudgeRedis(true, false, 0, "refused").status, Status::kWarn) << "nodes fall back to themselves";
  EXPECT_EQ(JudgeRedis(true, true, 80, "").status, Status::kWarn);
  EXPECT_EQ(JudgeRedis(true, true, 0.3, "").status, Status::kOk);
  EXPECT_EQ(JudgeMigrations(2, "14 x").status, Status::kFail);
  EXPECT_EQ(JudgeMigrations(0, "").status, Status::kOk);
  EXPECT_EQ(JudgeDisk(3, 50ULL << 30, 10).status, Status::kFail);
  EXPECT_EQ(JudgeDisk(50, 50ULL << 20, 10).status, Status::kFail) << "under 100 MiB";
  EXPECT_EQ(JudgeDisk(8, 50ULL << 30, 10).status, Status::kWarn);
  EXPECT_EQ(JudgeDisk(40, 50ULL << 30, 10).status, Status::kOk);
  EXPECT_EQ(JudgeSearch(true, false, 0, "corrupt").status, Status::kFail);
  EXPECT_EQ(JudgeSearch(true, true, 5000, "").status, Status::kWarn);
  EXPECT_EQ(JudgeSearch(false, false, 0, "").status, Status::kWarn);
  EXPECT_EQ(JudgeSearch(true, true, 3, "").status, Status::kOk);
  EXPECT_EQ(JudgeDeadJobs(1, 0).status, Status::kWarn);
  EXPECT_EQ(JudgeDeadJobs(0, 10).status, Status::kOk);
  EXPECT_EQ(JudgeBackup(std::nullopt, "/b").status, Status::kWarn);
  EXPECT_EQ(JudgeBackup(27 * 3600, "/b").status, Status::kFail);
  EXPECT_EQ(JudgeBackup(3600, "/b").status, Status::kOk);
  EXPECT_EQ(JudgeSecrets(2, {"/d/secrets/jwt_secret"}).status, Status::kFail);
  EXPECT_EQ(JudgeSecrets(2, {}).status, Status::kOk);
  EXPECT_EQ(JudgeClockSkew(-90).status, Status::kFail);
  EXPECT_EQ(JudgeClockSkew(120).status, Status::kFail);
  EXPECT_EQ(JudgeClockSkew(10).status, Status::kWarn);
  EXPECT_EQ(JudgeClockSkew(-1).status, Status::kOk);
  EXPECT_EQ(JudgeTls(true, std::nullopt, "refused").status, Status::kFail);
  EXPECT_EQ(JudgeTls(true, -3600, "").status, Status::kFail) << "expired";
  EXPECT_EQ(JudgeTls(true, 3 * 86400, "").status, Status::kFail);
  EXPECT_EQ(JudgeTls(true, 14 * 86400, "").status, Status::kWarn);
  EXPECT_EQ(JudgeTls(true, 80 * 86400, "").status, Status::kOk);
  EXPECT_EQ(JudgeTls(false, std::nullopt, "").status, Status::kNotConfigured);
}

TEST(DiagnoseTest, TheExitCodeIsTheWorstVerdict) {
  std::FILE* sink = std::tmpfile();
  ASSERT_NE(sink, nullptr);
  EXPECT_EQ(Report({{"a", Status::kOk, ""}, {"b", Status::kNotConfigured, ""}}, false, sink), 0);
  EXPECT_EQ(Report({{"a", Status::kWarn, ""}, {"b", Status::kOk, ""}}, false, sink), 1);
  EXPECT_EQ(Report({{"a", Status::kFail, ""}, {"b", Status::kWarn, ""}}, true, sink), 2);
  EXPECT_EQ(Report({ConfigFailed("PORT")}, false, sink), 2);
  // One line per check, the verdict first.
  std::rewind(sink);
  char line[256];
  ASSERT_NE(std::fgets(line, sizeof line, sink), nullptr);
  EXPECT_EQ(std::string(line).substr(0, 4), "ok  ");
  std::fclose(sink);
}

}  // namespace
TEST(Diagnose, ReplicaIsAWarningAtWorstAndOkWhenCaughtUp) {
  EXPECT_EQ(JudgeReplica(false, false, std::nullopt, "").status, Status::kNotConfigured);
  const Check down = JudgeReplica(true, false, std::nullopt, "connection refused");
  EXPECT_EQ(down.status, Status::kWarn);
  EXPECT_NE(down.detail.find("connection refused"), std::string::npos);
  EXPECT_EQ(JudgeReplica(true, true, false, "").status, Status::kWarn);
  EXPECT_EQ(JudgeReplica(true, true, std::nullopt, "").status, Status::kWarn);
  const Check ok = JudgeReplica(true, true, true, "");
  EXPECT_EQ(ok.status, Status::kOk);
  EXPECT_EQ(ok.name, "replica");
}

}  // namespace moderno::app::diagnose
