#include "platform/search_log/search_log.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace moderno::search_log {
namespace {

// Rows per statement: well under both dialects' parameter limits.
constexpr std::size_t kRowsPerStatement = 200;

std::vector<std::int64_t> Distinct(std::span<const std::int64_t> ids) {
  std::vector<std::int64_t> out(ids.begin(), ids.end());
  std::ranges::sort(out);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

void Record(db::UnitOfWork& uow, std::string_view entity, std::span<const std::int64_t> ids) {
  const std::vector<std::int64_t> distinct = Distinct(ids);
  for (std::size_t begin = 0; begin < distinct.size(); begin += kRowsPerStatement) {
    const std::size_t n = std::min(kRowsPerStatement, distinct.size() - begin);
    std::string sql = "INSERT INTO search_changes (entity, entity_id) VALUES ";
    std::vector<db::Value> params;
    params.reserve(2 * n);
    for (std::size_t i = 0; i < n; ++i) {
      sql += i ? ",(?,?)" : "(?,?)";
      params.emplace_back(std::string(entity));
      params.emplace_back(distinct[begin + i]);
    }
    uow.Exec(sql, params);
  }
}

}  // namespace moderno::search_log
