// Catalog CSV import and export. The import reads what the file's SKUs and slugs name with a
// few batched look-ups, validates every row in memory, then writes with multi-row inserts and
// per-row updates of only the rows that differ, so a re-import of the same file writes nothing.
#include "catalog/io/catalog_io.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "catalog/admin/admin_queries.hpp"
#include "catalog/admin/admin_support.hpp"
#include "catalog/io/csv.hpp"
#include "catalog/io/queries.hpp"
#include "inventory/stock.hpp"
#include "platform/db/batch.hpp"
#include "platform/search_log/search_log.hpp"

namespace moderno::catalog::io {
namespace json = boost::json;
namespace {

constexpr std::size_t kInChunk = 500;         // values per IN (...) look-up
constexpr std::size_t kMaxReportedErrors = 1000;
constexpr std::int64_t kMaxQuantity = 1'000'000'000;
constexpr std::string_view kStockPrefix = "stock_";
constexpr std::string_view kImportReason = "import";

const std::vector<std::string>& FixedColumns() {
  static const std::vector<std::string> cols{
      "sku",         "parent_sku",    "name",        "slug",       "short_description",
      "description", "category_slug", "brand_slug",  "price",      "compare_price",
      "cost_price",  "currency",      "weight_grams", "is_active", "is_featured",
      "meta_title",  "meta_description", "options",  "barcode"};
  return cols;
}

std::string Text(const std::optional<std::string>& v) { return v.value_or(""); }
std::string Text(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : ""; }
std::string Bool(bool b) { return b ? "true" : "false"; }

// Runs `sql_prefix` + placeholders + `sql_suffix` for `values` in chunks, calling fn per row.
template <class V, class F>
void QueryIn(db::UnitOfWork& uow, std::string_view sql_prefix, std::string_view sql_suffix,
             const std::vector<V>& values, F&& fn) {
  for (std::size_t i = 0; i < values.size(); i += kInChunk) {
    const std::size_t n = std::min(kInChunk, values.size() - i);
    std::vector<db::Value> params;
    params.reserve(n);
    for (std::size_t k = 0; k < n; ++k) params.emplace_back(values[i + k]);
    const std::string sql =
        std::string(sql_prefix) + db::Placeholders(n) + std::string(sql_suffix.empty() ? ")" : sql_suffix);
    for (const db::Row& r : uow.Query(sql, params)) fn(r);
  }
}

// Inserts rows of `columns` values each with as few statements as the placeholder limit allows.

// --- Parsing cells --------------------------------------------------------------------------

std::optional<std::int64_t> ParseInt(std::string_view s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<bool> ParseBool(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "true" || s == "1" || s == "yes" || s == "si" || s == "sí") return true;
  if (s == "false" || s == "0" || s == "no") return false;
  return std::nullopt;
}

// The normal form of an options JSON object (for comparing stored and imported values).
std::optional<std::string> NormalOptions(std::string_view text) {
  if (text.empty()) return std::string("{}");
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return json::serialize(v);
}

// --- What is stored -------------------------------------------------------------------------

struct ProductFields {
  std::string name, slug, sku;
  std::optional<std::string> short_description, description;
  std::int64_t price = 0;
  std::optional<std::int64_t> compare_price, cost_price;
  std::string currency = "CLP";
  std::int64_t category_id = 0;
  std::optional<std::int64_t> brand_id, weight_grams;
  bool is_active = true, is_featured = false;
  std::optional<std::string> meta_title, meta_description;
  bool operator==(const ProductFields&) const = default;
};

struct StoredProduct {
  std::int64_t id = 0;
  bool deleted = false;
  ProductFields f;
  std::int64_t variant_count = 0;
};

struct VariantFields {
  std::string name;
  std::optional<std::int64_t> price, compare_price;
  std::string options = "{}";  // normal form
  std::optional<std::string> barcode;
  bool is_active = true;
  bool operator==(const VariantFields&) const = default;
};

struct StoredVariant {
  std::int64_t id = 0, product_id = 0;
  std::string sku;
  VariantFields f;
};

struct InventoryKey {
  std::int64_t product_id = 0, variant_key = 0, warehouse_id = 0;
  auto operator<=>(const InventoryKey&) const = default;
};
struct StoredLevel {
  std::int64_t id = 0, quantity = 0, reserved = 0;
};

struct Named {
  std::int64_t id = 0;
  std::string name;
  bool is_active = true;
};

// --- The plan -------------------------------------------------------------------------------

struct StockCell {
  std::int64_t warehouse_id = 0;
  std::int64_t quantity = 0;
};

struct ProductPlan {
  std::size_t row = 0;
  const StoredProduct* stored = nullptr;
  ProductFields f;
  std::string brand_name;
  bool generate_slug = false;
  std::vector<StockCell> stock;
  std::int64_t id = 0;  // once written
};

struct VariantPlan {
  std::size_t row = 0;
  const StoredVariant* stored = nullptr;
  std::string sku, parent_sku;
  VariantFields f;
  std::vector<StockCell> stock;
  std::int64_t id = 0, product_id = 0;  // once known
};

// One data row with cells by column name (absent columns are absent from the file).
class RowView {
 public:
  RowView(const std::map<std::string, std::size_t>& cols, const csv::Record& rec)
      : cols_(cols), rec_(rec) {}
  const std::string* Cell(const std::string& name) const {
    auto it = cols_.find(name);
    return it == cols_.end() ? nullptr : &rec_.fields[it->second];
  }
  bool Has(const std::string& name) const { return cols_.contains(name); }

 private:
  const std::map<std::string, std::size_t>& cols_;
  const csv::Record& rec_;
};

class Importer {
 public:
  Importer(db::UnitOfWork& uow, const std::vector<csv::Record>& records, const Progress& progress)
      : uow_(uow), records_(records), progress_(progress) {}

  Result<ImportReport> Run(bool dry_run, const audit::AuditEntry& who, Service& catalog,
                           const std::string& now_sql);

 private:
  void Err(std::size_t row, std::string column, std::string code, std::string message) {
    if (errors_.size() < kMaxReportedErrors) {
      errors_.push_back({row, std::move(column), std::move(code), std::move(message)});
    } else {
      truncated_ = true;
    }
  }
  bool ReadHeader();
  void Load();
  void CheckProduct(const csv::Record& rec);
  void CheckVariant(const csv::Record& rec);
  void CheckStock(const csv::Record& rec, const RowView& row, std::int64_t product_id,
                  std::optional<std::int64_t> variant_id, bool has_variants, std::vector<StockCell>& out);
  void ResolveSlugs();
  void Apply(ImportReport& report, const audit::AuditEntry& who, const std::string& now_sql);
  // Rows after the header: each is one step of validation and one of writing.
  std::int64_t DataRows() const { return records_.empty() ? 0 : static_cast<std::int64_t>(records_.size()) - 1; }
  void ReportProgress(std::int64_t done) {
    if (progress_) progress_(done, DataRows() * 2);
  }
  // Nullable text: an empty cell clears, except that "" stays "" (so a re-import changes nothing).
  void NullableText(const RowView& row, const char* col, std::optional<std::string>& field) {
    const std::string* c = row.Cell(col);
    if (!c) return;
    if (c->empty()) {
      if (field && !field->empty()) field.reset();
    } else {
      field = *c;
    }
  }
  void NullableInt(std::size_t r, const RowView& row, const char* col, std::optional<std::int64_t>& field,
                   std::int64_t max = kMaxQuantity * 1000) {
    const std::string* c = row.Cell(col);
    if (!c) return;
    if (c->empty()) {
      field.reset();
      return;
    }
    auto v = ParseInt(*c);
    if (!v || *v < 0 || *v > max) {
      Err(r, col, "invalid", std::string(col) + " must be a whole number from 0 to " + std::to_string(max));
      return;
    }
    field = *v;
  }
  void BoolCell(std::size_t r, const RowView& row, const char* col, bool& field) {
    const std::string* c = row.Cell(col);
    if (!c || c->empty()) return;
    auto v = ParseBool(*c);
    if (!v) {
      Err(r, col, "invalid", std::string(col) + " must be true or false");
      return;
    }
    field = *v;
  }

  db::UnitOfWork& uow_;
  const std::vector<csv::Record>& records_;
  const Progress& progress_;
  std::vector<RowError> errors_;
  bool truncated_ = false;

  std::map<std::string, std::size_t> cols_;
  std::vector<std::pair<std::string, std::int64_t>> stock_cols_;  // column, warehouse id

  std::unordered_map<std::string, StoredProduct> products_;  // by sku
  std::unordered_map<std::string, StoredVariant> variants_;  // by sku
  std::unordered_map<std::string, std::int64_t> slug_owner_;  // stored slug -> product id
  std::unordered_map<std::string, Named> categories_, brands_;  // by slug
  std::map<InventoryKey, StoredLevel> levels_;

  std::unordered_set<std::string> file_skus_;
  std::unordered_set<std::string> file_product_skus_;
  std::unordered_set<std::string> parents_with_variant_rows_;
  std::unordered_map<std::string, std::size_t> product_plan_by_sku_;
  std::unordered_set<std::string> file_slugs_;
  std::vector<ProductPlan> products_plan_;
  std::vector<VariantPlan> variants_plan_;
};

bool Importer::ReadHeader() {
  if (records_.empty()) {
    Err(1, "", "empty", "the file has no header row");
    return false;
  }
  std::map<std::string, std::int64_t> warehouses;  // active ones by code
  std::set<std::string> inactive;
  for (const db::Row& r : uow_.Query(io_sql::kWarehouses)) {
    if (r.Bool(2)) warehouses[r.Str(1)] = r.Int(0);
    else inactive.insert(r.Str(1));
  }
  const std::set<std::string> fixed(FixedColumns().begin(), FixedColumns().end());
  const csv::Record& header = records_[0];
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = header.fields[i];
    // Spreadsheets sometimes pad header cells.
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    if (cols_.contains(name)) {
      Err(1, name, "duplicate", "column " + name + " appears twice");
      continue;
    }
    if (name.starts_with(kStockPrefix)) {
      const std::string code = name.substr(kStockPrefix.size());
      auto w = warehouses.find(code);
      if (w == warehouses.end()) {
        Err(1, name, inactive.contains(code) ? "inactive" : "unknown",
            "no active warehouse with code " + code);
        continue;
      }
      stock_cols_.emplace_back(name, w->second);
    } else if (!fixed.contains(name)) {
      Err(1, name, "unknown", "unknown column " + name);
      continue;
    }
    cols_[name] = i;
  }
  if (!cols_.contains("sku")) Err(1, "sku", "required", "the header must have a sku column");
  for (std::size_t i = 1; i < records_.size(); ++i) {
    if (records_[i].fields.size() != header.fields.size()) {
      Err(records_[i].row, "", "field_count",
          "the row has " + std::to_string(records_[i].fields.size()) + " fields, the header " +
              std::to_string(header.fields.size()));
    }
  }
  return errors_.empty();
}

void Importer::Load() {
  const std::size_t sku_col = cols_.at("sku");
  std::vector<std::string> skus, slugs;
  std::unordered_set<std::string> seen;
  auto add = [&](const std::string& s) {
    if (!s.empty() && seen.insert(s).second) skus.push_back(s);
  };
  for (std::size_t i = 1; i < records_.size(); ++i) {
    RowView row(cols_, records_[i]);
    add(records_[i].fields[sku_col]);
    if (const std::string* p = row.Cell("parent_sku")) add(*p);
    if (const std::string* s = row.Cell("slug"); s && !s->empty()) slugs.push_back(*s);
    else if (const std::string* n = row.Cell("name"); n && !n->empty()) slugs.push_back(SlugBase(*n, "producto"));
  }
  QueryIn(uow_, io_sql::kProductsBySku, "", skus, [&](const db::Row& r) {
    StoredProduct p;
    p.id = r.Int(0);
    p.deleted = r.Bool(1);
    p.f = {r.Str(2),    r.Str(3),    r.Str(4),     r.OptStr(5),  r.OptStr(6),  r.Int(7),
           r.OptInt(8), r.OptInt(9), r.Str(10),    r.Int(11),    r.OptInt(12), r.OptInt(13),
           r.Bool(14),  r.Bool(15),  r.OptStr(16), r.OptStr(17)};
    p.variant_count = r.Int(19);
    slug_owner_[p.f.slug] = p.id;
    products_[p.f.sku] = std::move(p);
  });
  QueryIn(uow_, io_sql::kVariantsBySku, "", skus, [&](const db::Row& r) {
    StoredVariant v;
    v.id = r.Int(0);
    v.product_id = r.Int(1);
    v.sku = r.Str(3);
    v.f.name = r.Str(2);
    v.f.price = r.OptInt(4);
    v.f.compare_price = r.OptInt(5);
    v.f.options = NormalOptions(r.Str(6)).value_or(r.Str(6));
    v.f.barcode = r.OptStr(7);
    v.f.is_active = r.Bool(8);
    variants_[v.sku] = std::move(v);
  });
  QueryIn(uow_, io_sql::kProductsBySlug, "", slugs,
          [&](const db::Row& r) { slug_owner_[r.Str(1)] = r.Int(0); });
  for (const db::Row& r : uow_.Query(io_sql::kCategories)) categories_[r.Str(1)] = {r.Int(0), "", r.Bool(2)};
  for (const db::Row& r : uow_.Query(io_sql::kBrands)) brands_[r.Str(1)] = {r.Int(0), r.Str(2), r.Bool(3)};
  if (!stock_cols_.empty()) {
    std::vector<std::int64_t> ids;
    std::unordered_set<std::int64_t> seen_ids;
    for (const auto& [sku, p] : products_) {
      if (seen_ids.insert(p.id).second) ids.push_back(p.id);
    }
    for (const auto& [sku, v] : variants_) {
      if (seen_ids.insert(v.product_id).second) ids.push_back(v.product_id);
    }
    QueryIn(uow_, io_sql::kInventoryOfProducts, "", ids, [&](const db::Row& r) {
      levels_[{r.Int(1), r.Int(2), r.Int(3)}] = {r.Int(0), r.Int(4), r.Int(5)};
    });
  }
}

void Importer::CheckStock(const csv::Record& rec, const RowView& row, std::int64_t product_id,
                          std::optional<std::int64_t> variant_id, bool has_variants,
                          std::vector<StockCell>& out) {
  for (const auto& [col, warehouse_id] : stock_cols_) {
    const std::string& cell = *row.Cell(col);
    if (cell.empty()) continue;
    auto q = ParseInt(cell);
    if (!q || *q < 0 || *q > kMaxQuantity) {
      Err(rec.row, col, "invalid", col + " must be a whole number from 0 to " + std::to_string(kMaxQuantity));
      continue;
    }
    if (has_variants) {
      Err(rec.row, col, "has_variants", "the product has variants; its stock is kept per variant row");
      continue;
    }
    if (product_id != 0) {
      auto it = levels_.find({product_id, variant_id.value_or(0), warehouse_id});
      if (it != levels_.end() && *q < it->second.reserved) {
        Err(rec.row, col, "below_reserved",
            "the quantity cannot go below the " + std::to_string(it->second.reserved) +
                " units reserved for orders");
        continue;
      }
    }
    out.push_back({warehouse_id, *q});
  }
}

void Importer::CheckProduct(const csv::Record& rec) {
  const RowView row(cols_, rec);
  const std::size_t r = rec.row;
  const std::string& sku = *row.Cell("sku");
  ProductPlan plan;
  plan.row = r;
  auto stored = products_.find(sku);
  if (stored != products_.end()) {
    if (stored->second.deleted) {
      Err(r, "sku", "deleted", "product " + sku + " was deleted; restore it or use another SKU");
      return;
    }
    plan.stored = &stored->second;
    plan.f = stored->second.f;
  } else {
    plan.f.sku = sku;
  }
  if (variants_.contains(sku)) Err(r, "sku", "taken", "sku " + sku + " belongs to a variant");
  const bool create = plan.stored == nullptr;

  if (const std::string* c = row.Cell("name"); c && !c->empty()) plan.f.name = *c;
  else if (create || c) Err(r, "name", "required", "a product needs a name");
  if (const std::string* c = row.Cell("slug"); c && !c->empty()) {
    if (!IsSlug(*c)) {
      Err(r, "slug", "invalid", "slug must be lower-case letters and digits separated by '-'");
    } else {
      auto owner = slug_owner_.find(*c);
      if (owner != slug_owner_.end() && (create || owner->second != plan.stored->id)) {
        Err(r, "slug", "taken", "slug " + *c + " is already in use");
      } else if (!file_slugs_.insert(*c).second) {
        Err(r, "slug", "duplicate", "two rows have slug " + *c);
      }
      plan.f.slug = *c;
    }
  } else if (create) {
    plan.generate_slug = true;
  }
  NullableText(row, "short_description", plan.f.short_description);
  NullableText(row, "description", plan.f.description);
  NullableText(row, "meta_title", plan.f.meta_title);
  NullableText(row, "meta_description", plan.f.meta_description);
  if (const std::string* c = row.Cell("price"); c && !c->empty()) {
    auto v = ParseInt(*c);
    if (!v || *v < 0) Err(r, "price", "invalid", "price must be a whole number of minor units, 0 or more");
    else plan.f.price = *v;
  } else if (create || c) {
    Err(r, "price", "required", "a product needs a price");
  }
  NullableInt(r, row, "compare_price", plan.f.compare_price);
  NullableInt(r, row, "cost_price", plan.f.cost_price);
  NullableInt(r, row, "weight_grams", plan.f.weight_grams);
  if (const std::string* c = row.Cell("currency"); c && !c->empty()) {
    const bool ok = c->size() == 3 && std::ranges::all_of(*c, [](char ch) { return ch >= 'A' && ch <= 'Z'; });
    if (!ok) Err(r, "currency", "invalid", "currency must be a three-letter ISO 4217 code");
    else plan.f.currency = *c;
  }
  if (const std::string* c = row.Cell("category_slug"); c && !c->empty()) {
    auto cat = categories_.find(*c);
    if (cat == categories_.end()) {
      Err(r, "category_slug", "unknown", "no category with slug " + *c);
    } else {
      const bool changed = create || cat->second.id != plan.stored->f.category_id;
      if (changed && !cat->second.is_active) Err(r, "category_slug", "inactive", "the category is inactive");
      plan.f.category_id = cat->second.id;
    }
  } else if (create || c) {
    Err(r, "category_slug", "required", "a product needs a category");
  }
  if (const std::string* c = row.Cell("brand_slug")) {
    if (c->empty()) {
      plan.f.brand_id.reset();
    } else if (auto b = brands_.find(*c); b == brands_.end()) {
      Err(r, "brand_slug", "unknown", "no brand with slug " + *c);
    } else {
      const bool changed = create || plan.stored->f.brand_id != b->second.id;
      if (changed && !b->second.is_active) Err(r, "brand_slug", "inactive", "the brand is inactive");
      plan.f.brand_id = b->second.id;
    }
  }
  if (plan.f.brand_id) {
    for (const auto& [slug, b] : brands_) {
      if (b.id == *plan.f.brand_id) plan.brand_name = b.name;
    }
  }
  BoolCell(r, row, "is_active", plan.f.is_active);
  BoolCell(r, row, "is_featured", plan.f.is_featured);
  if (plan.f.compare_price && *plan.f.compare_price <= plan.f.price) {
    Err(r, "compare_price", "not_above_price", "compare_price must be above price");
  }
  const bool has_variants = (plan.stored && plan.stored->variant_count > 0) ||
                            parents_with_variant_rows_.contains(sku);
  CheckStock(rec, row, plan.stored ? plan.stored->id : 0, std::nullopt, has_variants, plan.stock);
  product_plan_by_sku_[sku] = products_plan_.size();
  products_plan_.push_back(std::move(plan));
}

void Importer::CheckVariant(const csv::Record& rec) {
  const RowView row(cols_, rec);
  const std::size_t r = rec.row;
  VariantPlan plan;
  plan.row = r;
  plan.sku = *row.Cell("sku");
  plan.parent_sku = *row.Cell("parent_sku");
  // The parent: a product row of this file, or a stored product.
  std::int64_t parent_price = 0;
  std::int64_t parent_id = 0;
  if (auto in_file = product_plan_by_sku_.find(plan.parent_sku); in_file != product_plan_by_sku_.end()) {
    const ProductPlan& p = products_plan_[in_file->second];
    parent_price = p.f.price;
    parent_id = p.stored ? p.stored->id : 0;
  } else if (auto stored = products_.find(plan.parent_sku);
             stored != products_.end() && !stored->second.deleted) {
    parent_price = stored->second.f.price;
    parent_id = stored->second.id;
  } else if (!file_product_skus_.contains(plan.parent_sku)) {
    Err(r, "parent_sku", "unknown", "no product with SKU " + plan.parent_sku);
    return;
  }
  if (products_.contains(plan.sku) || file_product_skus_.contains(plan.sku)) {
    Err(r, "sku", "taken", "sku " + plan.sku + " belongs to a product");
  }
  if (auto stored = variants_.find(plan.sku); stored != variants_.end()) {
    if (stored->second.product_id != parent_id) {
      Err(r, "parent_sku", "mismatch", "variant " + plan.sku + " belongs to another product");
      return;
    }
    plan.stored = &stored->second;
    plan.f = stored->second.f;
  }
  const bool create = plan.stored == nullptr;
  if (const std::string* c = row.Cell("name"); c && !c->empty()) plan.f.name = *c;
  else if (create || c) Err(r, "name", "required", "a variant needs a name");
  NullableInt(r, row, "price", plan.f.price);
  NullableInt(r, row, "compare_price", plan.f.compare_price);
  if (const std::string* c = row.Cell("options")) {
    if (auto o = NormalOptions(*c)) plan.f.options = *o;
    else Err(r, "options", "invalid", "options must be a JSON object, e.g. {\"talla\":\"42\"}");
  }
  NullableText(row, "barcode", plan.f.barcode);
  BoolCell(r, row, "is_active", plan.f.is_active);
  if (plan.f.compare_price && *plan.f.compare_price <= plan.f.price.value_or(parent_price)) {
    Err(r, "compare_price", "not_above_price", "compare_price must be above the variant's price");
  }
  CheckStock(rec, row, parent_id, plan.stored ? std::optional(plan.stored->id) : std::nullopt, false,
             plan.stock);
  plan.product_id = parent_id;
  plan.id = plan.stored ? plan.stored->id : 0;
  variants_plan_.push_back(std::move(plan));
}

// Slugs for new products without one: the name's slug, numbered when taken in the database
// or by another row.
void Importer::ResolveSlugs() {
  for (ProductPlan& p : products_plan_) {
    if (!p.generate_slug) continue;
    const std::string base = SlugBase(p.f.name, "producto");
    std::string slug = base;
    if (slug_owner_.contains(slug) || file_slugs_.contains(slug)) {
      slug = FreeSlug(uow_, admin_sql::kProductSlugsLike, base);
      for (int n = 2; file_slugs_.contains(slug); ++n) slug = base + "-" + std::to_string(n);
    }
    file_slugs_.insert(slug);
    p.f.slug = slug;
  }
}

std::vector<db::Value> ProductValues(const ProductFields& f, const std::string& brand_name) {
  return {f.name,
          f.slug,
          f.sku,
          db::Opt(f.short_description),
          db::Opt(f.description),
          SearchText(f.name, f.sku, brand_name, f.short_description.value_or(""), f.description.value_or("")),
          f.price,
          db::Opt(f.compare_price),
          db::Opt(f.cost_price),
          f.currency,
          f.category_id,
          db::Opt(f.brand_id),
          db::Opt(f.weight_grams),
          std::int64_t{f.is_active},
          std::int64_t{f.is_featured},
          db::Opt(f.meta_title),
          db::Opt(f.meta_description)};
}

Result<ImportReport> Importer::Run(bool dry_run, const audit::AuditEntry& who, Service& catalog,
                                   const std::string& now_sql) {
  ImportReport report;
  report.dry_run = dry_run;
  report.rows = records_.empty() ? 0 : records_.size() - 1;
  if (ReadHeader()) {
    Load();
    const std::size_t sku_col = cols_.at("sku");
    const bool has_parent = cols_.contains("parent_sku");
    // First pass: SKUs, duplicates, and which products get variant rows.
    std::vector<bool> is_variant(records_.size(), false);
    for (std::size_t i = 1; i < records_.size(); ++i) {
      const std::string& sku = records_[i].fields[sku_col];
      is_variant[i] = has_parent && !records_[i].fields[cols_.at("parent_sku")].empty();
      if (sku.empty()) {
        Err(records_[i].row, "sku", "required", "every row needs a SKU");
      } else if (!IsSku(sku)) {
        Err(records_[i].row, "sku", "invalid", "a SKU has letters, digits, '.', '_' and '-' only");
      } else if (!file_skus_.insert(sku).second) {
        Err(records_[i].row, "sku", "duplicate", "another row has SKU " + sku);
      }
      if (is_variant[i]) parents_with_variant_rows_.insert(records_[i].fields[cols_.at("parent_sku")]);
      else file_product_skus_.insert(sku);
    }
    // Products first (variants look their parents up), each row once.
    std::unordered_set<std::string> checked;
    std::int64_t done = 0;
    for (int pass = 0; pass < 2; ++pass) {
      for (std::size_t i = 1; i < records_.size(); ++i) {
        if (is_variant[i] != (pass == 1)) continue;
        const std::string& sku = records_[i].fields[sku_col];
        if (sku.empty() || !checked.insert(sku).second) continue;
        if (pass == 0) CheckProduct(records_[i]);
        else CheckVariant(records_[i]);
        if (++done % 1000 == 0) ReportProgress(done);
      }
    }
  }
  if (!errors_.empty()) {
    std::ranges::stable_sort(errors_, {}, &RowError::row);
    json::array list;
    for (const RowError& e : errors_) {
      list.push_back({{"row", e.row}, {"column", e.column}, {"code", e.code}, {"message", e.message}});
    }
    Error err;
    err.code = Errc::kInvalidArgument;
    err.type = "import_invalid";
    err.detail = "The file has " + std::to_string(errors_.size()) + (truncated_ ? "+" : "") +
                 " invalid cell(s); nothing was imported.";
    err.extensions = json::serialize(json::object{{"errors", std::move(list)}, {"truncated", truncated_}});
    return std::unexpected(std::move(err));
  }
  ReportProgress(DataRows());
  ResolveSlugs();
  Apply(report, who, now_sql);
  if (!dry_run && report.changed() > 0) InvalidateAfterCommit(uow_, catalog);
  ReportProgress(DataRows() * 2);
  return report;
}

// Counts (and, unless a dry run, writes) every change. A dry run stops before the first write.
void Importer::Apply(ImportReport& report, const audit::AuditEntry& who, const std::string& now_sql) {
  const bool write = !report.dry_run;
  std::set<std::int64_t> touched;  // products whose search document changes

  // Products.
  std::vector<std::vector<db::Value>> inserts;
  std::vector<std::string> created_skus;
  for (ProductPlan& p : products_plan_) {
    if (!p.stored) {
      ++report.products_created;
      inserts.push_back(ProductValues(p.f, p.brand_name));
      created_skus.push_back(p.f.sku);
    } else if (p.f != p.stored->f) {
      ++report.products_updated;
      p.id = p.stored->id;
      touched.insert(p.id);
      if (write) {
        std::vector<db::Value> params = ProductValues(p.f, p.brand_name);
        params.emplace_back(p.id);
        uow_.Exec(io_sql::kUpdateProduct, params);
      }
    } else {
      ++report.products_unchanged;
      p.id = p.stored->id;
    }
  }
  std::unordered_map<std::string, std::int64_t> new_product_ids;
  if (write && !inserts.empty()) {
    db::InsertMany(uow_, io_sql::kInsertProductsPrefix, io_sql::kInsertProductsColumns, inserts);
    QueryIn(uow_, io_sql::kProductIdsBySku, "", created_skus,
            [&](const db::Row& r) { new_product_ids[r.Str(1)] = r.Int(0); });
    for (ProductPlan& p : products_plan_) {
      if (!p.stored) {
        p.id = new_product_ids.at(p.f.sku);
        touched.insert(p.id);
      }
    }
  }

  // Variants: new ones go after the product's current ones, in file order.
  std::unordered_map<std::int64_t, std::int64_t> next_position;
  if (write) {
    std::vector<std::int64_t> parents;
    for (const VariantPlan& v : variants_plan_) {
      if (!v.stored && v.product_id != 0) parents.push_back(v.product_id);
    }
    std::ranges::sort(parents);
    parents.erase(std::unique(parents.begin(), parents.end()), parents.end());
    QueryIn(uow_, io_sql::kMaxVariantPosition, io_sql::kMaxVariantPositionGroup, parents,
            [&](const db::Row& r) { next_position[r.Int(0)] = r.Int(1) + 1; });
  }
  inserts.clear();
  std::vector<std::string> created_variant_skus;
  for (VariantPlan& v : variants_plan_) {
    if (v.product_id == 0 && write) {
      v.product_id = products_plan_[product_plan_by_sku_.at(v.parent_sku)].id;
    }
    if (!v.stored) {
      ++report.variants_created;
      created_variant_skus.push_back(v.sku);
      touched.insert(v.product_id);
      inserts.push_back({v.product_id, v.f.name, v.sku, db::Opt(v.f.price), db::Opt(v.f.compare_price),
                         v.f.options, db::Opt(v.f.barcode), std::int64_t{v.f.is_active},
                         next_position[v.product_id]++});
    } else if (v.f != v.stored->f) {
      ++report.variants_updated;
      touched.insert(v.product_id);
      if (write) {
        uow_.Exec(io_sql::kUpdateVariant, {v.f.name, db::Opt(v.f.price), db::Opt(v.f.compare_price), v.f.options,
                                          db::Opt(v.f.barcode), std::int64_t{v.f.is_active}, v.id});
      }
    } else {
      ++report.variants_unchanged;
    }
  }
  if (write && !inserts.empty()) {
    db::InsertMany(uow_, io_sql::kInsertVariantsPrefix, io_sql::kInsertVariantsColumns, inserts);
    std::unordered_map<std::string, std::int64_t> ids;
    QueryIn(uow_, io_sql::kVariantIdsBySku, "", created_variant_skus,
            [&](const db::Row& r) { ids[r.Str(1)] = r.Int(0); });
    for (VariantPlan& v : variants_plan_) {
      if (!v.stored) v.id = ids.at(v.sku);
    }
  }

  // Stock: new levels inserted together, changed ones updated; a ledger row for each change.
  struct Change {
    std::int64_t product_id;
    std::optional<std::int64_t> variant_id;
    std::int64_t warehouse_id, quantity, before;
    std::int64_t inventory_id;  // 0 until inserted
  };
  std::vector<Change> changes;
  auto plan_stock = [&](std::int64_t product_id, std::optional<std::int64_t> variant_id,
                        const std::vector<StockCell>& cells) {
    for (const StockCell& c : cells) {
      auto it = levels_.find({product_id, variant_id.value_or(0), c.warehouse_id});
      const bool exists = product_id != 0 && variant_id.value_or(1) != 0 && it != levels_.end();
      const std::int64_t before = exists ? it->second.quantity : 0;
      if (exists ? before == c.quantity : c.quantity == 0) continue;
      changes.push_back({product_id, variant_id, c.warehouse_id, c.quantity, before, exists ? it->second.id : 0});
    }
  };
  for (const ProductPlan& p : products_plan_) plan_stock(p.id, std::nullopt, p.stock);
  for (const VariantPlan& v : variants_plan_) {
    plan_stock(v.product_id, v.id ? std::optional(v.id) : std::optional<std::int64_t>(0), v.stock);
  }
  report.stock_changed = static_cast<std::int64_t>(changes.size());
  if (!write) return;

  std::vector<inventory::NewLevel> levels;
  std::vector<std::int64_t> inserted_products;
  for (const Change& c : changes) {
    touched.insert(c.product_id);
    if (c.inventory_id != 0) {
      if (!inventory::SetQuantity(uow_, c.inventory_id, c.quantity, c.quantity > c.before, now_sql)) {
        // An order reserved more meanwhile: the transaction is retried from the start.
        throw db::DbError(Errc::kAborted, "inventory reserved concurrently during import");
      }
    } else {
      levels.push_back({c.product_id, c.variant_id, c.warehouse_id, c.quantity});
      inserted_products.push_back(c.product_id);
    }
  }
  if (!levels.empty()) {
    inventory::InsertLevels(uow_, levels);
    std::ranges::sort(inserted_products);
    inserted_products.erase(std::unique(inserted_products.begin(), inserted_products.end()), inserted_products.end());
    std::map<InventoryKey, std::int64_t> ids;
    QueryIn(uow_, io_sql::kInventoryOfProducts, "", inserted_products,
            [&](const db::Row& r) { ids[{r.Int(1), r.Int(2), r.Int(3)}] = r.Int(0); });
    for (Change& c : changes) {
      if (c.inventory_id == 0) c.inventory_id = ids.at({c.product_id, c.variant_id.value_or(0), c.warehouse_id});
    }
  }
  std::vector<inventory::LedgerEntry> ledger;
  ledger.reserve(changes.size());
  for (const Change& c : changes) {
    ledger.push_back({c.inventory_id, c.product_id, c.variant_id, c.warehouse_id, c.quantity - c.before, c.quantity,
                      std::string(kImportReason), who.actor_user_id});
  }
  inventory::WriteLedger(uow_, ledger);

  if (report.changed() == 0) return;
  const std::vector<std::int64_t> ids(touched.begin(), touched.end());
  search_log::Record(uow_, search_log::kProduct, ids);
  Audit(uow_, who, "product.import", "product", 0,
        json::serialize(json::object{{"rows", report.rows},
                                     {"products_created", report.products_created},
                                     {"products_updated", report.products_updated},
                                     {"variants_created", report.variants_created},
                                     {"variants_updated", report.variants_updated},
                                     {"stock_changed", report.stock_changed}}));
}

}  // namespace

Result<std::string> CatalogIo::Export() {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<std::string> {
    std::vector<std::pair<std::int64_t, std::string>> warehouses;  // active: id, code
    for (const db::Row& r : uow.Query(io_sql::kWarehouses)) {
      if (r.Bool(2)) warehouses.emplace_back(r.Int(0), r.Str(1));
    }
    std::string out(csv::kBom);
    std::vector<std::string> header = FixedColumns();
    for (const auto& [id, code] : warehouses) header.push_back(std::string(kStockPrefix) + code);
    csv::AppendRecord(out, header);
    const std::size_t width = header.size();
    auto stock_cells = [&](const std::map<InventoryKey, std::int64_t>& levels, std::int64_t product_id,
                           std::int64_t variant_key, std::vector<std::string>& row) {
      for (std::size_t w = 0; w < warehouses.size(); ++w) {
        auto it = levels.find({product_id, variant_key, warehouses[w].first});
        row[FixedColumns().size() + w] = it == levels.end() ? "" : std::to_string(it->second);
      }
    };
    std::int64_t after = 0;
    for (;;) {
      const db::Rows page = uow.Query(io_sql::kExportProducts, {after, static_cast<std::int64_t>(kExportPageSize)});
      if (page.empty()) break;
      std::vector<std::int64_t> ids;
      for (const db::Row& r : page) ids.push_back(r.Int(0));
      after = ids.back();
      std::map<std::int64_t, std::vector<db::Row>> variants;
      QueryIn(uow, io_sql::kExportVariants, io_sql::kExportVariantsOrder, ids,
              [&](const db::Row& r) { variants[r.Int(1)].push_back(r); });
      std::map<InventoryKey, std::int64_t> levels;
      QueryIn(uow, io_sql::kInventoryOfProducts, "", ids,
              [&](const db::Row& r) { levels[{r.Int(1), r.Int(2), r.Int(3)}] = r.Int(4); });
      for (const db::Row& p : page) {
        std::vector<std::string> row(width);
        row[0] = p.Str(1);
        row[2] = p.Str(2);
        row[3] = p.Str(3);
        row[4] = Text(p.OptStr(4));
        row[5] = Text(p.OptStr(5));
        row[6] = p.Str(6);
        row[7] = Text(p.OptStr(7));
        row[8] = std::to_string(p.Int(8));
        row[9] = Text(p.OptInt(9));
        row[10] = Text(p.OptInt(10));
        row[11] = p.Str(11);
        row[12] = Text(p.OptInt(12));
        row[13] = Bool(p.Bool(13));
        row[14] = Bool(p.Bool(14));
        row[15] = Text(p.OptStr(15));
        row[16] = Text(p.OptStr(16));
        const auto& vs = variants[p.Int(0)];
        if (vs.empty()) stock_cells(levels, p.Int(0), 0, row);
        csv::AppendRecord(out, row);
        for (const db::Row& v : vs) {
          std::vector<std::string> vrow(width);
          vrow[0] = v.Str(2);
          vrow[1] = p.Str(1);
          vrow[2] = v.Str(3);
          vrow[8] = Text(v.OptInt(4));
          vrow[9] = Text(v.OptInt(5));
          vrow[13] = Bool(v.Bool(8));
          vrow[17] = v.IsNull(6) ? "{}" : v.Str(6);
          vrow[18] = Text(v.OptStr(7));
          stock_cells(levels, p.Int(0), v.Int(0), vrow);
          csv::AppendRecord(out, vrow);
        }
      }
      if (page.size() < kExportPageSize) break;
    }
    return out;
  });
}

Result<ImportReport> CatalogIo::Import(std::string_view csv_text, bool dry_run, audit::AuditEntry who,
                                       const Progress& progress) {
  auto records = csv::Parse(csv_text);
  if (!records) {
    // The CSV itself is broken: the same 422 shape, on the line it names.
    Error e = std::move(records.error());
    json::array list;
    for (const FieldError& f : e.fields) {
      list.push_back({{"row", ParseInt(f.field.substr(4)).value_or(0)}, {"column", ""}, {"code", f.code},
                      {"message", f.message}});
    }
    e.fields.clear();
    e.type = "import_invalid";
    e.extensions = json::serialize(json::object{{"errors", std::move(list)}, {"truncated", false}});
    return std::unexpected(std::move(e));
  }
  const std::string now_sql = time::ToSql(clock_ ? clock_() : std::chrono::system_clock::now());
  auto run = [&](db::UnitOfWork& uow) -> Result<ImportReport> {
    Importer importer(uow, *records, progress);
    return importer.Run(dry_run, who, catalog_, now_sql);
  };
  return dry_run ? db_.Read(run) : db_.Write(run);
}

std::size_t CountDataRows(std::string_view csv_text) {
  auto records = csv::Parse(csv_text);
  return records && !records->empty() ? records->size() - 1 : 0;
}

std::string ReportJson(const ImportReport& r) {
  return json::serialize(json::object{
      {"dry_run", r.dry_run},
      {"rows", r.rows},
      {"products", {{"created", r.products_created}, {"updated", r.products_updated}, {"unchanged", r.products_unchanged}}},
      {"variants", {{"created", r.variants_created}, {"updated", r.variants_updated}, {"unchanged", r.variants_unchanged}}},
      {"stock_changed", r.stock_changed},
      {"changed", r.changed()}});
}

}  // namespace moderno::catalog::io
