#include "app/diagnose.hpp"

#include <curl/curl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <xapian.h>

#include "platform/backup/backup.hpp"
#include "platform/db/migrate.hpp"
#include "platform/redis/client.hpp"
#include "platform/schedule/lease.hpp"
#include "search/document.hpp"
#include "search/index_dir.hpp"

namespace moderno::app::diagnose {
namespace fs = std::filesystem;
namespace {

constexpr std::int64_t kBackupMaxAge = 26 * 3600;

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

const char* Word(Status s) {
  switch (s) {
    case Status::kOk: return "ok";
    case Status::kNotConfigured: return "n/a";
    case Status::kWarn: return "WARN";
    case Status::kFail: return "FAIL";
  }
  return "?";
}

}  // namespace

Check JudgeDatabase(bool reachable, double latency_ms, const std::string& error) {
  if (!reachable) return {"database", Status::kFail, "unreachable: " + error};
  if (latency_ms > 100) return {"database", Status::kWarn, "slow: round trip " + Fixed(latency_ms, 1) + " ms"};
  return {"database", Status::kOk, "round trip " + Fixed(latency_ms, 2) + " ms"};
}

Check JudgeRedis(bool configured, bool reachable, double latency_ms, const std::string& error) {
  if (!configured) return {"redis", Status::kNotConfigured, "no REDIS_URL (rate limits, events and cache stay on each node)"};
  if (!reachable) {
    return {"redis", Status::kWarn, "unreachable (" + error + "): nodes fall back to their own rate limits, events and cache"};
  }
  if (latency_ms > 50) return {"redis", Status::kWarn, "slow: PING " + Fixed(latency_ms, 1) + " ms"};
  return {"redis", Status::kOk, "PING " + Fixed(latency_ms, 2) + " ms"};
}

Check JudgeMigrations(int pending, const std::string& first_pending) {
  if (pending > 0) {
    return {"migrations", Status::kFail,
            std::to_string(pending) + " pending (first: " + first_pending + "); run `moderno migrate`"};
  }
  return {"migrations", Status::kOk, "schema up to date"};
}

Check JudgeDisk(double free_percent, std::uint64_t free_bytes, double warn_percent) {
  const std::string what = Fixed(free_percent, 1) + "% free (" + std::to_string(free_bytes >> 20) + " MiB)";
  if (free_percent < warn_percent / 2 || free_bytes < (100ULL << 20)) return {"disk", Status::kFail, what};
  if (free_percent < warn_percent) return {"disk", Status::kWarn, what};
  return {"disk", Status::kOk, what};
}

Check JudgeSearch(bool exists, bool opens, std::int64_t lag_changes, const std::string& error) {
  if (!exists) return {"search", Status::kWarn, "no index yet (built on start, or run `moderno reindex`)"};
  if (!opens) return {"search", Status::kFail, "the index does not open (" + error + "); run `moderno reindex`"};
  if (lag_changes > search::kReplayWindow) {
    return {"search", Status::kWarn, std::to_string(lag_changes) + " changes behind the database"};
  }
  return {"search", Status::kOk, std::to_string(lag_changes) + " changes behind the database"};
}

Check JudgeDeadJobs(std::int64_t dead, std::int64_t queued) {
  const std::string what = std::to_string(dead) + " dead, " + std::to_string(queued) + " queued";
  if (dead > 0) return {"jobs", Status::kWarn, what + " (see /admin/jobs; retry or discard)"};
  return {"jobs", Status::kOk, what};
}

Check JudgeBackup(std::optional<std::int64_t> age_seconds, const std::string& dir) {
  if (!age_seconds) return {"backup", Status::kWarn, "no backup in " + dir};
  const std::string what = "last backup " + Fixed(*age_seconds / 3600.0, 1) + " h ago in " + dir;
  if (*age_seconds > kBackupMaxAge) return {"backup", Status::kFail, what + " (older than 26 h)"};
  return {"backup", Status::kOk, what};
}

Check JudgeSecrets(std::size_t files, const std::vector<std::string>& loose) {
  if (!loose.empty()) {
    std::string names;
    for (const auto& n : loose) names += (names.empty() ? "" : ", ") + n;
    return {"secrets", Status::kFail, "readable by others: " + names + " (chmod 600)"};
  }
  return {"secrets", Status::kOk, std::to_string(files) + " secret file(s), owner-only"};
}

Check JudgeClockSkew(std::int64_t skew_seconds) {
  const std::string what = "node clock " + std::to_string(skew_seconds) + " s from the database's";
  const auto abs = skew_seconds < 0 ? -skew_seconds : skew_seconds;
  if (abs > 60) return {"clock", Status::kFail, what};
  if (abs > 5) return {"clock", Status::kWarn, what};
  return {"clock", Status::kOk, what};
}

Check JudgeReplica(bool configured, bool reachable, std::optional<bool> caught_up, const std::string& error) {
  // A replica out of use only moves its reads to the primary: a warning, never a failure.
  if (!configured) return {"replica", Status::kNotConfigured, "no read replica configured"};
  if (!reachable) return {"replica", Status::kWarn, "unreachable (reads go to the primary): " + error};
  if (!caught_up) return {"replica", Status::kWarn, "reachable; its lag is unknown without the primary"};
  if (!*caught_up) return {"replica", Status::kWarn, "more than 2 s behind the primary"};
  return {"replica", Status::kOk, "replicating, caught up with the primary"};
}

Check JudgeTls(bool https, std::optional<std::int64_t> seconds_left, const std::string& error) {
  if (!https) return {"tls", Status::kNotConfigured, "PUBLIC_URL is not https"};
  if (!seconds_left) return {"tls", Status::kFail, "cannot read the certificate: " + error};
  const std::string what = "certificate expires in " + Fixed(*seconds_left / 86400.0, 1) + " days";
  if (*seconds_left < 7 * 86400) return {"tls", Status::kFail, what};
  if (*seconds_left < 21 * 86400) return {"tls", Status::kWarn, what};
  return {"tls", Status::kOk, what};
}

Check ConfigFailed(const std::string& why) { return {"config", Status::kFail, why}; }

namespace {

std::vector<Check> DatabaseChecks(const config::Config& cfg, db::Database*& out, std::unique_ptr<db::Database>& holder) {
  std::vector<Check> checks;
  try {
    holder = std::make_unique<db::Database>(cfg.database_url, 1);
    auto select_one = [](db::UnitOfWork& uow) -> Result<std::int64_t> { return uow.Query("SELECT 1").at(0).Int(0); };
    auto ping = holder->Read(select_one);  // connects
    const auto start = std::chrono::steady_clock::now();
    if (ping) ping = holder->Read(select_one);  // one round trip
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!ping) throw db::DbError(ping.error().code, ping.error().internal);
    checks.push_back(JudgeDatabase(true, ms, ""));
    out = holder.get();
  } catch (const std::exception& e) {
    checks.push_back(JudgeDatabase(false, 0, e.what()));
    return checks;
  }
  auto status = db::MigrationStatus(*out);
  int pending = 0;
  std::string first;
  for (const auto& m : status ? *status : std::vector<db::MigrationState>{}) {
    if (!m.applied && pending++ == 0) first = std::to_string(m.version) + " " + m.name;
  }
  checks.push_back(status ? JudgeMigrations(pending, first) : Check{"migrations", Status::kFail, status.error().internal});
  return checks;
}

Check ReplicaCheck(const config::Config& cfg, db::Database* primary) {
  if (cfg.database_replica_url.empty()) return JudgeReplica(false, false, std::nullopt, "");
  std::unique_ptr<db::Database> replica;
  try {
    replica = std::make_unique<db::Database>(cfg.database_replica_url, 1);
  } catch (const std::exception& e) {
    return JudgeReplica(true, false, std::nullopt, e.what());
  }
  if (!primary) return JudgeReplica(true, true, std::nullopt, "");
  auto position = primary->Read([](db::UnitOfWork& uow) -> Result<std::string> {
    return uow.Query("SELECT @@gtid_binlog_pos").at(0).Str(0);
  });
  if (!position) return JudgeReplica(true, true, std::nullopt, "");
  auto reached = replica->Read([&](db::UnitOfWork& uow) -> Result<bool> {
    const db::Row row = uow.Query("SELECT MASTER_GTID_WAIT(?, 2)", {*position}).at(0);
    return !row.IsNull(0) && row.Int(0) == 0;
  });
  if (!reached) return JudgeReplica(true, false, std::nullopt, reached.error().internal);
  return JudgeReplica(true, true, *reached, "");
}

Check DiskCheck(const config::Config& cfg) {
  struct statvfs vfs{};
  fs::path probe = cfg.data_dir;
  while (!fs::exists(probe) && probe.has_parent_path() && probe != probe.parent_path()) probe = probe.parent_path();
  if (statvfs(probe.c_str(), &vfs) != 0 || vfs.f_blocks == 0) return {"disk", Status::kFail, "cannot stat " + cfg.data_dir};
  const double free_percent = 100.0 * static_cast<double>(vfs.f_bavail) / static_cast<double>(vfs.f_blocks);
  double warn = 10;
  if (const char* v = std::getenv("DIAGNOSE_DISK_WARN_PERCENT")) warn = std::atof(v);
  return JudgeDisk(free_percent, static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize, warn);
}

Check SearchCheck(const config::Config& cfg, db::Database* db) {
  const search::IndexDir dir(fs::path(cfg.data_dir) / "search");
  const auto current = dir.Current();
  if (!current) return JudgeSearch(false, false, 0, "");
  try {
    Xapian::Database index(current->string());
    const std::int64_t applied = std::atoll(index.get_metadata(std::string(search::kAppliedKey)).c_str());
    std::int64_t last = applied;
    if (db) {
      auto l = db->Read([](db::UnitOfWork& uow) -> Result<std::int64_t> {
        return uow.Query("SELECT COALESCE(MAX(id), 0) FROM search_changes").at(0).Int(0);
      });
      if (l) last = *l;
    }
    return JudgeSearch(true, true, std::max<std::int64_t>(0, last - applied), "");
  } catch (const Xapian::Error& e) {
    return JudgeSearch(true, false, 0, e.get_type() + std::string(": ") + e.get_msg());
  }
}

Check JobsCheck(db::Database* db) {
  if (!db) return {"jobs", Status::kFail, "database unreachable"};
  auto counts = db->Read([](db::UnitOfWork& uow) -> Result<std::pair<std::int64_t, std::int64_t>> {
    const auto r = uow.Query("SELECT COALESCE(SUM(CASE WHEN status = 'dead' THEN 1 ELSE 0 END), 0), "
                             "COALESCE(SUM(CASE WHEN status = 'queued' THEN 1 ELSE 0 END), 0) FROM jobs").at(0);
    return std::make_pair(r.Int(0), r.Int(1));
  });
  if (!counts) return {"jobs", Status::kFail, counts.error().internal};
  return JudgeDeadJobs(counts->first, counts->second);
}

Check SecretsCheck(const config::Config& cfg) {
  std::vector<std::string> loose;
  std::size_t files = 0;
  std::vector<fs::path> paths;
  const fs::path dir = fs::path(cfg.data_dir) / "secrets";
  if (fs::is_directory(dir)) {
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.is_regular_file()) paths.push_back(e.path());
    }
  }
  if (!cfg.backup_key_file.empty() && fs::exists(cfg.backup_key_file)) paths.emplace_back(cfg.backup_key_file);
  for (const auto& p : paths) {
    ++files;
    struct stat st{};
    if (stat(p.c_str(), &st) == 0 && (st.st_mode & 077)) loose.push_back(p.string());
  }
  return JudgeSecrets(files, loose);
}

Check ClockCheck(db::Database* db) {
  if (!db) return {"clock", Status::kFail, "database unreachable"};
  auto now = schedule::DatabaseNow(*db);
  if (!now) return {"clock", Status::kFail, now.error().internal};
  return JudgeClockSkew(static_cast<std::int64_t>(std::time(nullptr)) - *now);
}

// The certificate's notAfter through libcurl's certificate info (the chain is not judged
// here: the expiry is what the check watches).
Check TlsCheck(const config::Config& cfg) {
  if (!cfg.public_url.starts_with("https://")) return JudgeTls(false, std::nullopt, "");
  CURL* curl = curl_easy_init();
  if (!curl) return JudgeTls(true, std::nullopt, "curl init failed");
  curl_easy_setopt(curl, CURLOPT_URL, cfg.public_url.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);  // the TLS handshake is enough
  curl_easy_setopt(curl, CURLOPT_CERTINFO, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  const CURLcode rc = curl_easy_perform(curl);
  std::optional<std::int64_t> left;
  std::string error = rc == CURLE_OK ? "no certificate" : curl_easy_strerror(rc);
  struct curl_certinfo* info = nullptr;
  if (rc == CURLE_OK && curl_easy_getinfo(curl, CURLINFO_CERTINFO, &info) == CURLE_OK && info && info->num_of_certs > 0) {
    for (auto* s = info->certinfo[0]; s; s = s->next) {
      const std::string line = s->data;
      if (!line.starts_with("Expire date:")) continue;
      std::tm tm{};
      if (strptime(line.c_str() + 12, "%b %d %H:%M:%S %Y GMT", &tm)) left = static_cast<std::int64_t>(timegm(&tm) - std::time(nullptr));
      else error = "unreadable expiry " + line;
    }
  }
  curl_easy_cleanup(curl);
  return JudgeTls(true, left, error);
}

Check RedisCheck(const config::Config& cfg) {
  if (cfg.redis_url.empty()) return JudgeRedis(false, false, 0, "");
  auto endpoint = redis::ParseUrl(cfg.redis_url);
  if (!endpoint) return JudgeRedis(true, false, 0, endpoint.error().detail);
  const auto t0 = std::chrono::steady_clock::now();
  const auto timeout = std::chrono::milliseconds(std::max(cfg.redis_timeout_ms, 1000));
  auto c = redis::Connection::Open(*endpoint, timeout);
  if (!c) return JudgeRedis(true, false, 0, c.error().internal);
  auto pong = (*c)->Call({"PING"}, timeout);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (!pong) return JudgeRedis(true, false, 0, pong.error().internal);
  if (pong->type == redis::Reply::Type::kError) return JudgeRedis(true, false, 0, pong->str);
  return JudgeRedis(true, true, ms, "");
}

}  // namespace

std::vector<Check> RunAll(const config::Config& cfg) {
  std::vector<Check> checks{{"config", Status::kOk,
                             "MODERNO_ENV=" + cfg.env + ", " + (cfg.database_url.starts_with("sqlite:") ? "sqlite" : "mysql") +
                                 ", data dir " + cfg.data_dir}};
  db::Database* db = nullptr;
  std::unique_ptr<db::Database> holder;
  for (auto& c : DatabaseChecks(cfg, db, holder)) checks.push_back(std::move(c));
  checks.push_back(ReplicaCheck(cfg, db));
  checks.push_back(RedisCheck(cfg));
  checks.push_back(DiskCheck(cfg));
  checks.push_back(SearchCheck(cfg, db));
  checks.push_back(JobsCheck(db));
  const auto newest = backup::NewestBackup(cfg.backup_dir);
  checks.push_back(JudgeBackup(newest ? std::optional(newest->second) : std::nullopt, cfg.backup_dir));
  checks.push_back(SecretsCheck(cfg));
  checks.push_back(ClockCheck(db));
  checks.push_back(TlsCheck(cfg));
  return checks;
}

int Report(const std::vector<Check>& checks, bool json, std::FILE* out) {
  Status worst = Status::kOk;
  for (const auto& c : checks) {
    if (c.status == Status::kFail || (c.status == Status::kWarn && worst != Status::kFail)) worst = c.status;
  }
  const int code = worst == Status::kFail ? 2 : worst == Status::kWarn ? 1 : 0;
  if (json) {
    boost::json::array items;
    for (const auto& c : checks) {
      std::string s = c.status == Status::kNotConfigured ? "not_configured" : Word(c.status);
      for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      items.push_back({{"name", c.name}, {"status", s}, {"detail", c.detail}});
    }
    std::fprintf(out, "%s\n", boost::json::serialize(boost::json::object{
                                                   {"status", code == 0 ? "ok" : code == 1 ? "warn" : "fail"},
                                                   {"checks", std::move(items)}})
                            .c_str());
    return code;
  }
  for (const auto& c : checks) std::fprintf(out, "%-4s  %-10s  %s\n", Word(c.status), c.name.c_str(), c.detail.c_str());
  return code;
}

}  // namespace moderno::app::diagnose
