#pragma once
// What the catalog sells now (name, price, image, stock) for a set of products and variants,
// read in a fixed number of queries whatever the number of items. Published: cart and checkout
// use it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/db/db.hpp"

namespace moderno::catalog {

// A product or one of its variants, as the catalog sells it now.
struct Sellable {
  std::int64_t product_id = 0;
  std::optional<std::int64_t> variant_id;
  std::string name;          // product name
  std::string slug;
  std::string sku;           // the variant's SKU when there is one
  std::optional<std::string> variant_name;
  std::int64_t category_id = 0;
  std::int64_t unit_price = 0;
  std::optional<std::string> image_url;
  bool active = false;       // product active, not deleted, and variant active
  bool has_variants = false;
  std::int64_t available = 0;  // sum over active warehouses of quantity - reserved
};

// (product id, variant id or 0)
using ItemKey = std::pair<std::int64_t, std::int64_t>;

// The sellables found, by key; a missing key is an unknown product or variant (or a variant
// of another product).
std::map<ItemKey, Sellable> LoadSellables(db::UnitOfWork& uow, const std::vector<ItemKey>& keys);

}  // namespace moderno::catalog
