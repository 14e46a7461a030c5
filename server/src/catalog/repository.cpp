#include "catalog/repository.hpp"

#include <algorithm>
#include <unordered_map>

#include "catalog/queries.hpp"
#include "platform/http/params.hpp"

namespace moderno::catalog {
namespace {

ProductSummary ReadSummary(const db::Row& r) {
  ProductSummary s;
  s.id = r.Int(0);
  s.name = r.Str(1);
  s.slug = r.Str(2);
  s.sku = r.Str(3);
  s.short_description = r.OptStr(4);
  s.price = r.Int(5);
  s.compare_price = r.OptInt(6);
  s.currency = r.Str(7);
  s.category = {r.Int(8), r.Str(9), r.Str(10)};
  if (!r.IsNull(11)) s.brand = BrandRef{r.Int(11), r.Str(12)};
  s.rating = r.OptReal(13);
  s.reviews_count = r.Int(14);
  s.is_featured = r.Bool(15);
  s.created_at = time::IsoFromSql(r.Str(16));
  s.stock = std::max<std::int64_t>(0, r.Int(17));
  return s;
}

// Escapes LIKE wildcards so that a search for "50%" matches the text "50%".
std::string LikePattern(const std::string& word) {
  std::string out = "%";
  for (char c : word) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += c;
  }
  return out + "%";
}

}  // namespace

std::string_view OrderBy(Sort sort) {
  switch (sort) {
    case Sort::kNewest: return " ORDER BY p.created_at DESC, p.id DESC";
    case Sort::kPriceAsc: return " ORDER BY p.price ASC, p.id ASC";
    case Sort::kPriceDesc: return " ORDER BY p.price DESC, p.id DESC";
    case Sort::kName: return " ORDER BY p.name ASC, p.id ASC";
    // NULL ratings (not yet reviewed) sort last in both dialects with DESC.
    case Sort::kRating: return " ORDER BY p.rating_avg DESC, p.reviews_count DESC, p.id ASC";
    case Sort::kPopularity: return " ORDER BY p.sales_count DESC, p.id ASC";
    // Without the search engine there is no score: newest first.
    case Sort::kRelevance: return " ORDER BY p.created_at DESC, p.id DESC";
  }
  return " ORDER BY p.id";
}

const Category* CategoryTree::Find(const std::string& key) const {
  if (auto id = http::ParseId(key)) {
    auto it = by_id.find(*id);
    return it == by_id.end() ? nullptr : &it->second;
  }
  auto it = by_slug.find(key);
  return it == by_slug.end() ? nullptr : &by_id.at(it->second);
}

std::vector<std::int64_t> CategoryTree::Subtree(std::int64_t id) const {
  std::vector<std::int64_t> out;
  std::vector<std::int64_t> stack{id};
  while (!stack.empty()) {
    std::int64_t cur = stack.back();
    stack.pop_back();
    auto it = by_id.find(cur);
    if (it == by_id.end() || std::ranges::find(out, cur) != out.end()) continue;
    out.push_back(cur);
    for (auto child : it->second.children) stack.push_back(child);
  }
  std::ranges::sort(out);
  return out;
}

std::vector<CategoryRef> CategoryTree::Breadcrumbs(std::int64_t id) const {
  std::vector<CategoryRef> path;
  for (int guard = 0; guard < 32; ++guard) {
    auto it = by_id.find(id);
    if (it == by_id.end()) break;
    path.push_back({it->second.id, it->second.name, it->second.slug});
    if (!it->second.parent_id) break;
    id = *it->second.parent_id;
  }
  std::ranges::reverse(path);
  return path;
}

CategoryTree Repository::LoadCategoryTree(db::UnitOfWork& uow) const {
  CategoryTree tree;
  std::vector<std::int64_t> in_order;
  for (const db::Row& r : uow.Query(sql::kCategories)) {
    in_order.push_back(r.Int(0));
    Category c;
    c.id = r.Int(0);
    c.name = r.Str(1);
    c.slug = r.Str(2);
    c.description = r.OptStr(3);
    c.parent_id = r.OptInt(4);
    c.image_url = r.OptStr(5);
    c.sort_order = static_cast<int>(r.Int(6));
    tree.by_slug[c.slug] = c.id;
    tree.by_id.emplace(c.id, std::move(c));
  }
  // Rows come in sort order, so children and roots keep it. A category whose parent is
  // inactive is treated as a root, so that it stays reachable.
  for (const std::int64_t id : in_order) {
    auto& c = tree.by_id.at(id);
    if (c.parent_id && tree.by_id.contains(*c.parent_id)) {
      tree.by_id.at(*c.parent_id).children.push_back(id);
    } else {
      tree.roots.push_back(id);
    }
  }
  for (const db::Row& r : uow.Query(sql::kProductCountsByCategory)) {
    auto it = tree.by_id.find(r.Int(0));
    if (it != tree.by_id.end()) it->second.own_products = r.Int(1);
  }
  for (auto& [id, c] : tree.by_id) {
    std::int64_t total = 0;
    for (auto sub : tree.Subtree(id)) total += tree.by_id.at(sub).own_products;
    c.product_count = total;
  }
  return tree;
}

std::vector<Brand> Repository::ListBrands(db::UnitOfWork& uow) const {
  std::vector<Brand> out;
  for (const db::Row& r : uow.Query(sql::kBrands)) {
    out.push_back({r.Int(0), r.Str(1), r.Str(2), r.OptStr(3), r.OptStr(4), r.Int(5)});
  }
  return out;
}

std::optional<std::int64_t> Repository::FindBrandId(db::UnitOfWork& uow,
                                                    const std::string& key) const {
  const std::int64_t id = http::ParseId(key).value_or(-1);
  auto row = uow.QueryOne(sql::kBrandByIdOrSlug, {id, key, key});
  if (!row) return std::nullopt;
  return row->Int(0);
}

ProductPage Repository::ListProducts(db::UnitOfWork& uow, const ProductQuery& q) const {
  std::string where(sql::kActive);
  std::vector<db::Value> params;
  if (!q.category_ids.empty()) {
    where += " AND p.category_id IN (" + db::Placeholders(q.category_ids.size()) + ")";
    for (auto id : q.category_ids) params.emplace_back(id);
  }
  if (q.brand_id) {
    where += " AND p.brand_id = ?";
    params.emplace_back(*q.brand_id);
  }
  if (q.price_min) {
    where += " AND p.price >= ?";
    params.emplace_back(*q.price_min);
  }
  if (q.price_max) {
    where += " AND p.price <= ?";
    params.emplace_back(*q.price_max);
  }
  if (q.featured) where += *q.featured ? " AND p.is_featured = 1" : " AND p.is_featured = 0";
  if (q.in_stock) where += *q.in_stock ? sql::kInStock : sql::kOutOfStock;
  for (const std::string& w : q.search_words) {
    where += " AND p.search_text LIKE ? ESCAPE '!'";
    params.emplace_back(LikePattern(w));
  }

  ProductPage page;
  page.total = uow.QueryOne("SELECT COUNT(*) FROM products p" + where, params)->Int(0);
  const std::int64_t offset = static_cast<std::int64_t>(q.page - 1) * q.limit;
  if (offset >= page.total) return page;

  const std::string order(OrderBy(q.sort));
  std::string select = std::string(sql::kSummaryColumns) + std::string(sql::kPageIdsFrom) + where +
                       order + " LIMIT ? OFFSET ?" + std::string(sql::kPageJoin) + order;
  params.emplace_back(std::int64_t{q.limit});
  params.emplace_back(offset);
  std::unordered_map<std::int64_t, std::size_t> index;
  for (const db::Row& r : uow.Query(select, params)) {
    index[r.Int(0)] = page.items.size();
    page.items.push_back(ReadSummary(r));
  }
  if (page.items.empty()) return page;

  std::vector<db::Value> ids;
  for (const auto& p : page.items) ids.emplace_back(p.id);
  const std::string images = "SELECT product_id, url FROM product_images WHERE product_id IN (" +
                             db::Placeholders(ids.size()) + ") ORDER BY product_id, position, id";
  for (const db::Row& r : uow.Query(images, ids)) {
    page.items[index.at(r.Int(0))].images.push_back(r.Str(1));
  }
  return page;
}

std::vector<ProductSummary> Repository::SummariesByIds(db::UnitOfWork& uow,
                                                       const std::vector<std::int64_t>& ids) const {
  std::vector<ProductSummary> out;
  if (ids.empty()) return out;
  std::vector<db::Value> params(ids.begin(), ids.end());
  // Visibility is checked on the rows, not in WHERE: with it there, SQLite picks a visibility
  // index and scans every visible product instead of looking the ids up by primary key.
  const std::string select = std::string(sql::kSummaryColumns) + std::string(sql::kVisibleColumn) +
                             std::string(sql::kSummaryFrom) + " WHERE p.id IN (" +
                             db::Placeholders(ids.size()) + ")";
  std::unordered_map<std::int64_t, ProductSummary> found;
  for (const db::Row& r : uow.Query(select, params)) {
    if (r.Bool(18)) found.emplace(r.Int(0), ReadSummary(r));
  }
  if (found.empty()) return out;
  const std::string images = "SELECT product_id, url FROM product_images WHERE product_id IN (" +
                             db::Placeholders(ids.size()) + ") ORDER BY product_id, position, id";
  for (const db::Row& r : uow.Query(images, params)) {
    if (auto it = found.find(r.Int(0)); it != found.end()) it->second.images.push_back(r.Str(1));
  }
  for (auto id : ids) {
    if (auto it = found.find(id); it != found.end()) out.push_back(std::move(it->second));
  }
  return out;
}

std::optional<ProductDetail> Repository::FindProduct(db::UnitOfWork& uow,
                                                     const std::string& key) const {
  const std::optional<std::int64_t> parsed = http::ParseId(key);
  const bool by_id = parsed.has_value();
  const std::int64_t id = parsed.value_or(0);
  std::string select = std::string(sql::kSummaryColumns) + std::string(sql::kDetailColumns) +
                       std::string(sql::kSummaryFrom) + std::string(sql::kActive) +
                       (by_id ? " AND p.id = ?" : " AND p.slug = ?");
  auto row = by_id ? uow.QueryOne(select, {id}) : uow.QueryOne(select, {key});
  if (!row) return std::nullopt;
  return ReadDetail(uow, *row);
}

ProductDetail Repository::ReadDetail(db::UnitOfWork& uow, const db::Row& row) const {
  ProductDetail d;
  d.summary = ReadSummary(row);
  d.description = row.OptStr(18);
  d.weight_grams = row.OptInt(19);
  d.dimensions_json = row.OptStr(20);
  d.meta_title = row.OptStr(21);
  d.meta_description = row.OptStr(22);
  d.updated_at = time::IsoFromSql(row.Str(23));
  for (const db::Row& r : uow.Query(sql::kImagesOf, {d.summary.id})) {
    d.images.push_back({r.Int(0), r.Str(1), r.OptStr(2), static_cast<int>(r.Int(3)), r.OptInt(4),
                        r.OptInt(5), r.Str(6), r.OptStr(7)});
    d.summary.images.push_back(r.Str(1));
  }
  for (const db::Row& r : uow.Query(sql::kVariantsOf, {d.summary.id})) {
    Variant v;
    v.id = r.Int(0);
    v.name = r.Str(1);
    v.sku = r.Str(2);
    v.price = r.Int(3);
    v.compare_price = r.OptInt(4);
    v.options_json = r.IsNull(5) ? "{}" : r.Str(5);
    v.barcode = r.OptStr(6);
    v.stock = std::max<std::int64_t>(0, r.Int(7));
    d.variants.push_back(std::move(v));
  }
  return d;
}

}  // namespace moderno::catalog
