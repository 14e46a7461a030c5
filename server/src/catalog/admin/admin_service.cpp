// Products: create, partial update, soft delete.
#include "catalog/admin/admin_service.hpp"

#include <boost/json.hpp>
#include <map>
#include <set>

#include "catalog/admin/admin_queries.hpp"
#include "catalog/admin/admin_support.hpp"
#include "catalog/errors.hpp"
#include "inventory/stock.hpp"
#include "platform/search_log/search_log.hpp"

namespace moderno::catalog {
namespace json = boost::json;
namespace sqla = admin_sql;
namespace {

constexpr std::string_view kDefaultCurrency = "CLP";
constexpr std::string_view kInitialStockReason = "initial stock";

// The columns of a product that staff may change.
struct ProductRow {
  std::string name;
  std::string slug;
  std::string sku;
  std::optional<std::string> short_description;
  std::optional<std::string> description;
  std::int64_t price = 0;
  std::optional<std::int64_t> compare_price;
  std::optional<std::int64_t> cost_price;
  std::string currency;
  std::int64_t category_id = 0;
  std::optional<std::int64_t> brand_id;
  std::optional<std::int64_t> weight_grams;
  std::optional<std::string> dimensions_json;
  bool is_active = true;
  bool is_featured = false;
  std::optional<std::string> meta_title;
  std::optional<std::string> meta_description;
};

// The order of admin_sql::kProductForUpdate.
ProductRow ReadProductRow(const db::Row& r) {
  return {r.Str(0),     r.Str(1),    r.Str(2),   r.OptStr(3),  r.OptStr(4),  r.Int(5),
          r.OptInt(6),  r.OptInt(7), r.Str(8),   r.Int(9),     r.OptInt(10), r.OptInt(11),
          r.OptStr(12), r.Bool(13),  r.Bool(14), r.OptStr(15), r.OptStr(16)};
}

// Takes a present input (a value, or for nullable fields possibly null) over the stored value.
template <class T>
void Take(T& target, const std::optional<T>& input) {
  if (input) target = *input;
}

void Merge(ProductRow& p, const ProductInput& in) {
  Take(p.name, in.name);
  Take(p.slug, in.slug);
  Take(p.sku, in.sku);
  Take(p.short_description, in.short_description);
  Take(p.description, in.description);
  Take(p.price, in.price);
  Take(p.compare_price, in.compare_price);
  Take(p.cost_price, in.cost_price);
  Take(p.currency, in.currency);
  Take(p.category_id, in.category_id);
  Take(p.brand_id, in.brand_id);
  Take(p.weight_grams, in.weight_grams);
  Take(p.dimensions_json, in.dimensions_json);
  Take(p.is_active, in.is_active);
  Take(p.is_featured, in.is_featured);
  Take(p.meta_title, in.meta_title);
  Take(p.meta_description, in.meta_description);
}

// The parameters of kInsertProduct, and of kUpdateProduct before the id.
std::vector<db::Value> ProductParams(const ProductRow& p, const std::string& search_text) {
  return {p.name,
          p.slug,
          p.sku,
          db::Opt(p.short_description),
          db::Opt(p.description),
          search_text,
          p.price,
          db::Opt(p.compare_price),
          db::Opt(p.cost_price),
          p.currency,
          p.category_id,
          db::Opt(p.brand_id),
          db::Opt(p.weight_grams),
          db::Opt(p.dimensions_json),
          std::int64_t{p.is_active},
          std::int64_t{p.is_featured},
          db::Opt(p.meta_title),
          db::Opt(p.meta_description)};
}

// A stored variant, as kVariantsForUpdate reads it.
struct VariantRow {
  std::int64_t id = 0;
  std::string name;
  std::string sku;
  std::optional<std::int64_t> price;
  std::optional<std::int64_t> compare_price;
  std::string options_json;
  std::optional<std::string> barcode;
  bool is_active = true;
};

std::vector<VariantRow> LoadVariants(db::UnitOfWork& uow, std::int64_t product_id) {
  std::vector<VariantRow> out;
  for (const db::Row& r : uow.Query(sqla::kVariantsForUpdate, {product_id})) {
    out.push_back({r.Int(0), r.Str(1), r.Str(2), r.OptInt(3), r.OptInt(4),
                   r.IsNull(5) ? "{}" : r.Str(5), r.OptStr(6), r.Bool(7)});
  }
  return out;
}

// The variant a list entry becomes: the stored one (if any) with the entry's fields over it.
// A listed variant is active unless it says otherwise.
VariantRow MergeVariant(const VariantRow* stored, const VariantInput& in) {
  VariantRow v = stored ? *stored : VariantRow{};
  if (!stored) v.options_json = "{}";
  Take(v.name, in.name);
  Take(v.sku, in.sku);
  Take(v.price, in.price);
  Take(v.compare_price, in.compare_price);
  Take(v.options_json, in.options_json);
  Take(v.barcode, in.barcode);
  v.is_active = in.is_active.value_or(true);
  return v;
}

bool Taken(db::UnitOfWork& uow, std::string_view sql, const std::string& value,
           std::int64_t except_id) {
  return uow.QueryOne(sql, {value, except_id}).has_value();
}

// What validation learned that the write needs.
struct Checked {
  std::string brand_name;
  std::optional<std::int64_t> warehouse_id;  // for initial stock
  std::vector<VariantRow> variants;          // the list after the write, in order
};

// The checks that need the database (the body's shape was checked by ParseProductInput).
// `stored` is null on create; `stored_variants` are the product's variants before the write.
Checked CheckProduct(db::UnitOfWork& uow, std::int64_t id, const ProductRow& p,
                     const ProductInput& in, const ProductRow* stored,
                     const std::vector<VariantRow>& stored_variants,
                     std::vector<FieldError>& errors) {
  Checked out;
  const bool create = stored == nullptr;
  if (create || p.sku != stored->sku) {
    if (Taken(uow, sqla::kProductSkuTaken, p.sku, id) ||
        Taken(uow, sqla::kVariantSkuTaken, p.sku, 0)) {
      errors.push_back({"sku", "taken", "sku " + p.sku + " is already in use"});
    }
  }
  if (in.slug && (create || p.slug != stored->slug) &&
      Taken(uow, sqla::kProductSlugTaken, p.slug, id)) {
    errors.push_back({"slug", "taken", "slug " + p.slug + " is already in use"});
  }
  if (create || (in.category_id && p.category_id != stored->category_id)) {
    auto c = uow.QueryOne(sqla::kCategoryIsActive, {p.category_id});
    if (!c)
      errors.push_back({"category_id", "unknown", "no category with this id"});
    else if (!c->Bool(0))
      errors.push_back({"category_id", "inactive", "the category is inactive"});
  }
  if (p.brand_id) {
    auto b = uow.QueryOne(sqla::kBrandNameAndState, {*p.brand_id});
    const bool brand_changed = create || (in.brand_id && p.brand_id != stored->brand_id);
    if (!b || (brand_changed && !b->Bool(1))) {
      errors.push_back({"brand_id", "unknown", "no active brand with this id"});
    } else {
      out.brand_name = b->Str(0);
    }
  }
  if ((create || in.price || in.compare_price) && p.compare_price && *p.compare_price <= p.price) {
    errors.push_back({"compare_price", "not_above_price", "compare_price must be above price"});
  }

  bool wants_stock = in.stock.has_value();
  if (in.variants) {
    std::map<std::int64_t, const VariantRow*> by_id;
    for (const VariantRow& v : stored_variants) by_id[v.id] = &v;
    std::set<std::string> skus;
    for (std::size_t i = 0; i < in.variants->size(); ++i) {
      const VariantInput& vin = (*in.variants)[i];
      const std::string prefix = "variants[" + std::to_string(i) + "].";
      const VariantRow* before = nullptr;
      if (vin.id) {
        auto it = by_id.find(*vin.id);
        if (it == by_id.end()) {
          errors.push_back({prefix + "id", "unknown", "no variant with this id in this product"});
          continue;
        }
        before = it->second;
      }
      VariantRow v = MergeVariant(before, vin);
      wants_stock = wants_stock || vin.stock.has_value();
      if (!skus.insert(v.sku).second) {
        errors.push_back({prefix + "sku", "duplicate", "two variants have sku " + v.sku});
      } else if (v.sku == p.sku) {
        errors.push_back({prefix + "sku", "taken", "the product has sku " + v.sku});
      } else if ((!before || before->sku != v.sku) &&
                 (Taken(uow, sqla::kVariantSkuTaken, v.sku, v.id) ||
                  Taken(uow, sqla::kProductSkuTaken, v.sku, id))) {
        errors.push_back({prefix + "sku", "taken", "sku " + v.sku + " is already in use"});
      }
      const std::int64_t price = v.price.value_or(p.price);
      if (v.compare_price && *v.compare_price <= price) {
        errors.push_back({prefix + "compare_price", "not_above_price",
                          "compare_price must be above the variant's price"});
      }
      out.variants.push_back(std::move(v));
    }
  }
  if (wants_stock) {
    if (auto w = uow.QueryOne(sqla::kPreferredWarehouse)) {
      out.warehouse_id = w->Int(0);
    } else {
      errors.push_back({"stock", "no_warehouse", "there is no active warehouse to put stock in"});
    }
  }
  return out;
}

void ReplaceImages(db::UnitOfWork& uow, std::int64_t product_id,
                   const std::vector<ImageInput>& images) {
  uow.Exec(sqla::kDeleteImages, {product_id});
  for (std::size_t i = 0; i < images.size(); ++i) {
    uow.Exec(sqla::kInsertImage,
             {product_id, images[i].url, db::Opt(images[i].alt), static_cast<std::int64_t>(i + 1)});
  }
}

// Places initial stock; writes the ledger row when it is not zero.
void PlaceStock(db::UnitOfWork& uow, std::int64_t product_id,
                std::optional<std::int64_t> variant_id, std::int64_t warehouse_id,
                std::int64_t quantity, const audit::AuditEntry& who) {
  inventory::PlaceStock(uow, product_id, variant_id, warehouse_id, quantity, std::string(kInitialStockReason),
                        who.actor_user_id);
}

json::value ToValue(const std::string& s) { return json::value(s); }
json::value ToValue(std::int64_t n) { return json::value(n); }
json::value ToValue(bool b) { return json::value(b); }
template <class T>
json::value ToValue(const std::optional<T>& v) {
  return v ? ToValue(*v) : json::value(nullptr);
}

// Records a changed field as {"from", "to"}; long texts only as changed.
template <class T>
void Diff(json::object& changes, const char* name, const T& before, const T& after,
          bool long_text = false) {
  if (before == after) return;
  if (long_text)
    changes[name] = {{"changed", true}};
  else
    changes[name] = {{"from", ToValue(before)}, {"to", ToValue(after)}};
}

json::object Changes(const ProductRow& a, const ProductRow& b) {
  json::object c;
  Diff(c, "name", a.name, b.name);
  Diff(c, "slug", a.slug, b.slug);
  Diff(c, "sku", a.sku, b.sku);
  Diff(c, "short_description", a.short_description, b.short_description, true);
  Diff(c, "description", a.description, b.description, true);
  Diff(c, "price", a.price, b.price);
  Diff(c, "compare_price", a.compare_price, b.compare_price);
  Diff(c, "cost_price", a.cost_price, b.cost_price);
  Diff(c, "currency", a.currency, b.currency);
  Diff(c, "category_id", a.category_id, b.category_id);
  Diff(c, "brand_id", a.brand_id, b.brand_id);
  Diff(c, "weight_grams", a.weight_grams, b.weight_grams);
  Diff(c, "dimensions", a.dimensions_json, b.dimensions_json);
  Diff(c, "is_active", a.is_active, b.is_active);
  Diff(c, "is_featured", a.is_featured, b.is_featured);
  Diff(c, "meta_title", a.meta_title, b.meta_title, true);
  Diff(c, "meta_description", a.meta_description, b.meta_description, true);
  return c;
}

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

}  // namespace

Result<StaffProduct> AdminService::CreateProduct(const ProductInput& in, audit::AuditEntry who) {
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<StaffProduct> {
    ProductRow p;
    p.currency = std::string(kDefaultCurrency);
    Merge(p, in);
    std::vector<FieldError> errors;
    Checked checked = CheckProduct(uow, 0, p, in, nullptr, {}, errors);
    if (!errors.empty()) return Invalid(std::move(errors));
    if (!in.slug) p.slug = FreeSlug(uow, sqla::kProductSlugsLike, SlugBase(p.name, "producto"));

    const std::string search =
        SearchText(p.name, p.sku, checked.brand_name, p.short_description.value_or(""),
                   p.description.value_or(""));
    const std::int64_t id = uow.Exec(sqla::kInsertProduct, ProductParams(p, search)).last_insert_id;
    if (in.images) ReplaceImages(uow, id, *in.images);
    for (std::size_t i = 0; i < checked.variants.size(); ++i) {
      const VariantRow& v = checked.variants[i];
      const std::int64_t variant_id =
          uow.Exec(sqla::kInsertVariant,
                   {id, v.name, v.sku, db::Opt(v.price), db::Opt(v.compare_price), v.options_json,
                    db::Opt(v.barcode), std::int64_t{v.is_active}, static_cast<std::int64_t>(i)})
              .last_insert_id;
      if (auto stock = (*in.variants)[i].stock) {
        PlaceStock(uow, id, variant_id, *checked.warehouse_id, *stock, who);
      }
    }
    if (in.stock) PlaceStock(uow, id, std::nullopt, *checked.warehouse_id, *in.stock, who);

    search_log::Record(uow, search_log::kProduct, id);
    Audit(uow, who, "product.create", "product", id,
          json::serialize(json::object{
              {"sku", p.sku}, {"name", p.name}, {"slug", p.slug}, {"price", p.price}}));
    InvalidateAfterCommit(uow, catalog_);
    auto loaded = LoadStaffProduct(uow, id);
    if (!loaded) return Fail(Errc::kInternal, "", "created product not found");
    return std::move(*loaded);
  });
  if (!r) return std::unexpected(TakenFromBackstop(std::move(r.error()), "sku"));
  return r;
}

Result<StaffProduct> AdminService::UpdateProduct(std::int64_t id, const ProductInput& in,
                                                 audit::AuditEntry who) {
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<StaffProduct> {
    if (uow.Exec(sqla::kLockProduct, {id}).affected == 0)
      return ProductNotFound(std::to_string(id));
    const ProductRow stored = ReadProductRow(*uow.QueryOne(sqla::kProductForUpdate, {id}));
    ProductRow p = stored;
    Merge(p, in);
    std::vector<VariantRow> stored_variants;
    if (in.variants) stored_variants = LoadVariants(uow, id);
    std::vector<FieldError> errors;
    Checked checked = CheckProduct(uow, id, p, in, &stored, stored_variants, errors);
    if (!errors.empty()) return Invalid(std::move(errors));

    const std::string search =
        SearchText(p.name, p.sku, checked.brand_name, p.short_description.value_or(""),
                   p.description.value_or(""));
    std::vector<db::Value> params = ProductParams(p, search);
    params.emplace_back(id);
    uow.Exec(sqla::kUpdateProduct, params);

    json::object changes = Changes(stored, p);
    if (in.images) {
      ReplaceImages(uow, id, *in.images);
      changes["images"] = {{"count", in.images->size()}};
    }
    if (in.variants) {
      std::vector<std::string> created, updated, deactivated;
      std::set<std::int64_t> listed;
      for (std::size_t i = 0; i < checked.variants.size(); ++i) {
        const VariantRow& v = checked.variants[i];
        const auto position = static_cast<std::int64_t>(i);
        if (v.id) {
          listed.insert(v.id);
          uow.Exec(sqla::kUpdateVariant,
                   {v.name, v.sku, db::Opt(v.price), db::Opt(v.compare_price), v.options_json,
                    db::Opt(v.barcode), std::int64_t{v.is_active}, position, v.id});
          updated.push_back(v.sku);
        } else {
          uow.Exec(sqla::kInsertVariant,
                   {id, v.name, v.sku, db::Opt(v.price), db::Opt(v.compare_price), v.options_json,
                    db::Opt(v.barcode), std::int64_t{v.is_active}, position});
          created.push_back(v.sku);
        }
      }
      for (const VariantRow& v : stored_variants) {
        if (v.is_active && !listed.contains(v.id)) {
          uow.Exec(sqla::kDeactivateVariant, {v.id});
          deactivated.push_back(v.sku);
        }
      }
      changes["variants"] = {{"created", Strings(created)},
                             {"updated", Strings(updated)},
                             {"deactivated", Strings(deactivated)}};
    }
    search_log::Record(uow, search_log::kProduct, id);
    Audit(uow, who, "product.update", "product", id,
          json::serialize(json::object{{"sku", p.sku}, {"changes", std::move(changes)}}));
    InvalidateAfterCommit(uow, catalog_);
    auto loaded = LoadStaffProduct(uow, id);
    if (!loaded) return Fail(Errc::kInternal, "", "updated product not found");
    return std::move(*loaded);
  });
  if (!r) return std::unexpected(TakenFromBackstop(std::move(r.error()), "sku"));
  return r;
}

Result<void> AdminService::DeleteProduct(std::int64_t id, audit::AuditEntry who) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    if (uow.Exec(sqla::kLockProduct, {id}).affected == 0)
      return ProductNotFound(std::to_string(id));
    const ProductRow stored = ReadProductRow(*uow.QueryOne(sqla::kProductForUpdate, {id}));
    uow.Exec(sqla::kSoftDeleteProduct, {id});
    search_log::Record(uow, search_log::kProduct, id);
    Audit(uow, who, "product.delete", "product", id,
          json::serialize(json::object{{"sku", stored.sku}, {"name", stored.name}}));
    InvalidateAfterCommit(uow, catalog_);
    return {};
  });
}

}  // namespace moderno::catalog
