#pragma once
// Live stock for cached search answers. A search answer is cached without its products' stock:
// the stored form marks where each product's `stock` and `in_stock` go, and they are filled in
// from this node's LiveStock every time the answer is served. The indexer keeps LiveStock
// current from the change log (every stock move writes a 'stock' row), so an order elsewhere
// changes the stock a cached answer shows within the index's freshness (1 s) without dropping
// it; only a change the answer's ranking or filters can see (in or out of stock, a price, a
// name) drops cached answers.
#include <cstdint>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace moderno::search {

// Available units (quantity - reserved over every warehouse) by product id, for the products
// the index has read. Thread-safe: the indexer writes, searches read.
class LiveStock {
 public:
  // Replaces the whole table (the index was opened, built or swapped).
  void Reset(std::unordered_map<std::int64_t, std::int64_t> available);
  void Set(std::int64_t product_id, std::int64_t available);
  void Erase(std::int64_t product_id);
  // For each id, its available units, or the fallback at the same index when it is unknown.
  void Lookup(std::span<const std::int64_t> ids, std::span<std::int64_t> fallback_in_out) const;

 private:
  mutable std::shared_mutex mu_;
  std::unordered_map<std::int64_t, std::int64_t> available_;
};

// Where one product's stock goes in a stored answer.
struct StockSlot {
  std::size_t offset = 0;      // in the body: just after the product object's '{'
  std::int64_t product_id = 0;
  std::int64_t rendered = 0;   // the stock read when the answer was rendered (the fallback)
};

// The stored form of a body with stock slots.
std::string EncodeStocked(std::string_view body, const std::vector<StockSlot>& slots);
// The body served: each slot gets `"stock":N,"in_stock":B,` with N from `live` (or the
// rendered value for a product it does not know). An ill-formed stored value yields "".
std::string FillStocked(std::string_view stored, const LiveStock& live);

}  // namespace moderno::search
