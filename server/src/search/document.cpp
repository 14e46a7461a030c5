#include "search/document.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "platform/text/fold.hpp"
#include "platform/time/time.hpp"
#include "search/analysis.hpp"
#include "search/queries.hpp"

namespace moderno::search {
namespace {

constexpr int kMaxCategoryDepth = 32;
constexpr std::size_t kMinSpellingWord = 3;

std::string Placeholders(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s;
}

// Adds the stems of a field's words with the field's weight.
void AddField(Xapian::Document& doc, std::string_view text, Xapian::termcount weight,
              std::set<std::string>* spelling, bool joined = false) {
  for (const std::string& w : Words(text)) {
    doc.add_term(Stem(w), weight);
    if (spelling && w.size() >= kMinSpellingWord &&
        !std::ranges::all_of(w, [](char c) { return c >= '0' && c <= '9'; })) {
      spelling->insert(w);
    }
  }
  if (joined) {
    for (const std::string& w : JoinedWords(text)) doc.add_term(Stem(w), weight);
  }
}

ProductRecord ReadProduct(const db::Row& r) {
  ProductRecord p;
  p.id = r.Int(0);
  p.name = r.Str(1);
  p.slug = r.Str(2);
  p.sku = r.Str(3);
  p.short_description = r.Str(4);
  p.description = r.Str(5);
  p.price = r.Int(6);
  p.category_id = r.Int(7);
  p.brand_id = r.OptInt(8);
  p.brand_name = r.Str(9);
  p.featured = r.Bool(10);
  p.rating = r.OptReal(11);
  p.reviews_count = r.Int(12);
  p.sales_count = r.Int(13);
  if (auto t = time::FromSql(r.Str(14))) p.created_unix = time::UnixSeconds(*t);
  p.in_stock = r.Bool(15);
  p.available = r.Int(17);
  return p;
}

// Attaches active variant SKUs (rows of product_id, sku) to the products.
void AttachVariants(std::vector<ProductRecord>& products, const db::Rows& rows) {
  std::unordered_map<std::int64_t, std::size_t> at;
  for (std::size_t i = 0; i < products.size(); ++i) at[products[i].id] = i;
  for (const db::Row& r : rows) {
    if (auto it = at.find(r.Int(0)); it != at.end()) {
      products[it->second].variant_skus.push_back(r.Str(1));
    }
  }
}

}  // namespace

std::vector<const CategoryRow*> CategoryPath(const Categories& categories, std::int64_t id) {
  std::vector<const CategoryRow*> path;
  std::optional<std::int64_t> at = id;
  while (at && path.size() < kMaxCategoryDepth) {
    auto it = categories.find(*at);
    if (it == categories.end()) break;
    if (std::ranges::find(path, &it->second) != path.end()) break;
    path.push_back(&it->second);
    at = it->second.parent_id;
  }
  return path;
}

Xapian::Document BuildDocument(const ProductRecord& p, const Categories& categories,
                               std::set<std::string>* spelling) {
  Xapian::Document doc;
  doc.set_data(std::to_string(p.id) + '\t' + p.slug + '\t' + p.name);

  AddField(doc, p.name, kNameWeight, spelling, true);
  for (const std::string& w : Words(p.name)) doc.add_boolean_term(std::string(kNameWordPrefix) + w);
  for (const std::string& w : JoinedWords(p.name)) {
    doc.add_boolean_term(std::string(kNameWordPrefix) + w);
  }
  if (!p.brand_name.empty()) AddField(doc, p.brand_name, kBrandWeight, spelling, true);
  const auto path = CategoryPath(categories, p.category_id);
  for (std::size_t i = 0; i < path.size(); ++i) {
    AddField(doc, path[i]->name, i == 0 ? kCategoryWeight : kAncestorWeight, spelling);
    doc.add_boolean_term(std::string(kCategoryPrefix) + std::to_string(path[i]->id));
  }
  AddField(doc, p.short_description, kShortDescriptionWeight, spelling);
  AddField(doc, p.description, kDescriptionWeight, nullptr);

  // Exact matches: SKUs (as typed, folded) and the whole name.
  auto add_sku = [&doc](const std::string& sku) {
    std::string term = std::string(kSkuPrefix) + text::Fold(sku);
    if (term.size() <= kMaxExactTerm + kSkuPrefix.size()) doc.add_term(term);
  };
  add_sku(p.sku);
  for (const std::string& sku : p.variant_skus) add_sku(sku);
  std::string exact = ExactKey(p.name);
  if (exact.size() > kMaxExactName) exact.resize(kMaxExactName);
  if (!exact.empty()) doc.add_term(std::string(kExactNamePrefix) + exact);

  if (p.brand_id) doc.add_boolean_term(std::string(kBrandPrefix) + std::to_string(*p.brand_id));
  if (p.in_stock) doc.add_boolean_term(std::string(kInStockTerm));
  if (p.featured) doc.add_boolean_term(std::string(kFeaturedTerm));

  doc.add_value(kPriceSlot, Xapian::sortable_serialise(static_cast<double>(p.price)));
  doc.add_value(kCreatedSlot, Xapian::sortable_serialise(static_cast<double>(p.created_unix)));
  doc.add_value(kRatingSlot, Xapian::sortable_serialise(p.rating.value_or(-1.0)));
  doc.add_value(kBoostSlot, Xapian::sortable_serialise((p.in_stock ? kInStockBoost : 0.0) +
                                                       (p.featured ? kFeaturedBoost : 0.0)));
  doc.add_value(kFacetSlot, PackFacet({p.category_id, p.brand_id.value_or(0), p.price}));
  doc.add_value(kNameSlot, Normalized(p.name));
  doc.add_value(kSalesSlot, Xapian::sortable_serialise(static_cast<double>(p.sales_count)));
  doc.add_value(kReviewsSlot, Xapian::sortable_serialise(static_cast<double>(p.reviews_count)));
  return doc;
}

Categories ReadCategories(db::UnitOfWork& uow) {
  Categories out;
  for (const db::Row& r : uow.Query(sql::kCategories)) {
    out.emplace(r.Int(0), CategoryRow{r.Int(0), r.Str(1), r.Str(2), r.OptInt(3), r.Bool(4)});
  }
  return out;
}

std::vector<ProductRecord> ReadProducts(db::UnitOfWork& uow, const std::vector<std::int64_t>& ids) {
  std::vector<ProductRecord> out;
  if (ids.empty()) return out;
  std::vector<db::Value> params(ids.begin(), ids.end());
  const std::string in = Placeholders(ids.size()) + ")";
  for (const db::Row& r : uow.Query(std::string(sql::kProducts) + " WHERE p.id IN (" + in, params)) {
    if (r.Bool(16)) out.push_back(ReadProduct(r));
  }
  if (!out.empty()) AttachVariants(out, uow.Query(std::string(sql::kVariantSkusOf) + in, params));
  return out;
}

std::vector<ProductRecord> ReadProductsAfter(db::UnitOfWork& uow, std::int64_t after,
                                             std::int64_t limit, std::int64_t& last) {
  std::vector<ProductRecord> out;
  last = 0;
  for (const db::Row& r : uow.Query(std::string(sql::kProducts) + std::string(sql::kProductsAfter),
                                    {after, limit})) {
    last = r.Int(0);
    if (r.Bool(16)) out.push_back(ReadProduct(r));
  }
  if (!out.empty()) {
    AttachVariants(out, uow.Query(sql::kVariantSkusInRange, {out.front().id, out.back().id}));
  }
  return out;
}

std::string PackFacet(const FacetValue& f) {
  std::string out(3 * sizeof(std::int64_t), '\0');
  std::memcpy(out.data(), &f.category_id, sizeof(std::int64_t));
  std::memcpy(out.data() + 8, &f.brand_id, sizeof(std::int64_t));
  std::memcpy(out.data() + 16, &f.price, sizeof(std::int64_t));
  return out;
}

bool UnpackFacet(const std::string& bytes, FacetValue& out) {
  if (bytes.size() != 3 * sizeof(std::int64_t)) return false;
  std::memcpy(&out.category_id, bytes.data(), sizeof(std::int64_t));
  std::memcpy(&out.brand_id, bytes.data() + 8, sizeof(std::int64_t));
  std::memcpy(&out.price, bytes.data() + 16, sizeof(std::int64_t));
  return true;
}

}  // namespace moderno::search
