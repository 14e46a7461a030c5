#include "platform/backup/commands.hpp"

#include <unistd.h>

#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <memory>
#include <iostream>

#include "platform/backup/backup.hpp"

namespace moderno::backup {
namespace {

int Die(const std::string& message) {
  std::cerr << "moderno: " << message << "\n";
  return 2;
}

std::string Describe(const Error& e) {
  return e.detail + (e.internal.empty() ? "" : ": " + e.internal);
}

// A progress bar on stderr (redrawn in place on a terminal, a line per 10% otherwise).
Progress Bar() {
  const bool tty = isatty(STDERR_FILENO);
  auto last = std::make_shared<int>(-1);
  return [tty, last](std::int64_t done, std::int64_t total) {
    const int percent = total > 0 ? static_cast<int>(100 * done / total) : 100;
    if (!tty && (percent / 10 == *last / 10 && !(done == total && *last != 100))) return;
    if (percent == *last && done != total) return;
    *last = percent;
    const int filled = percent * 40 / 100;
    std::fprintf(stderr, "%s  [%s%s] %3d%% %lld/%lld rows%s", tty ? "\r" : "", std::string(filled, '#').c_str(),
                 std::string(40 - filled, '.').c_str(), percent, static_cast<long long>(done),
                 static_cast<long long>(total), tty && done != total ? "" : "\n");
  };
}

bool ParseCount(const config::Flags& flags, const char* name, int& out, std::string& error) {
  auto it = flags.find(name);
  if (it == flags.end()) return true;
  try {
    std::size_t used = 0;
    out = std::stoi(it->second, &used);
    if (used != it->second.size() || out < 0 || out > 100000) throw std::invalid_argument("");
    return true;
  } catch (...) {
    error = std::string("--") + name + " needs a number from 0, got '" + it->second + "'";
    return false;
  }
}

int Verify(const std::string& archive, const std::string& key_file) {
  auto report = VerifyBackup(archive, key_file);
  if (!report) return Die("verification failed: " + Describe(report.error()));
  const auto& m = report->manifest;
  std::int64_t rows = 0;
  for (const auto& t : m.tables) rows += t.rows;
  std::printf("ok: %zu members checked (SHA-256), %zu tables / %lld rows match, schema version %d, from %s at %s%s\n",
              m.members.size(), m.tables.size(), static_cast<long long>(rows), m.schema_version,
              m.source_dialect.c_str(), m.created_at.c_str(),
              m.has_secrets ? (report->secrets_checked ? "; secrets open with BACKUP_KEY_FILE"
                                                       : "; secrets not opened (BACKUP_KEY_FILE not set)")
                            : "");
  return 0;
}

}  // namespace

int BackupCommand(const config::Config& cfg, const config::Flags& flags, const std::string& app_version) {
  if (auto v = flags.find("verify"); v != flags.end()) return Verify(v->second, cfg.backup_key_file);
  auto to = flags.find("to");
  if (to == flags.end()) return Die("backup needs --to DIR (or --verify ARCHIVE)");
  int keep_daily = -1, keep_weekly = -1;
  std::string error;
  if (!ParseCount(flags, "keep-daily", keep_daily, error) || !ParseCount(flags, "keep-weekly", keep_weekly, error)) {
    return Die(error);
  }
  BackupOptions o{cfg.database_url, cfg.data_dir, to->second, cfg.backup_key_file, app_version};
  auto archive = CreateBackup(o);
  if (!archive) return Die("backup failed: " + Describe(archive.error()));
  if (keep_daily >= 0 || keep_weekly >= 0) {
    for (const auto& gone : ApplyRetention(to->second, std::max(keep_daily, 0), std::max(keep_weekly, 0))) {
      std::printf("deleted %s\n", gone.string().c_str());
    }
  }
  std::printf("%s\n", archive->string().c_str());
  return 0;
}

int RestoreCommand(const config::Config& cfg, const config::Flags& flags) {
  auto archive = flags.find("file");
  if (archive == flags.end()) return Die("restore needs an ARCHIVE (see moderno restore --help)");
  if (!flags.contains("data-dir")) return Die("restore needs --data-dir DIR (where media and secrets go)");
  RestoreOptions o{archive->second, cfg.data_dir, cfg.database_url, cfg.backup_key_file, flags.contains("force"), Bar()};
  auto report = RestoreBackup(o);
  if (!report) return Die("restore refused, nothing changed: " + Describe(report.error()));
  std::int64_t rows = 0;
  for (const auto& t : report->manifest.tables) rows += t.rows;
  std::printf("restored %zu tables / %lld rows, %zu media files, %zu secrets from %s (%s, %s); %d migration(s) run\n",
              report->manifest.tables.size(), static_cast<long long>(rows), report->media_files,
              report->secret_files, o.archive.string().c_str(), report->manifest.source_dialect.c_str(),
              report->manifest.created_at.c_str(), report->migrations_run);
  return 0;
}

int CopyDataCommand(const config::Flags& flags) {
  auto from = flags.find("from"), to = flags.find("to");
  if (from == flags.end() || to == flags.end()) return Die("copy-data needs --from URL and --to URL");
  for (const auto* url : {&from->second, &to->second}) {
    if (auto d = db::ParseDialect(*url); !d) return Die(d.error().detail);
  }
  auto report = CopyData(from->second, to->second, flags.contains("force"), Bar());
  if (!report) return Die("copy failed: " + Describe(report.error()));
  std::printf("copied %zu tables / %lld rows at schema version %d; every table's count and checksum match\n",
              report->tables.size(), static_cast<long long>(report->rows), report->schema_version);
  return 0;
}

}  // namespace moderno::backup
