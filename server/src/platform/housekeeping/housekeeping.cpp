#include "platform/housekeeping/housekeeping.hpp"

#include "platform/time/time.hpp"

namespace moderno::housekeeping {

namespace {

// One batch: up to `limit` keys past the cutoff, deleted if still past it. Returns how many went.
Result<std::int64_t> DeleteBatch(db::Database& db, const TableRule& rule, const std::string& cutoff, int limit) {
  const std::string select = "SELECT " + rule.key + " FROM " + rule.table + " WHERE " + rule.condition +
                             " ORDER BY " + rule.key + " LIMIT " + std::to_string(limit);
  auto keys = db.Read([&](db::UnitOfWork& uow) -> Result<std::vector<db::Value>> {
    std::vector<db::Value> out;
    for (const db::Row& row : uow.Query(select, {cutoff})) {
      if (row.IsNull(0)) continue;
      if (rule.text_key) out.emplace_back(row.Str(0));
      else out.emplace_back(row.Int(0));
    }
    return out;
  });
  if (!keys) return std::unexpected(keys.error());
  if (keys->empty()) return 0;
  std::string in;
  for (std::size_t i = 0; i < keys->size(); ++i) in += i ? ",?" : "?";
  const std::string del = "DELETE FROM " + rule.table + " WHERE " + rule.key + " IN (" + in + ") AND " + rule.condition;
  std::vector<db::Value> params = std::move(*keys);
  params.emplace_back(cutoff);
  return db.Write([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
    return static_cast<std::int64_t>(uow.Exec(del, params).affected);
  });
}

std::int64_t RemoveOldFiles(const FileRule& rule, std::chrono::system_clock::time_point now) {
  std::error_code ec;
  if (!std::filesystem::is_directory(rule.dir, ec)) return 0;
  const auto cutoff = now - rule.keep;
  std::int64_t removed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(rule.dir, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    const auto written = std::chrono::file_clock::to_sys(entry.last_write_time(ec));
    if (ec || written >= cutoff) continue;
    if (std::filesystem::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

}  // namespace

Result<Removed> Sweep(db::Database& db, const std::vector<TableRule>& tables, const std::vector<FileRule>& files,
                      std::chrono::system_clock::time_point now, Limits limits,
                      const std::function<void(const std::string&, std::int64_t)>& on_removed) {
  Removed out;
  for (const TableRule& rule : tables) {
    const std::string cutoff = time::ToSql(now - rule.keep);
    std::int64_t total = 0;
    for (int i = 0; i < limits.max_batches; ++i) {
      auto n = DeleteBatch(db, rule, cutoff, limits.batch);
      if (!n) return std::unexpected(n.error());
      total += *n;
      if (*n > 0 && on_removed) on_removed(rule.name, *n);
      if (*n < limits.batch) break;
    }
    out.emplace_back(rule.name, total);
  }
  for (const FileRule& rule : files) {
    const std::int64_t n = RemoveOldFiles(rule, now);
    if (n > 0 && on_removed) on_removed(rule.name, n);
    out.emplace_back(rule.name, n);
  }
  return out;
}

}  // namespace moderno::housekeeping
