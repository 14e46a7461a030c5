#pragma once
// `moderno diagnose`: one line per check of a node's health (configuration, database reach and
// latency, migrations, disk, search index, jobs, backups, secret files, clock skew, TLS
// certificate), exit 0 when healthy, 1 on warnings, 2 on failures. Each check gathers its
// facts and a pure function judges them, so every failing verdict is testable.
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "platform/config/config.hpp"

namespace moderno::app::diagnose {

enum class Status { kOk, kNotConfigured, kWarn, kFail };

struct Check {
  std::string name;
  Status status = Status::kOk;
  std::string detail;
};

// The verdicts, from facts.
Check JudgeDatabase(bool reachable, double latency_ms, const std::string& error);
Check JudgeMigrations(int pending, const std::string& first_pending);
Check JudgeDisk(double free_percent, std::uint64_t free_bytes, double warn_percent);
Check JudgeSearch(bool exists, bool opens, std::int64_t lag_changes, const std::string& error);
Check JudgeDeadJobs(std::int64_t dead, std::int64_t queued);
Check JudgeBackup(std::optional<std::int64_t> age_seconds, const std::string& dir);
// `loose` lists secret files readable or writable by group or others.
Check JudgeSecrets(std::size_t files, const std::vector<std::string>& loose);
Check JudgeClockSkew(std::int64_t skew_seconds);
// `caught_up`: whether the replica applied the primary's position within the wait; nullopt when
// that could not be asked (no primary).
Check JudgeReplica(bool configured, bool reachable, std::optional<bool> caught_up, const std::string& error);
// Redis (REDIS_URL): not configured, unreachable (a warning: nodes fall back to themselves),
// slow over 50 ms, or ok.
Check JudgeRedis(bool configured, bool reachable, double latency_ms, const std::string& error);
Check JudgeTls(bool https, std::optional<std::int64_t> seconds_left, const std::string& error);

// Runs every check against this configuration.
std::vector<Check> RunAll(const config::Config& cfg);
// A failed configuration, as the one check that could run.
Check ConfigFailed(const std::string& why);
// Prints the lines (or one JSON object) to `out` and returns the exit code.
int Report(const std::vector<Check>& checks, bool json, std::FILE* out = stdout);

}  // namespace moderno::app::diagnose
