// moderno: the eCommerce Moderno server and its operator commands.
#include <malloc.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "accounts/profile/rotate_key.hpp"
#include "accounts/users.hpp"
#include "analytics/rollups.hpp"
#include "app/app.hpp"
#include "app/diagnose.hpp"
#include "catalog/io/catalog_io.hpp"
#include "catalog/seed.hpp"
#include "platform/backup/commands.hpp"
#include "platform/config/config.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/db/migrate.hpp"
#include "platform/log/log.hpp"
#include "search/index_dir.hpp"

namespace {

using moderno::config::Config;
using moderno::config::Flags;

constexpr const char* kUsage = R"(moderno — the eCommerce Moderno server

Usage:
  moderno serve [--host H] [--port N] [--data-dir DIR]
  moderno migrate [--status | --rollback | --to VERSION] [--data-dir DIR]
  moderno seed --demo [--products N] [--data-dir DIR]
  moderno create-admin --email E --password P [--name NAME] [--role admin|super_admin] [--data-dir DIR]
  moderno rotate-key --new-key BASE64 [--data-dir DIR]
  moderno reindex [--data-dir DIR]
  moderno import-products FILE.csv [--dry-run] [--data-dir DIR]
  moderno rebuild-rollups [--data-dir DIR]
  moderno backup --to DIR [--keep-daily N] [--keep-weekly M] | --verify ARCHIVE
  moderno restore ARCHIVE --data-dir DIR [--database-url URL] [--force]
  moderno copy-data --from URL --to URL [--force]
  moderno diagnose [--json] [--data-dir DIR]
  moderno --help | --version

Every command accepts --data-dir and --database-url. Configuration, highest precedence first:
flags, environment (DATABASE_URL, HOST, PORT, DATA_DIR, LOG_LEVEL, DB_POOL_SIZE, IO_THREADS,
MAX_BODY_BYTES, BEHIND_TLS, CACHE_TTL_SECONDS, WEB_DIST, MODERNO_ENV), then a .env file in the
working directory or the data dir. Run `moderno COMMAND --help` for a command's options.
)";

const std::map<std::string, std::string> kCommandHelp = {
    {"serve", R"(moderno serve [--host H] [--port N] [--data-dir DIR] [--database-url URL]
  Serves the API under /api/v1 and the web app (web/dist) at /. Defaults: 127.0.0.1, 8080, ./data.
  Stops gracefully on SIGINT/SIGTERM. The database must be migrated (moderno migrate).
)"},
    {"migrate", R"(moderno migrate [--status | --rollback | --to VERSION] [--data-dir DIR] [--database-url URL]
  Without options applies every pending migration (a no-op when up to date).
  --status    lists applied and pending migrations
  --rollback  undoes the last applied migration
  --to V      migrates up or down to version V (0 undoes everything)
)"},
    {"seed", R"(moderno seed --demo [--products N] [--data-dir DIR] [--database-url URL]
  --demo        inserts the demo store (categories, brands, 600+ products, warehouses, stock)
                unless it is already there
  --products N  adds N more deterministic products (for benchmarks)
)"},
    {"rotate-key", R"(moderno rotate-key --new-key BASE64 [--data-dir DIR] [--database-url URL]
  Re-encrypts every encrypted value (phones, addresses) from the current key (ENCRYPTION_KEY or
  <data-dir>/secrets/encryption_key) to the new one, in one transaction, then saves the new key
  in the data dir. A new key: head -c 32 /dev/urandom | base64
)"},
    {"reindex", R"(moderno reindex [--data-dir DIR] [--database-url URL]
  Rebuilds this node's search index (<data-dir>/search) from the database into a new
  directory, then swaps it in atomically: a running server keeps answering from the old index
  meanwhile and switches within a second. Shows a progress bar on a terminal.
)"},
    {"rebuild-rollups", R"(moderno rebuild-rollups [--data-dir DIR] [--database-url URL]
  Recomputes the dashboard's daily sales rollups from the orders, in one transaction (the
  server keeps them up to date by itself; run this after importing orders by hand).
)"},
    {"import-products", R"(moderno import-products FILE.csv [--dry-run] [--data-dir DIR] [--database-url URL]
  Creates or updates products, variants and stock per warehouse by SKU from a CSV in the
  format of GET /api/v1/admin/products/export.csv. Every row is validated first; with any
  error nothing changes and the errors are listed by row and column. Otherwise applies the
  whole file in one transaction. --dry-run reports what would change. Shows a progress bar
  on a terminal.
)"},
    {"backup", R"(moderno backup --to DIR [--keep-daily N] [--keep-weekly M] [--data-dir DIR] [--database-url URL]
moderno backup --verify ARCHIVE
  Writes DIR/moderno-backup-<UTC time>.tar.gz while the shop serves: a consistent snapshot of
  the database, <data-dir>/media and <data-dir>/secrets (encrypted with the key in
  BACKUP_KEY_FILE: head -c 32 /dev/urandom | base64 > backup.key, kept apart from the backups),
  with a manifest of every member's size and SHA-256. Prints the archive's path last.
  --keep-daily N --keep-weekly M  then keeps the newest archive of the N latest days and of the
                                  M latest ISO weeks in DIR, and deletes the other archives
  --verify ARCHIVE                checks every checksum, the structure and the database
)"},
    {"restore", R"(moderno restore ARCHIVE --data-dir DIR [--database-url URL] [--force]
  Verifies the whole archive first (nothing is written when it is damaged), then restores the
  database (into --database-url, default sqlite:DIR/moderno.db; either dialect), media and
  secrets (BACKUP_KEY_FILE must hold the backup's key) and runs pending migrations. A
  non-empty data dir or database is refused unless --force.
)"},
    {"copy-data", R"(moderno copy-data --from URL --to URL [--force]
  Copies a whole shop between databases (sqlite:PATH, mysql://user:pass@host:port/db) in
  either direction: migrates the target, copies every table from one consistent snapshot in
  batches (progress on stderr), keeps ids and timestamps, then compares every table's row count
  and checksum. A target that has tables is refused unless --force (its rows are replaced).
)"},
    {"diagnose", R"(moderno diagnose [--json] [--data-dir DIR] [--database-url URL]
  Checks this node: configuration, database reach and latency, pending migrations, disk space
  (DIAGNOSE_DISK_WARN_PERCENT, default 10), search index health and lag, dead jobs, age of the
  last backup in BACKUP_DIR, permissions of secret files, clock skew against the database, the
  TLS certificate of PUBLIC_URL when https. One line per check (--json: one object). Exit 0
  when healthy, 1 on warnings, 2 on failures.
)"},
    {"create-admin", R"(moderno create-admin --email E --password P [--name NAME] [--role admin|super_admin]
  Creates a staff account. The password must have 8+ characters with upper and lower case,
  a digit and a symbol.
)"},
};

// Which flags each command takes, and which of them take no value.
const std::map<std::string, std::set<std::string>> kValueFlags = {
    {"serve", {"host", "port", "data-dir", "database-url", "log-level", "web-dist"}},
    {"migrate", {"to", "data-dir", "database-url"}},
    {"seed", {"products", "data-dir", "database-url"}},
    {"create-admin", {"email", "password", "name", "role", "data-dir", "database-url"}},
    {"rotate-key", {"new-key", "data-dir", "database-url"}},
    {"reindex", {"data-dir", "database-url"}},
    {"import-products", {"file", "data-dir", "database-url"}},
    {"rebuild-rollups", {"data-dir", "database-url"}},
    {"backup", {"to", "verify", "keep-daily", "keep-weekly", "data-dir", "database-url"}},
    {"restore", {"file", "data-dir", "database-url"}},
    {"copy-data", {"from", "to"}},
    {"diagnose", {"data-dir", "database-url"}},
};
const std::map<std::string, std::set<std::string>> kSwitches = {
    {"serve", {"help"}},
    {"migrate", {"status", "rollback", "help"}},
    {"seed", {"demo", "help"}},
    {"create-admin", {"help"}},
    {"rotate-key", {"help"}},
    {"reindex", {"help"}},
    {"import-products", {"dry-run", "help"}},
    {"rebuild-rollups", {"help"}},
    {"backup", {"help"}},
    {"restore", {"force", "help"}},
    {"copy-data", {"force", "help"}},
    {"diagnose", {"json", "help"}},
};

int Die(const std::string& message) {
  std::cerr << "moderno: " << message << "\n";
  return 2;
}

// Parses `--name value`, `--name=value` and switches; false with a message on anything else.
bool ParseFlags(const std::string& command, int argc, char** argv, Flags& flags, std::string& error) {
  const auto& values = kValueFlags.at(command);
  const auto& switches = kSwitches.at(command);
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (!arg.starts_with("--")) {
      error = "unexpected argument '" + arg + "' (see moderno " + command + " --help)";
      return false;
    }
    std::string name = arg.substr(2), value;
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    if (switches.contains(name)) {
      if (inline_value) {
        error = "--" + name + " takes no value";
        return false;
      }
      flags[name] = "1";
    } else if (values.contains(name)) {
      if (!inline_value) {
        if (i + 1 >= argc) {
          error = "--" + name + " needs a value";
          return false;
        }
        value = argv[++i];
      }
      flags[name] = value;
    } else {
      error = "unknown option --" + name + " for " + command + " (see moderno " + command + " --help)";
      return false;
    }
  }
  return true;
}

std::unique_ptr<moderno::db::Database> OpenDb(const Config& cfg, int pool) {
  return std::make_unique<moderno::db::Database>(cfg.database_url, pool);
}

int Serve(const Config& cfg) {
  moderno::log::Level level;
  moderno::log::ParseLevel(cfg.log_level, level);
  moderno::log::Init(level);
  std::filesystem::create_directories(cfg.data_dir);
  moderno::log::InitSecurity(cfg.data_dir + "/security.log");
  moderno::app::App app(cfg);
  auto version = moderno::db::MigrationStatus(app.db());
  if (!version) return Die("database: " + version.error().internal);
  for (const auto& m : *version) {
    if (!m.applied) {
      return Die("the database has pending migrations (first: " + std::to_string(m.version) +
                 " " + m.name + "); run `moderno migrate` first");
    }
  }
  app.StartBackground();
  const auto port = app.Listen();
  moderno::log::Info("listening", {{"host", cfg.host}, {"port", static_cast<int>(port)},
                                   {"version", moderno::app::kVersion},
                                   {"database", cfg.database_url.starts_with("sqlite:") ? "sqlite" : "mysql"}});
  app.Run(true);
  moderno::log::Info("stopped");
  moderno::log::Shutdown();
  return 0;
}

int Migrate(const Config& cfg, const Flags& flags) {
  auto db = OpenDb(cfg, 1);
  if (flags.contains("status")) {
    auto status = moderno::db::MigrationStatus(*db);
    if (!status) return Die(status.error().internal);
    for (const auto& m : *status) {
      std::printf("%04d  %-30s %s\n", m.version, m.name.c_str(),
                  m.applied ? ("applied " + m.applied_at).c_str() : "pending");
    }
    return 0;
  }
  moderno::Result<int> ran = 0;
  if (flags.contains("rollback")) {
    ran = moderno::db::MigrateDown(*db);
  } else if (auto to = flags.find("to"); to != flags.end()) {
    int version = 0;
    try {
      std::size_t used = 0;
      version = std::stoi(to->second, &used);
      if (used != to->second.size() || version < 0) throw std::invalid_argument("");
    } catch (...) {
      return Die("--to needs a version number, got '" + to->second + "'");
    }
    auto current = moderno::db::CurrentVersion(*db);
    if (!current) return Die(current.error().internal);
    ran = version >= *current ? moderno::db::MigrateUp(*db, version)
                              : moderno::db::MigrateDown(*db, version);
  } else {
    ran = moderno::db::MigrateUp(*db);
  }
  if (!ran) return Die(ran.error().detail + (ran.error().internal.empty() ? "" : ": " + ran.error().internal));
  auto current = moderno::db::CurrentVersion(*db);
  std::printf("%d migration(s) run; schema version %d\n", *ran, current ? *current : -1);
  return 0;
}

// A progress bar on stderr when it is a terminal.
void ShowProgress(bool tty, std::size_t done, std::size_t total) {
  if (!tty || total == 0) return;
  const int width = 40;
  const int filled = static_cast<int>(width * done / total);
  std::fprintf(stderr, "\r  [%s%s] %zu/%zu", std::string(filled, '#').c_str(),
               std::string(width - filled, '.').c_str(), done, total);
  if (done == total) std::fprintf(stderr, "\n");
}

int Reindex(const Config& cfg) {
  auto db = OpenDb(cfg, 1);
  auto pending = moderno::db::MigrationStatus(*db);
  if (!pending) return Die(pending.error().internal);
  for (const auto& m : *pending) {
    if (!m.applied) return Die("the database has pending migrations; run `moderno migrate` first");
  }
  const bool tty = isatty(STDERR_FILENO);
  const moderno::search::IndexDir dir(std::filesystem::path(cfg.data_dir) / "search");
  auto built = moderno::search::BuildIndex(*db, dir, [tty](std::int64_t done, std::int64_t total) {
    ShowProgress(tty, static_cast<std::size_t>(done), static_cast<std::size_t>(total));
  });
  if (!built) return Die("reindex failed: " + built.error().detail + " " + built.error().internal);
  std::printf("indexed %lld products in %.1f s into %s\n", static_cast<long long>(built->documents),
              built->seconds, built->path.string().c_str());
  return 0;
}

int RebuildRollups(const Config& cfg) {
  auto db = OpenDb(cfg, 1);
  auto pending = moderno::db::MigrationStatus(*db);
  if (!pending) return Die(pending.error().internal);
  for (const auto& m : *pending) {
    if (!m.applied) return Die("the database has pending migrations; run `moderno migrate` first");
  }
  auto report = moderno::analytics::RebuildRollups(*db);
  if (!report) return Die("rebuild failed: " + report.error().detail + " " + report.error().internal);
  std::printf("rebuilt rollups: %lld orders over %lld days\n", static_cast<long long>(report->orders),
              static_cast<long long>(report->days));
  return 0;
}

int ImportProducts(const Config& cfg, const Flags& flags) {
  auto file = flags.find("file");
  if (file == flags.end()) return Die("import-products needs a CSV file (see moderno import-products --help)");
  std::ifstream in(file->second, std::ios::binary);
  if (!in) return Die("cannot read " + file->second);
  std::stringstream text;
  text << in.rdbuf();
  auto db = OpenDb(cfg, 1);
  auto pending = moderno::db::MigrationStatus(*db);
  if (!pending) return Die(pending.error().internal);
  for (const auto& m : *pending) {
    if (!m.applied) return Die("the database has pending migrations; run `moderno migrate` first");
  }
  // A running server sees the change through the search change log and its cache's TTL.
  moderno::cache::Cache cache(16, 1 << 20);
  moderno::catalog::Service catalog(*db, cache);
  const bool tty = isatty(STDERR_FILENO);
  moderno::audit::AuditEntry who;
  who.actor_role = "cli";
  auto report = moderno::catalog::io::CatalogIo(*db, catalog, [] { return std::chrono::system_clock::now(); })
                    .Import(text.str(), flags.contains("dry-run"), who, [tty](std::int64_t done, std::int64_t total) {
                      ShowProgress(tty, static_cast<std::size_t>(done), static_cast<std::size_t>(total));
                    });
  if (!report) {
    std::string msg = report.error().detail;
    boost::system::error_code ec;
    auto ext = boost::json::parse(report.error().extensions, ec);
    if (!ec && ext.is_object() && ext.as_object().contains("errors")) {
      for (const auto& e : ext.as_object().at("errors").as_array()) {
        msg += "\n  row " + std::to_string(e.at("row").to_number<std::int64_t>()) + ", " +
               std::string(e.at("column").as_string()) + ": " + std::string(e.at("message").as_string()) + " (" +
               std::string(e.at("code").as_string()) + ")";
      }
    }
    return Die(msg);
  }
  std::printf("%s%zu rows: products %lld created, %lld updated, %lld unchanged; variants %lld created, "
              "%lld updated, %lld unchanged; %lld stock levels set; %lld changed\n",
              report->dry_run ? "dry run, nothing written: " : "", report->rows,
              static_cast<long long>(report->products_created), static_cast<long long>(report->products_updated),
              static_cast<long long>(report->products_unchanged), static_cast<long long>(report->variants_created),
              static_cast<long long>(report->variants_updated), static_cast<long long>(report->variants_unchanged),
              static_cast<long long>(report->stock_changed), static_cast<long long>(report->changed()));
  return 0;
}

int Seed(const Config& cfg, const Flags& flags) {
  moderno::catalog::SeedOptions opt;
  opt.demo = flags.contains("demo");
  if (auto n = flags.find("products"); n != flags.end()) {
    try {
      std::size_t used = 0;
      opt.extra_products = std::stoi(n->second, &used);
      if (used != n->second.size() || opt.extra_products < 0 || opt.extra_products > 10000000) {
        throw std::invalid_argument("");
      }
    } catch (...) {
      return Die("--products needs a number from 0 to 10000000, got '" + n->second + "'");
    }
  }
  if (!opt.demo && opt.extra_products == 0) return Die("seed needs --demo and/or --products N");
  const bool tty = isatty(STDERR_FILENO);
  opt.progress = [tty](std::size_t done, std::size_t total) { ShowProgress(tty, done, total); };
  auto db = OpenDb(cfg, 1);
  auto pending = moderno::db::MigrationStatus(*db);
  if (!pending) return Die(pending.error().internal);
  for (const auto& m : *pending) {
    if (!m.applied) return Die("the database has pending migrations; run `moderno migrate` first");
  }
  auto report = moderno::catalog::Seed(*db, opt);
  if (!report) return Die("seed failed: " + report.error().detail + " " + report.error().internal);
  std::printf("seeded: %d categories, %d brands, %d products, %d variants, %d warehouses%s\n",
              report->categories, report->brands, report->products, report->variants,
              report->warehouses, report->skipped_demo ? " (demo store already present)" : "");
  return 0;
}

int CreateAdmin(const Config& cfg, const Flags& flags) {
  moderno::accounts::NewUser user;
  auto get = [&](const char* k) { auto it = flags.find(k); return it == flags.end() ? std::string() : it->second; };
  user.email = get("email");
  user.password = get("password");
  user.name = flags.contains("name") ? get("name") : "Administrador";
  user.role = flags.contains("role") ? get("role") : "admin";
  user.email_verified = true;
  if (user.email.empty() || user.password.empty()) return Die("create-admin needs --email and --password");
  if (user.role != "admin" && user.role != "super_admin") {
    return Die("--role must be admin or super_admin, got '" + user.role + "'");
  }
  auto db = OpenDb(cfg, 1);
  auto id = moderno::accounts::CreateUser(*db, user);
  if (!id) {
    std::string msg = id.error().detail;
    for (const auto& f : id.error().fields) msg += "\n  " + f.field + ": " + f.message;
    return Die(msg);
  }
  std::printf("created %s %s (id %lld)\n", user.role.c_str(),
              moderno::accounts::NormalizeEmail(user.email).c_str(), static_cast<long long>(*id));
  return 0;
}

int RotateKey(const Config& cfg, const Flags& flags) {
  auto it = flags.find("new-key");
  if (it == flags.end()) return Die("rotate-key needs --new-key BASE64 (32 bytes)");
  auto next = moderno::crypto::Cipher::FromBase64Key(it->second);
  if (!next) return Die("--new-key: " + next.error().detail);
  const std::string key_file = cfg.data_dir + "/secrets/encryption_key";
  std::string current = cfg.encryption_key;
  const bool from_env = !current.empty();
  if (!from_env) {
    std::ifstream in(key_file);
    std::getline(in, current);
    if (current.empty()) return Die("no current key: set ENCRYPTION_KEY or keep " + key_file);
  }
  auto old = moderno::crypto::Cipher::FromBase64Key(current);
  if (!old) return Die("current key: " + old.error().detail);
  // The new key is on disk before any value is encrypted with it, so a crash cannot leave
  // data that no saved key opens.
  const std::string pending = key_file + ".new";
  if (!from_env) {
    std::filesystem::remove(pending);
    auto saved = moderno::crypto::WriteSecret(pending, it->second);
    if (!saved) return Die("cannot save the new key: " + saved.error().internal);
  }
  auto db = OpenDb(cfg, 1);
  auto count = moderno::accounts::profile::RotateEncryptionKey(*db, *old, *next);
  if (!count) {
    if (!from_env) std::filesystem::remove(pending);
    return Die("rotation failed, nothing changed: " + count.error().detail);
  }
  if (!from_env) std::filesystem::rename(pending, key_file);
  std::printf("re-encrypted %d value(s)\n", *count);
  if (from_env) std::printf("the key came from ENCRYPTION_KEY: set it to the new key before the next start\n");
  return 0;
}

// glibc gives each thread that allocates under contention its own arena, up to 8 per core,
// and each keeps what it freed. With the server's I/O and database threads that held about
// 26 MB more RSS under search load at 100k products (161 against 135 MB) for the same rate
// (3,803 against 3,746 uncached searches a second, noise): one arena per core, at least two,
// unless MALLOC_ARENA_MAX says otherwise.
void LimitMallocArenas() {
  if (std::getenv("MALLOC_ARENA_MAX") != nullptr) return;
  mallopt(M_ARENA_MAX, static_cast<int>(std::max(2u, std::thread::hardware_concurrency())));
}

}  // namespace

int main(int argc, char** argv) {
  LimitMallocArenas();
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" ||
      std::string(argv[1]) == "help") {
    std::cout << kUsage;
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  if (command == "--version" || command == "version") {
    std::cout << "moderno " << moderno::app::kVersion << "\n";
    return 0;
  }
  if (!kValueFlags.contains(command)) return Die("unknown command '" + command + "' (see moderno --help)");
  Flags flags;
  std::string error;
  int first_flag = 2;
  if ((command == "import-products" || command == "restore") && argc > 2 && !std::string(argv[2]).starts_with("--")) {
    flags["file"] = argv[2];  // the CSV file or archive, positional
    first_flag = 3;
  }
  if (!ParseFlags(command, argc - first_flag, argv + first_flag, flags, error)) return Die(error);
  if (flags.contains("help")) {
    std::cout << kCommandHelp.at(command);
    return 0;
  }
  auto cfg = moderno::config::Load(flags);
  if (!cfg && command == "diagnose") {
    return moderno::app::diagnose::Report({moderno::app::diagnose::ConfigFailed(cfg.error().detail)}, flags.contains("json"));
  }
  if (!cfg) return Die(cfg.error().detail);
  try {
    if (command == "serve") return Serve(*cfg);
    if (command == "migrate") return Migrate(*cfg, flags);
    if (command == "seed") return Seed(*cfg, flags);
    if (command == "create-admin") return CreateAdmin(*cfg, flags);
    if (command == "rotate-key") return RotateKey(*cfg, flags);
    if (command == "reindex") return Reindex(*cfg);
    if (command == "import-products") return ImportProducts(*cfg, flags);
    if (command == "rebuild-rollups") return RebuildRollups(*cfg);
    if (command == "backup") return moderno::backup::BackupCommand(*cfg, flags, moderno::app::kVersion);
    if (command == "restore") return moderno::backup::RestoreCommand(*cfg, flags);
    if (command == "copy-data") return moderno::backup::CopyDataCommand(flags);
    if (command == "diagnose") return moderno::app::diagnose::Report(moderno::app::diagnose::RunAll(*cfg), flags.contains("json"));
  } catch (const std::system_error& e) {
    return Die(std::string("cannot start: ") + e.what());
  } catch (const std::exception& e) {
    return Die(e.what());
  }
  return 2;
}
