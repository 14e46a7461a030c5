#include "platform/db/batch.hpp"

#include <algorithm>
#include <string>

namespace moderno::db {

void InsertMany(UnitOfWork& uow, std::string_view prefix, std::size_t columns, const std::vector<std::vector<Value>>& rows) {
  const std::size_t per = std::max<std::size_t>(1, kMaxParamsPerInsert / columns);
  const std::string group = "(" + Placeholders(columns) + ")";
  for (std::size_t i = 0; i < rows.size(); i += per) {
    const std::size_t n = std::min(per, rows.size() - i);
    std::string sql(prefix);
    std::vector<Value> params;
    params.reserve(n * columns);
    for (std::size_t k = 0; k < n; ++k) {
      if (k) sql += ", ";
      sql += group;
      params.insert(params.end(), rows[i + k].begin(), rows[i + k].end());
    }
    uow.Exec(sql, params);
  }
}

}  // namespace moderno::db
