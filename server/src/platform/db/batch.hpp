#pragma once
// Multi-row INSERTs in batches that stay under both dialects' placeholder limits.
#include <string_view>
#include <vector>

#include "platform/db/db.hpp"

namespace moderno::db {

// Placeholders per multi-row INSERT statement.
inline constexpr std::size_t kMaxParamsPerInsert = 900;

// Inserts `rows` (each `columns` values) as "<prefix>(?,..),(?,..)..." in as few statements as
// the limit allows; `prefix` ends with "VALUES ".
void InsertMany(UnitOfWork& uow, std::string_view prefix, std::size_t columns, const std::vector<std::vector<Value>>& rows);

}  // namespace moderno::db
