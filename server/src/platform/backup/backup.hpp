#pragma once
// Backups of a whole shop: a consistent snapshot of the database (SQLite's online backup API;
// on MariaDB one consistent-snapshot transaction copied into an SQLite file), the uploaded
// media and the secrets (encrypted with the operator's BACKUP_KEY_FILE) in one .tar.gz with a
// manifest of every member's size and SHA-256; verification, restore and retention.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "platform/backup/archive.hpp"
#include "platform/backup/copy.hpp"
#include "platform/error.hpp"

namespace moderno::backup {

// The archive's member names.
inline constexpr const char* kDatabaseMember = "database.sqlite";
inline constexpr const char* kSecretsMember = "secrets.enc";
inline constexpr const char* kManifestMember = "manifest.json";
inline constexpr const char* kArchivePrefix = "moderno-backup-";

struct BackupOptions {
  std::string database_url;
  std::filesystem::path data_dir;  // media/ and secrets/ are read from here
  std::filesystem::path out_dir;   // where the archive goes
  std::string key_file;            // BACKUP_KEY_FILE (needed when there are secrets)
  std::string app_version;
};

// What a manifest says (also what --verify prints).
struct Manifest {
  std::string created_at;  // ISO 8601 UTC
  std::string source_dialect;
  std::string app_version;
  int schema_version = 0;
  std::vector<MemberDigest> members;
  std::vector<TableSummary> tables;
  bool has_secrets = false;
};

// Writes <out_dir>/moderno-backup-<UTC time>.tar.gz (atomically: a partial file is never left
// under that name) and returns its path.
Result<std::filesystem::path> CreateBackup(const BackupOptions& options);

struct VerifyReport {
  Manifest manifest;
  bool secrets_checked = false;  // false when no key was given
};

// Checks the stream, every member's size and SHA-256 against the manifest, the structure
// (manifest last, database present), the database's integrity and its tables' checksums, and
// that the secrets open with the key when one is given.
Result<VerifyReport> VerifyBackup(const std::filesystem::path& archive, const std::string& key_file);

struct RestoreOptions {
  std::filesystem::path archive;
  std::filesystem::path data_dir;
  std::string database_url;
  std::string key_file;
  bool force = false;
  Progress progress;
};

struct RestoreReport {
  Manifest manifest;
  std::size_t media_files = 0;
  std::size_t secret_files = 0;
  int migrations_run = 0;
};

// Verifies everything first, refuses a non-empty target without `force`, then restores the
// database, media and secrets and runs pending migrations. Nothing is written to the target
// when the archive is damaged or the key is wrong.
Result<RestoreReport> RestoreBackup(const RestoreOptions& options);

// Keeps the newest archive of each of the `keep_daily` most recent days and of each of the
// `keep_weekly` most recent ISO weeks in `dir` (and always the newest one); deletes the other
// moderno-backup-* archives. Returns what it deleted.
std::vector<std::filesystem::path> ApplyRetention(const std::filesystem::path& dir, int keep_daily, int keep_weekly);

// One archive in a backup directory.
struct ArchiveEntry {
  std::filesystem::path path;
  std::int64_t created_at = 0;  // Unix seconds, from its name
  std::uintmax_t bytes = 0;
};

// The newest `limit` archives in `dir`, newest first.
std::vector<ArchiveEntry> ListBackups(const std::filesystem::path& dir, std::size_t limit);

// The newest archive in `dir` and its age in seconds (from its name), or nullopt.
std::optional<std::pair<std::filesystem::path, std::int64_t>> NewestBackup(const std::filesystem::path& dir);

}  // namespace moderno::backup
