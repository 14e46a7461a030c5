#pragma once
// The search change log: every write that changes what product search shows (a product, its
// variants, price or stock, a category or a brand) appends rows here in its own transaction, and
// each node's search indexer follows the log (server/src/search). Rows commit or roll back with
// the change they describe, so no change is lost and none is indexed that did not happen.
#include <cstdint>
#include <span>
#include <string_view>

#include "platform/db/db.hpp"

namespace moderno::search_log {

// What a row names; the indexer re-reads the entity (and, for categories and brands, their
// products) from the database, so a row carries no data of its own.
inline constexpr std::string_view kProduct = "product";
// A product whose stock (or sales count) moved and nothing else: its text, price and summary
// are unchanged, so cached search answers stay valid unless it went in or out of stock.
inline constexpr std::string_view kStock = "stock";
inline constexpr std::string_view kCategory = "category";
inline constexpr std::string_view kBrand = "brand";

// Appends one row per distinct id (a no-op for none), in the caller's transaction.
void Record(db::UnitOfWork& uow, std::string_view entity, std::span<const std::int64_t> ids);

// One row for one entity.
inline void Record(db::UnitOfWork& uow, std::string_view entity, std::int64_t id) {
  Record(uow, entity, std::span<const std::int64_t>(&id, 1));
}

}  // namespace moderno::search_log
