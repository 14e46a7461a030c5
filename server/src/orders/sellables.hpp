#pragma once
// Reads what the catalog sells now (name, price, image, stock) for a set of products and
// variants, in a fixed number of queries whatever the number of items.
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "orders/model.hpp"
#include "platform/db/db.hpp"

namespace moderno::orders {

// (product id, variant id or 0)
using ItemKey = std::pair<std::int64_t, std::int64_t>;

// The sellables found, by key; a missing key is an unknown product or variant (or a variant
// of another product).
std::map<ItemKey, Sellable> LoadSellables(db::UnitOfWork& uow, const std::vector<ItemKey>& keys);

}  // namespace moderno::orders
