#pragma once
// Units sold, counted on products (popularity sorting) when an order is delivered. Published:
// the order workflows call it in their unit of work.
#include <cstdint>
#include <utility>
#include <vector>

#include "platform/db/db.hpp"

namespace moderno::catalog {

// Adds the units (product id, units) to each product's sales count, and tells the search index
// (a counter: a stock-kind change).
void RecordSold(db::UnitOfWork& uow, const std::vector<std::pair<std::int64_t, std::int64_t>>& units);

}  // namespace moderno::catalog
