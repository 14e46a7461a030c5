#pragma once
// Deletes what has outlived its retention, in small batches: each batch reads at most `batch`
// keys of rows past their cutoff (an indexed, LIMITed SELECT), then deletes those keys in its
// own short transaction, re-checking the condition (a row changed meanwhile stays). The same
// SQL on SQLite and MariaDB (no DELETE ... LIMIT, no LIMIT inside IN), and no lock held
// between batches, so checkouts and sign-ins interleave. Files (report exports) go by age.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "platform/db/db.hpp"
#include "platform/error.hpp"

namespace moderno::housekeeping {

// Rows of `table` whose `condition` holds; `condition` takes one parameter, the cutoff
// timestamp (SQL UTC text), e.g. "expires_at < ?".
struct TableRule {
  std::string name;       // the metric's label, e.g. "refresh_tokens"
  std::string table;
  std::string key;        // a unique column, e.g. "id"
  bool text_key = false;  // the key is text (a token id), not an integer
  std::string condition;  // SQL with one "?" for the cutoff
  std::chrono::seconds keep;  // cutoff = now - keep
};

// Regular files directly in `dir` last written more than `keep` ago.
struct FileRule {
  std::string name;
  std::filesystem::path dir;
  std::chrono::seconds keep;
};

struct Limits {
  int batch = 500;        // keys per delete
  int max_batches = 200;  // per rule per run (the rest waits for the next run)
};

// What one run removed, by rule name (in rule order).
using Removed = std::vector<std::pair<std::string, std::int64_t>>;

// Runs every rule once at `now`; `on_removed(name, n)` is told after each batch commits.
Result<Removed> Sweep(db::Database& db, const std::vector<TableRule>& tables, const std::vector<FileRule>& files,
                      std::chrono::system_clock::time_point now, Limits limits,
                      const std::function<void(const std::string&, std::int64_t)>& on_removed = {});

}  // namespace moderno::housekeeping
