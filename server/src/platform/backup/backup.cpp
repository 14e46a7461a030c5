#include "platform/backup/backup.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>
#include <sqlite3.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <ctime>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "platform/crypto/cipher.hpp"
#include "platform/db/migrate.hpp"

namespace moderno::backup {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kSecretsMagic = "MODERNO-SECRETS-1\n";

std::string UtcStamp(std::time_t t, const char* format) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

// The path of an sqlite: URL (without its options).
std::string SqlitePath(const std::string& url) {
  std::string path = url.substr(7);
  if (const auto q = path.find('?'); q != std::string::npos) path.resize(q);
  return path;
}

// A directory removed when the object goes.
struct TempDir {
  fs::path path;
  explicit TempDir(const fs::path& parent) {
    std::string tmpl = (parent / "moderno-backup.XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw ArchiveError("cannot create a temporary directory in " + parent.string());
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// SQLite's online backup API in one step: one read transaction, so the copy is one snapshot,
// while the shop's writers carry on (WAL readers never block writers).
void SnapshotSqlite(const std::string& source, const fs::path& target) {
  if (!fs::exists(source)) throw ArchiveError("no database file at " + source);
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  auto close = [&] {
    sqlite3_close(src);
    sqlite3_close(dst);
  };
  if (sqlite3_open_v2(source.c_str(), &src, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK ||
      sqlite3_open_v2(target.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    close();
    throw ArchiveError("cannot open the database for the snapshot");
  }
  sqlite3_busy_timeout(src, 10000);
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  int rc = SQLITE_ERROR;
  if (b) {
    do {
      rc = sqlite3_backup_step(b, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
    } while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
  }
  std::string msg = sqlite3_errmsg(dst);
  // A self-contained file: no -wal beside it.
  if (rc == SQLITE_DONE) sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
  close();
  if (rc != SQLITE_DONE) throw ArchiveError("database snapshot failed: " + msg);
}

std::string ReadKey(const std::string& key_file) {
  std::ifstream in(key_file);
  if (!in) throw ArchiveError("cannot read BACKUP_KEY_FILE " + key_file);
  std::string text;
  std::getline(in, text);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  auto raw = crypto::Base64Decode(text);
  if (!raw || raw->size() != crypto_secretbox_KEYBYTES) {
    throw ArchiveError("BACKUP_KEY_FILE " + key_file + " must hold 32 bytes in base64 (head -c 32 /dev/urandom | base64)");
  }
  return *raw;
}

// The secrets as one sealed box: magic, nonce, then XSalsa20-Poly1305 of a JSON object
// {name: base64 content}.
std::string SealSecrets(const fs::path& dir, const std::string& key_file, std::size_t& count) {
  boost::json::object files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    files[e.path().filename().string()] = crypto::Base64Encode(bytes.str());
  }
  count = files.size();
  if (count == 0) return {};
  if (key_file.empty()) {
    throw ArchiveError(dir.string() + " holds secrets: set BACKUP_KEY_FILE to a key kept apart from the backups "
                       "(create one with: head -c 32 /dev/urandom | base64 > backup.key)");
  }
  const std::string key = ReadKey(key_file);
  const std::string plain = boost::json::serialize(files);
  std::string out(kSecretsMagic);
  std::string nonce(crypto_secretbox_NONCEBYTES, '\0');
  randombytes_buf(nonce.data(), nonce.size());
  std::string sealed(plain.size() + crypto_secretbox_MACBYTES, '\0');
  crypto_secretbox_easy(reinterpret_cast<unsigned char*>(sealed.data()), reinterpret_cast<const unsigned char*>(plain.data()),
                        plain.size(), reinterpret_cast<const unsigned char*>(nonce.data()),
                        reinterpret_cast<const unsigned char*>(key.data()));
  sodium_memzero(const_cast<char*>(plain.data()), plain.size());
  return out + nonce + sealed;
}

std::map<std::string, std::string> OpenSecrets(const std::string& box, const std::string& key_file) {
  const std::string key = ReadKey(key_file);
  const std::size_t head = kSecretsMagic.size() + crypto_secretbox_NONCEBYTES;
  if (box.size() < head + crypto_secretbox_MACBYTES || !box.starts_with(kSecretsMagic)) {
    throw ArchiveError("the secrets member is damaged");
  }
  std::string plain(box.size() - head - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 reinterpret_cast<const unsigned char*>(box.data() + head), box.size() - head,
                                 reinterpret_cast<const unsigned char*>(box.data() + kSecretsMagic.size()),
                                 reinterpret_cast<const unsigned char*>(key.data())) != 0) {
    throw ArchiveError("the secrets do not open with BACKUP_KEY_FILE (wrong key?)");
  }
  std::map<std::string, std::string> out;
  boost::system::error_code ec;
  auto v = boost::json::parse(plain, ec);
  if (ec || !v.is_object()) throw ArchiveError("the secrets member is damaged");
  for (const auto& [name, content] : v.as_object()) {
    auto bytes = crypto::Base64Decode(content.is_string() ? std::string_view(content.as_string()) : "");
    const std::string n(name);
    if (!bytes || n.empty() || n.find('/') != std::string::npos || n == "." || n == "..") {
      throw ArchiveError("the secrets member is damaged");
    }
    out[n] = *bytes;
  }
  return out;
}

std::string ManifestJson(const Manifest& m) {
  boost::json::object o;
  o["format"] = "moderno-backup";
  o["format_version"] = 1;
  o["created_at"] = m.created_at;
  o["source_dialect"] = m.source_dialect;
  o["app_version"] = m.app_version;
  o["schema_version"] = m.schema_version;
  o["secrets_encrypted"] = m.has_secrets;
  boost::json::array members, tables;
  for (const auto& d : m.members) members.push_back({{"name", d.name}, {"size", d.size}, {"sha256", d.sha256}});
  for (const auto& t : m.tables) tables.push_back({{"name", t.table}, {"rows", t.rows}, {"checksum", t.checksum}});
  o["members"] = std::move(members);
  o["tables"] = std::move(tables);
  return boost::json::serialize(o);
}

Manifest ParseManifest(const std::string& text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  try {
    if (ec) throw std::invalid_argument("json");
    const auto& o = v.as_object();
    if (o.at("format").as_string() != "moderno-backup" || o.at("format_version").to_number<int>() != 1) {
      throw std::invalid_argument("format");
    }
    Manifest m;
    m.created_at = o.at("created_at").as_string();
    m.source_dialect = o.at("source_dialect").as_string();
    m.app_version = o.at("app_version").as_string();
    m.schema_version = o.at("schema_version").to_number<int>();
    m.has_secrets = o.at("secrets_encrypted").as_bool();
    for (const auto& d : o.at("members").as_array()) {
      m.members.push_back({std::string(d.at("name").as_string()), d.at("size").to_number<std::uint64_t>(),
                           std::string(d.at("sha256").as_string())});
    }
    for (const auto& t : o.at("tables").as_array()) {
      m.tables.push_back({std::string(t.at("name").as_string()), t.at("rows").to_number<std::int64_t>(),
                          std::string(t.at("checksum").as_string())});
    }
    return m;
  } catch (const std::exception&) {
    throw ArchiveError("the archive's manifest is not a moderno backup manifest");
  }
}

// Writes the database snapshot into `file`: the online backup API on SQLite, one
// consistent-snapshot transaction copied table by table on MariaDB.
void SnapshotDatabase(const std::string& url, const fs::path& file) {
  auto dialect = db::ParseDialect(url);
  if (!dialect) throw ArchiveError(dialect.error().detail);
  if (*dialect == db::Dialect::kSqlite) {
    SnapshotSqlite(SqlitePath(url), file);
    return;
  }
  auto copied = CopyData(url, "sqlite:" + file.string(), false);
  if (!copied) throw ArchiveError("database snapshot failed: " + copied.error().detail + " " + copied.error().internal);
}

// A name for the new archive that no other archive in `dir` has.
fs::path ArchivePath(const fs::path& dir, std::time_t now) {
  const std::string stamp = UtcStamp(now, "%Y%m%dT%H%M%SZ");
  fs::path path = dir / (std::string(kArchivePrefix) + stamp + ".tar.gz");
  for (int n = 1; fs::exists(path); ++n) {
    path = dir / (std::string(kArchivePrefix) + stamp + "-" + std::to_string(n) + ".tar.gz");
  }
  return path;
}

void WriteMembers(ArchiveWriter& out, Manifest& m, const BackupOptions& o, const fs::path& snapshot) {
  m.members.push_back(out.AddFile(kDatabaseMember, snapshot));
  const fs::path media = o.data_dir / "media";
  if (fs::is_directory(media)) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(media)) {
      if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      m.members.push_back(out.AddFile("media/" + fs::relative(f, media).generic_string(), f));
    }
  }
  const fs::path secrets = o.data_dir / "secrets";
  if (fs::is_directory(secrets)) {
    std::size_t count = 0;
    const std::string box = SealSecrets(secrets, o.key_file, count);
    if (count > 0) {
      m.members.push_back(out.AddBytes(kSecretsMember, box));
      m.has_secrets = true;
    }
  }
}

}  // namespace

Result<fs::path> CreateBackup(const BackupOptions& o) {
  try {
    fs::create_directories(o.out_dir);
    TempDir tmp(o.out_dir);
    const fs::path snapshot = tmp.path / kDatabaseMember;
    Manifest m;
    const std::time_t now = std::time(nullptr);
    m.created_at = UtcStamp(now, "%Y-%m-%dT%H:%M:%SZ");
    m.app_version = o.app_version;
    m.source_dialect = o.database_url.starts_with("sqlite:") ? "sqlite" : "mysql";
    SnapshotDatabase(o.database_url, snapshot);
    {
      auto conn = db::Connect("sqlite:" + snapshot.string(), true);
      m.schema_version = SchemaVersion(*conn);
      BeginSnapshot(*conn);
      m.tables = Summarize(*conn);
      conn->Rollback();
    }
    const fs::path partial = tmp.path / "archive.partial";
    {
      ArchiveWriter out(partial);
      WriteMembers(out, m, o, snapshot);
      out.AddBytes(kManifestMember, ManifestJson(m));
      out.Finish();
    }
    const fs::path final_path = ArchivePath(o.out_dir, now);
    fs::rename(partial, final_path);
    return final_path;
  } catch (const ArchiveError& e) {
    return Fail(Errc::kUnavailable, e.what());
  } catch (const db::DbError& e) {
    return Fail(e.code(), "backup failed", e.what());
  } catch (const fs::filesystem_error& e) {
    return Fail(Errc::kUnavailable, std::string("backup failed: ") + e.what());
  }
}

namespace {

// What one pass over an archive found; members extracted into `into` when given.
struct Checked {
  Manifest manifest;
  std::string secrets_box;
};

Checked CheckArchive(const fs::path& archive, const fs::path& into) {
  if (!fs::is_regular_file(archive)) throw ArchiveError("no archive at " + archive.string());
  std::string manifest_text, secrets_box;
  std::vector<std::string> order;
  auto digests = ReadArchive(archive, [&](const std::string& name, std::uint64_t size, const ChunkReader& next) {
    order.push_back(name);
    if (name == kManifestMember || name == kSecretsMember) {
      if (size > (64u << 20)) throw ArchiveError("the archive's " + name + " is implausibly large");
      std::string& text = name == kManifestMember ? manifest_text : secrets_box;
      for (auto chunk = next(); !chunk.empty(); chunk = next()) text.append(chunk);
      return;
    }
    if (name != kDatabaseMember && !name.starts_with("media/")) throw ArchiveError("unexpected member " + name);
    if (name.find("..") != std::string::npos || name.find("//") != std::string::npos) {
      throw ArchiveError("unsafe member name " + name);
    }
    if (into.empty()) return;
    const fs::path target = into / name;
    fs::create_directories(target.parent_path());
    std::ofstream out(target, std::ios::binary);
    for (auto chunk = next(); !chunk.empty(); chunk = next()) out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    if (!out) throw ArchiveError("cannot write " + target.string());
  });
  if (order.empty() || order.back() != kManifestMember) throw ArchiveError("the archive has no manifest at its end");
  Checked c{ParseManifest(manifest_text), std::move(secrets_box)};
  std::map<std::string, MemberDigest> listed;
  for (const auto& d : c.manifest.members) listed[d.name] = d;
  std::set<std::string> seen;
  for (const auto& d : digests) {
    if (d.name == kManifestMember) continue;
    const auto it = listed.find(d.name);
    if (it == listed.end() || !seen.insert(d.name).second) throw ArchiveError("member " + d.name + " is not in the manifest");
    if (it->second.size != d.size || it->second.sha256 != d.sha256) {
      throw ArchiveError("member " + d.name + " does not match its SHA-256 in the manifest (corrupted)");
    }
  }
  if (seen.size() != listed.size()) throw ArchiveError("the archive lacks members its manifest lists");
  if (!listed.contains(kDatabaseMember)) throw ArchiveError("the archive has no database");
  if (c.manifest.has_secrets != listed.contains(kSecretsMember)) throw ArchiveError("the archive's secrets member is missing");
  return c;
}

// The database member, opened: its integrity and its tables against the manifest.
void CheckDatabase(const fs::path& file, const Manifest& m) {
  auto conn = db::Connect("sqlite:" + file.string(), true);
  const auto ok = conn->Query("PRAGMA integrity_check", {});
  if (ok.empty() || ok[0].Str(0) != "ok") throw ArchiveError("the archive's database fails SQLite's integrity check");
  if (SchemaVersion(*conn) != m.schema_version) throw ArchiveError("the archive's database is not at the manifest's schema version");
  BeginSnapshot(*conn);
  const auto tables = Summarize(*conn);
  conn->Rollback();
  if (tables != m.tables) throw ArchiveError("the archive's database rows do not match the manifest's checksums");
}

}  // namespace

Result<VerifyReport> VerifyBackup(const fs::path& archive, const std::string& key_file) {
  try {
    TempDir tmp(fs::temp_directory_path());
    Checked c = CheckArchive(archive, tmp.path);
    CheckDatabase(tmp.path / kDatabaseMember, c.manifest);
    VerifyReport report{c.manifest, false};
    if (c.manifest.has_secrets && !key_file.empty()) {
      OpenSecrets(c.secrets_box, key_file);
      report.secrets_checked = true;
    }
    return report;
  } catch (const ArchiveError& e) {
    return Fail(Errc::kInvalidArgument, e.what());
  } catch (const db::DbError& e) {
    return Fail(Errc::kInvalidArgument, "the archive's database cannot be read", e.what());
  } catch (const fs::filesystem_error& e) {
    return Fail(Errc::kUnavailable, e.what());
  }
}

namespace {

// Writes the secret's bytes exactly as they were, created with mode 0600.
void WriteSecretFile(const fs::path& path, const std::string& bytes) {
  fs::remove(path);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw ArchiveError("cannot write " + path.string());
  const bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
  if (::fsync(fd) != 0 || ::close(fd) != 0 || !ok) throw ArchiveError("cannot write " + path.string());
}

bool DirHasEntries(const fs::path& dir) {
  return fs::is_directory(dir) && fs::directory_iterator(dir) != fs::directory_iterator();
}

// Refuses a target that holds anything unless `force`.
void CheckTarget(const RestoreOptions& o) {
  if (o.force) return;
  if (DirHasEntries(o.data_dir)) {
    throw ArchiveError("the data dir " + o.data_dir.string() + " is not empty; pass --force to replace what it holds");
  }
  if (o.database_url.starts_with("sqlite:")) {
    const fs::path file = SqlitePath(o.database_url);
    if (fs::exists(file) && fs::file_size(file) > 0) {
      throw ArchiveError("the database " + file.string() + " exists; pass --force to replace it");
    }
    return;
  }
  auto conn = db::Connect(o.database_url);
  if (HasTables(*conn)) throw ArchiveError("the target database is not empty; pass --force to replace what it holds");
}

std::size_t RestoreMedia(const fs::path& staged, const fs::path& data_dir) {
  const fs::path target = data_dir / "media";
  fs::remove_all(target);
  std::size_t count = 0;
  if (!fs::is_directory(staged)) return count;
  for (const auto& e : fs::recursive_directory_iterator(staged)) {
    if (!e.is_regular_file()) continue;
    const fs::path to = target / fs::relative(e.path(), staged);
    fs::create_directories(to.parent_path());
    fs::copy_file(e.path(), to, fs::copy_options::overwrite_existing);
    ++count;
  }
  return count;
}

void RestoreDatabase(const fs::path& staged, const RestoreOptions& o) {
  if (o.database_url.starts_with("sqlite:")) {
    const fs::path file = SqlitePath(o.database_url);
    if (file.has_parent_path()) fs::create_directories(file.parent_path());
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix);
    fs::copy_file(staged, file);
    return;
  }
  auto copied = CopyData("sqlite:" + staged.string(), o.database_url, o.force, o.progress);
  if (!copied) throw ArchiveError("database restore failed: " + copied.error().detail + " " + copied.error().internal);
}

}  // namespace

Result<RestoreReport> RestoreBackup(const RestoreOptions& o) {
  try {
    CheckTarget(o);
    TempDir tmp(fs::temp_directory_path());
    Checked c = CheckArchive(o.archive, tmp.path);
    CheckDatabase(tmp.path / kDatabaseMember, c.manifest);
    std::map<std::string, std::string> secrets;
    if (c.manifest.has_secrets) {
      if (o.key_file.empty()) throw ArchiveError("the archive holds encrypted secrets: set BACKUP_KEY_FILE to its key");
      secrets = OpenSecrets(c.secrets_box, o.key_file);
    }
    // Everything checked out: only now is the target written.
    RestoreReport report{c.manifest, 0, secrets.size(), 0};
    fs::create_directories(o.data_dir);
    RestoreDatabase(tmp.path / kDatabaseMember, o);
    report.media_files = RestoreMedia(tmp.path / "media", o.data_dir);
    if (!secrets.empty()) {
      const fs::path dir = o.data_dir / "secrets";
      fs::create_directories(dir);
      fs::permissions(dir, fs::perms::owner_all);
      for (const auto& [name, bytes] : secrets) WriteSecretFile(dir / name, bytes);
    }
    db::Database target(o.database_url, 1);
    auto ran = db::MigrateUp(target);
    if (!ran) return std::unexpected(ran.error());
    report.migrations_run = *ran;
    return report;
  } catch (const ArchiveError& e) {
    return Fail(Errc::kInvalidArgument, e.what());
  } catch (const db::DbError& e) {
    return Fail(e.code(), "restore failed", e.what());
  } catch (const fs::filesystem_error& e) {
    return Fail(Errc::kUnavailable, std::string("restore failed: ") + e.what());
  }
}

namespace {

// The archives in `dir` with their UTC time, newest first. Archives of the same second are
// named <stamp>.tar.gz, <stamp>-1.tar.gz, <stamp>-2.tar.gz... in the order they were made.
std::vector<std::pair<fs::path, std::time_t>> Archives(const fs::path& dir) {
  struct Found {
    fs::path path;
    std::time_t at;
    long sequence;
  };
  std::vector<Found> found;
  if (!fs::is_directory(dir)) return {};
  const std::size_t prefix = std::string_view(kArchivePrefix).size();
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (!e.is_regular_file() || !name.starts_with(kArchivePrefix) || !name.ends_with(".tar.gz")) continue;
    std::tm tm{};
    const std::string stamp = name.substr(prefix, 16);
    if (!strptime(stamp.c_str(), "%Y%m%dT%H%M%SZ", &tm)) continue;
    const std::string rest = name.substr(prefix + 16, name.size() - prefix - 16 - 7);  // "" or "-N"
    const long sequence = rest.size() > 1 && rest[0] == '-' ? std::strtol(rest.c_str() + 1, nullptr, 10) : 0;
    found.push_back({e.path(), timegm(&tm), sequence});
  }
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return a.at != b.at ? a.at > b.at : a.sequence > b.sequence;
  });
  std::vector<std::pair<fs::path, std::time_t>> out;
  for (auto& f : found) out.emplace_back(std::move(f.path), f.at);
  return out;
}

}  // namespace

std::vector<fs::path> ApplyRetention(const fs::path& dir, int keep_daily, int keep_weekly) {
  const auto archives = Archives(dir);
  std::set<std::string> days, weeks;
  std::vector<fs::path> deleted;
  for (std::size_t i = 0; i < archives.size(); ++i) {
    const auto& [path, t] = archives[i];
    const std::string day = UtcStamp(t, "%Y-%m-%d"), week = UtcStamp(t, "%G-W%V");
    bool keep = i == 0;
    if (!days.contains(day) && static_cast<int>(days.size()) < keep_daily) {
      days.insert(day);
      keep = true;
    }
    if (!weeks.contains(week) && static_cast<int>(weeks.size()) < keep_weekly) {
      weeks.insert(week);
      keep = true;
    }
    if (i == 0) {
      days.insert(day);
      weeks.insert(week);
    }
    if (keep) continue;
    std::error_code ec;
    if (fs::remove(path, ec)) deleted.push_back(path);
  }
  return deleted;
}

std::vector<ArchiveEntry> ListBackups(const fs::path& dir, std::size_t limit) {
  std::vector<ArchiveEntry> out;
  for (const auto& [path, t] : Archives(dir)) {
    if (out.size() >= limit) break;
    std::error_code ec;
    const std::uintmax_t bytes = fs::file_size(path, ec);
    if (ec) continue;  // removed meanwhile
    out.push_back({path, static_cast<std::int64_t>(t), bytes});
  }
  return out;
}

std::optional<std::pair<fs::path, std::int64_t>> NewestBackup(const fs::path& dir) {
  const auto archives = Archives(dir);
  if (archives.empty()) return std::nullopt;
  return std::make_pair(archives.front().first, static_cast<std::int64_t>(std::time(nullptr) - archives.front().second));
}

}  // namespace moderno::backup
