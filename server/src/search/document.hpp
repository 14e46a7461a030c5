#pragma once
// What the index holds for one product, and how it is read from the database. A document's id
// is the product's id; only visible products (active, not deleted) have one.
#include <xapian.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "platform/db/db.hpp"

namespace moderno::search {

// Value slots.
inline constexpr Xapian::valueno kPriceSlot = 0;     // sortable_serialise(price)
inline constexpr Xapian::valueno kCreatedSlot = 1;   // sortable_serialise(unix seconds)
inline constexpr Xapian::valueno kRatingSlot = 2;    // sortable_serialise(rating or -1)
inline constexpr Xapian::valueno kBoostSlot = 3;     // sortable_serialise(in-stock/featured boost)
inline constexpr Xapian::valueno kFacetSlot = 4;     // category id, brand id, price (3 x int64)
inline constexpr Xapian::valueno kNameSlot = 5;      // normalised name (name order)
inline constexpr Xapian::valueno kSalesSlot = 6;     // sortable_serialise(sales count)
inline constexpr Xapian::valueno kReviewsSlot = 7;   // sortable_serialise(reviews count)

// Term prefixes. Unprefixed terms are stems of the searchable text, weighted by field.
inline constexpr std::string_view kNameWordPrefix = "N";  // folded name words (autocomplete)
inline constexpr std::string_view kSkuPrefix = "K";       // exact SKU, product's and variants'
inline constexpr std::string_view kExactNamePrefix = "E"; // the whole name (ExactKey)
inline constexpr std::string_view kCategoryPrefix = "C";  // category id and each ancestor's
inline constexpr std::string_view kBrandPrefix = "B";     // brand id
inline constexpr std::string_view kInStockTerm = "I1";
inline constexpr std::string_view kFeaturedTerm = "F1";

// Field weights: how many times a word of each field counts (within-document frequency).
inline constexpr Xapian::termcount kNameWeight = 12;
inline constexpr Xapian::termcount kBrandWeight = 7;
inline constexpr Xapian::termcount kCategoryWeight = 4;
inline constexpr Xapian::termcount kAncestorWeight = 2;
inline constexpr Xapian::termcount kShortDescriptionWeight = 2;
inline constexpr Xapian::termcount kDescriptionWeight = 1;

// The in-stock and featured boosts added to a relevance score (a match's score is ~3-15).
inline constexpr double kInStockBoost = 0.6;
inline constexpr double kFeaturedBoost = 0.4;

// Exact terms are cut to stay under Xapian's term length limit (245 bytes).
inline constexpr std::size_t kMaxExactName = 200;
inline constexpr std::size_t kMaxExactTerm = 240;

// Index metadata keys.
inline constexpr std::string_view kFormatKey = "moderno.format";
inline constexpr std::string_view kFormat = "1";  // bump to force a rebuild after a change here
inline constexpr std::string_view kAppliedKey = "moderno.applied_change_id";
inline constexpr std::string_view kSyncedAtKey = "moderno.synced_at";  // unix seconds

// A category as the index sees it (inactive ones too: their products are still listed).
struct CategoryRow {
  std::int64_t id = 0;
  std::string name;
  std::string slug;
  std::optional<std::int64_t> parent_id;
  bool active = true;
};

// Every category by id.
using Categories = std::map<std::int64_t, CategoryRow>;

// A visible product as the index sees it.
struct ProductRecord {
  std::int64_t id = 0;
  std::string name, slug, sku, short_description, description;
  std::int64_t price = 0;
  std::int64_t category_id = 0;
  std::optional<std::int64_t> brand_id;
  std::string brand_name;
  bool featured = false;
  std::optional<double> rating;
  std::int64_t reviews_count = 0;
  std::int64_t sales_count = 0;
  std::int64_t created_unix = 0;
  bool in_stock = false;
  std::int64_t available = 0;  // units over every warehouse (not indexed: the live stock)
  std::vector<std::string> variant_skus;
};

// The category and its ancestors, nearest first (cycles and missing parents end the walk).
std::vector<const CategoryRow*> CategoryPath(const Categories& categories, std::int64_t id);

// The Xapian document of a product; `spelling` receives the words worth offering as
// spelling corrections (name, brand, categories, short description).
Xapian::Document BuildDocument(const ProductRecord& p, const Categories& categories,
                               std::set<std::string>* spelling);

// ---- reading from the database (each runs in the caller's unit of work) ----

Categories ReadCategories(db::UnitOfWork& uow);
// Visible products with these ids (missing or hidden ones are simply absent).
std::vector<ProductRecord> ReadProducts(db::UnitOfWork& uow, const std::vector<std::int64_t>& ids);
// The visible ones of up to `limit` products with ids above `after`, by id; `last` is set to
// the highest id read (0 when none was: the end).
std::vector<ProductRecord> ReadProductsAfter(db::UnitOfWork& uow, std::int64_t after,
                                             std::int64_t limit, std::int64_t& last);

// The packed facet value (kFacetSlot).
struct FacetValue {
  std::int64_t category_id = 0;
  std::int64_t brand_id = 0;  // 0: none
  std::int64_t price = 0;
};
std::string PackFacet(const FacetValue& f);
bool UnpackFacet(const std::string& bytes, FacetValue& out);

}  // namespace moderno::search
