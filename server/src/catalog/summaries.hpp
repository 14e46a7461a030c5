#pragma once
// Product summaries in memory (issue 16): what a product card shows, for every visible product,
// so a category or search page is rendered without reading its 20 products from SQL (on a
// 100k store that was about 3 database pages a product, most of them read from disk).
//
// The table is a hash map from id to a compact entry: the numbers as they are, the strings
// packed in one allocation (a varint length before each), the category and brand as ids whose
// names come from two small tables loaded with it. About 340 bytes a product with the demo's
// texts. The read model (read_model.hpp) owns it and keeps it current from the change log:
// products that changed are read again, a category or brand change loads it again; it decides
// when the table may be trusted after a local write. One writer (the read model's thread),
// many readers.
#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/model.hpp"
#include "platform/db/db.hpp"

namespace moderno::catalog {

class SummaryTable {
 public:
  // `chunk`: rows read at a time (a load holds this many products' rows, and readers wait for
  // one chunk's insertion at most).
  explicit SummaryTable(std::size_t chunk = 2000) : chunk_(chunk) {}

  // Reads every visible product and the names of categories and brands, replacing what the
  // table held: in chunks by id, so the rows in flight and the time readers wait stay bounded
  // (the table keeps answering meanwhile, each product old or new).
  Result<void> Load(db::Database& db);
  // Reads these products again: visible ones are replaced or added, the others dropped.
  Result<void> Refresh(db::Database& db, std::span<const std::int64_t> ids);

  // The summaries of `ids` in the same order; nullopt for a product the table does not hold
  // (hidden, not yet read, or in a category it has no name for). Empty before the first load.
  std::vector<std::optional<ProductSummary>> Get(std::span<const std::int64_t> ids) const;
  bool Loaded() const;
  std::size_t Products() const;
  // The approximate heap size: entries, their texts and the map's nodes and buckets.
  std::size_t MemoryBytes() const;

 private:
  struct Entry {
    std::int64_t price = 0;
    std::int64_t compare_price = 0;
    std::int64_t stock = 0;
    std::int64_t reviews = 0;
    std::int64_t category_id = 0;
    std::int64_t brand_id = 0;  // 0: none
    double rating = 0;
    std::uint8_t flags = 0;       // kFeatured, kHasCompare, kHasRating, kHasShort
    std::uint8_t generation = 0;  // the load that last wrote it (a load drops older ones)
    std::uint32_t text_size = 0;
    // name, slug, sku, short description, currency, created_at (ISO), then the image count
    // and each image's URL, every string as a varint length and its bytes.
    std::unique_ptr<char[]> text;
  };
  static Entry Encode(const ProductSummary& s, std::uint8_t generation);
  std::optional<ProductSummary> Decode(std::int64_t id, const Entry& e) const;
  // Replaces the entries of `ids` with `visible` (the visible ones among them, as the
  // repository reads them).
  void Put(std::span<const ProductSummary> visible, std::span<const std::int64_t> ids, std::uint8_t generation);
  // Reads these products' summaries (2 queries) and puts them.
  Result<void> Store(db::Database& db, const std::vector<std::int64_t>& ids, std::uint8_t generation);

  const std::size_t chunk_;
  mutable std::shared_mutex mu_;
  bool loaded_ = false;
  std::uint8_t generation_ = 0;
  std::unordered_map<std::int64_t, Entry> entries_;
  std::size_t text_bytes_ = 0;
  std::unordered_map<std::int64_t, CategoryRef> categories_;  // every category, active or not
  std::unordered_map<std::int64_t, std::string> brands_;
};

}  // namespace moderno::catalog
