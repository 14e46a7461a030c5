#include "catalog/admin/admin_json.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "catalog/admin/admin_support.hpp"
#include "catalog/json.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/params.hpp"
#include "platform/http/pagination.hpp"

namespace moderno::catalog {
namespace json = boost::json;
namespace {

constexpr std::int64_t kMaxMoney = 1'000'000'000'000;  // minor units
constexpr std::int64_t kMaxId = INT64_MAX;
constexpr std::int64_t kMaxQuantity = 1'000'000'000;
constexpr std::int64_t kMaxGrams = 100'000'000;
constexpr std::int64_t kMaxCentimetres = 10'000;
constexpr std::int64_t kMaxSortOrder = 1'000'000;
constexpr std::size_t kMaxImages = 20;
constexpr std::size_t kMaxVariants = 100;
constexpr std::size_t kMaxOptions = 10;
constexpr std::size_t kMaxLongText = 20000;
constexpr std::size_t kMaxDescription = 5000;

// Reads the fields of one JSON object, collecting every problem (see http::Fields).
class Reader {
 public:
  Reader(const json::object& o, bool create) : o_(o), fields_(o), create_(create) {}

  // A string of a NOT NULL column. On create: required when `required`, else null or absent
  // means the default. On update: absent leaves it; null or empty is an error.
  std::optional<std::string> Text(const char* name, std::size_t max, bool required) {
    auto it = o_.find(name);
    const bool absent = it == o_.end();
    if (absent && !(create_ && required)) return std::nullopt;
    if (!absent && it->value().is_null() && create_ && !required) return std::nullopt;
    return fields_.String(name, max, true);
  }
  // A string of a nullable column: null or "" clears it.
  Nullable<std::string> NullableText(const char* name, std::size_t max) {
    auto it = o_.find(name);
    if (it == o_.end()) return std::nullopt;
    if (it->value().is_null()) return Nullable<std::string>(std::in_place);
    auto s = fields_.String(name, max, false);
    if (!s) return std::nullopt;  // the error is recorded
    if (s->empty()) return Nullable<std::string>(std::in_place);
    return Nullable<std::string>(std::in_place, std::move(*s));
  }
  // An integer of a NOT NULL column, with the rules of Text.
  std::optional<std::int64_t> Int(const char* name, std::int64_t min, std::int64_t max,
                                  bool required) {
    auto it = o_.find(name);
    const bool absent = it == o_.end();
    if (absent && !(create_ && required)) return std::nullopt;
    if (!absent && it->value().is_null() && create_ && !required) return std::nullopt;
    return fields_.Int(name, min, max, true);
  }
  Nullable<std::int64_t> NullableInt(const char* name, std::int64_t min, std::int64_t max) {
    auto it = o_.find(name);
    if (it == o_.end()) return std::nullopt;
    if (it->value().is_null()) return Nullable<std::int64_t>(std::in_place);
    auto n = fields_.Int(name, min, max, true);
    if (!n) return std::nullopt;
    return Nullable<std::int64_t>(std::in_place, *n);
  }
  std::optional<bool> Bool(const char* name) {
    auto it = o_.find(name);
    if (it == o_.end()) return std::nullopt;
    if (it->value().is_null()) {
      if (!create_) Add(name, "required", std::string(name) + " must be true or false");
      return std::nullopt;
    }
    return fields_.Bool(name, false);
  }
  // Every member not in `known` is an error, so that a misspelt field is not ignored.
  void OnlyKnown(std::initializer_list<std::string_view> known) {
    for (const auto& member : o_) {
      const std::string_view key = member.key();
      if (std::ranges::find(known, key) == known.end()) {
        Add(std::string(key), "unknown", "unknown field " + std::string(key));
      }
    }
  }
  void Add(std::string field, std::string code, std::string message) {
    fields_.Add(std::move(field), std::move(code), std::move(message));
  }
  // Takes the errors of a reader of a nested object, under `prefix` ("images[0].").
  void Adopt(const std::string& prefix, Reader& nested) {
    for (FieldError& e : nested.fields_.errors()) Add(prefix + e.field, e.code, e.message);
  }
  bool ok() const { return fields_.ok(); }
  std::vector<FieldError>& errors() { return fields_.errors(); }
  const json::value* Find(const char* name) const {
    auto it = o_.find(name);
    return it == o_.end() ? nullptr : &it->value();
  }

 private:
  const json::object& o_;
  http::Fields fields_;
  bool create_;
};

bool IsUrl(std::string_view s) {
  return s.starts_with("https://") || s.starts_with("http://") ||
         (s.starts_with('/') && !s.starts_with("//"));
}

bool IsCurrency(std::string_view s) {
  return s.size() == 3 && std::ranges::all_of(s, [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool IsWarehouseCode(std::string_view s) {
  return !s.empty() && std::ranges::all_of(s, [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

// {"length_cm":..,"width_cm":..,"height_cm":..} in whole centimetres, written back in that
// order; null clears it.
Nullable<std::string> Dimensions(Reader& r) {
  const json::value* v = r.Find("dimensions");
  if (!v) return std::nullopt;
  if (v->is_null()) return Nullable<std::string>(std::in_place);
  if (!v->is_object()) {
    r.Add("dimensions", "type", "dimensions must be an object with length_cm, width_cm, height_cm");
    return std::nullopt;
  }
  Reader d(v->as_object(), true);
  d.OnlyKnown({"length_cm", "width_cm", "height_cm"});
  auto length = d.Int("length_cm", 1, kMaxCentimetres, true);
  auto width = d.Int("width_cm", 1, kMaxCentimetres, true);
  auto height = d.Int("height_cm", 1, kMaxCentimetres, true);
  r.Adopt("dimensions.", d);
  if (!length || !width || !height) return std::nullopt;
  return Nullable<std::string>(
      std::in_place, json::serialize(json::object{
                         {"length_cm", *length}, {"width_cm", *width}, {"height_cm", *height}}));
}

// A JSON object of option name to string value, e.g. {"talla":"42"}.
std::optional<std::string> Options(Reader& r) {
  const json::value* v = r.Find("options");
  if (!v) return std::nullopt;
  if (v->is_null()) return std::string("{}");
  if (!v->is_object() || v->as_object().size() > kMaxOptions) {
    r.Add("options", "type", "options must be an object of at most 10 names to text values");
    return std::nullopt;
  }
  for (const auto& member : v->as_object()) {
    if (!member.value().is_string() || member.key().empty() || member.key().size() > 50 ||
        member.value().as_string().size() > 100) {
      r.Add("options", "type", "options must be an object of at most 10 names to text values");
      return std::nullopt;
    }
  }
  return json::serialize(*v);
}

std::optional<std::vector<ImageInput>> Images(Reader& r) {
  const json::value* v = r.Find("images");
  if (!v) return std::nullopt;
  if (v->is_null()) return std::vector<ImageInput>{};
  if (!v->is_array()) {
    r.Add("images", "type", "images must be an array of {url, alt}");
    return std::nullopt;
  }
  const json::array& items = v->as_array();
  if (items.size() > kMaxImages) {
    r.Add("images", "too_many", "a product has at most 20 images");
    return std::nullopt;
  }
  std::vector<ImageInput> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string prefix = "images[" + std::to_string(i) + "]";
    if (!items[i].is_object()) {
      r.Add(prefix, "type", prefix + " must be an object {url, alt}");
      continue;
    }
    Reader image(items[i].as_object(), true);
    image.OnlyKnown({"url", "alt"});
    auto url = image.Text("url", 500, true);
    auto alt = image.NullableText("alt", 255);
    if (url && !IsUrl(*url)) {
      image.Add("url", "invalid", "url must start with https://, http:// or /");
    }
    r.Adopt(prefix + ".", image);
    if (url) out.push_back({*url, alt.value_or(std::nullopt)});
  }
  return out;
}

std::optional<std::vector<VariantInput>> Variants(Reader& r, bool product_create) {
  const json::value* v = r.Find("variants");
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    r.Add("variants", "type", "variants must be an array");
    return std::nullopt;
  }
  const json::array& items = v->as_array();
  if (items.size() > kMaxVariants) {
    r.Add("variants", "too_many", "a product has at most 100 variants");
    return std::nullopt;
  }
  std::vector<VariantInput> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string prefix = "variants[" + std::to_string(i) + "]";
    if (!items[i].is_object()) {
      r.Add(prefix, "type", prefix + " must be an object");
      continue;
    }
    const json::object& o = items[i].as_object();
    const bool is_new = !o.contains("id") || o.at("id").is_null();
    Reader variant(o, is_new);
    variant.OnlyKnown({"id", "name", "sku", "price", "compare_price", "options", "barcode",
                       "is_active", "stock"});
    VariantInput in;
    if (!is_new) {
      if (product_create)
        variant.Add("id", "not_allowed", "a new product has no variants yet");
      else
        in.id = variant.Int("id", 1, kMaxId, true);
    }
    in.name = variant.Text("name", 255, true);
    in.sku = variant.Text("sku", 100, true);
    if (in.sku && !IsSku(*in.sku)) {
      variant.Add("sku", "invalid", "sku may hold letters, digits, '.', '_' and '-'");
    }
    in.price = variant.NullableInt("price", 1, kMaxMoney);
    in.compare_price = variant.NullableInt("compare_price", 1, kMaxMoney);
    in.options_json = Options(variant);
    in.barcode = variant.NullableText("barcode", 100);
    in.is_active = variant.Bool("is_active");
    if (o.contains("stock")) {
      if (product_create) {
        in.stock = variant.Int("stock", 0, kMaxQuantity, false);
      } else {
        variant.Add("stock", "not_allowed",
                    "stock changes through PUT /api/v1/inventory/{sku}/{warehouse}");
      }
    }
    r.Adopt(prefix + ".", variant);
    out.push_back(std::move(in));
  }
  return out;
}

json::value OrNull(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}
json::value OrNull(const std::optional<std::int64_t>& n) {
  return n ? json::value(*n) : json::value(nullptr);
}
json::value OrNull(const std::optional<NameRef>& r) {
  return r ? json::value{{"id", r->id}, {"name", r->name}} : json::value(nullptr);
}

constexpr std::size_t kMaxListText = 200;

struct SortName {
  std::string_view name;
  StaffSortKey key;
};
constexpr SortName kSortNames[] = {{"name", StaffSortKey::kName},
                                   {"price", StaffSortKey::kPrice},
                                   {"stock", StaffSortKey::kStock},
                                   {"updated_at", StaffSortKey::kUpdatedAt},
                                   {"created_at", StaffSortKey::kCreatedAt}};

struct StatusName {
  std::string_view name;
  ProductStatus status;
};
constexpr StatusName kStatusNames[] = {{"active", ProductStatus::kActive},
                                       {"inactive", ProductStatus::kInactive},
                                       {"deleted", ProductStatus::kDeleted},
                                       {"all", ProductStatus::kAll}};

}  // namespace

Result<StaffProductQuery> ParseStaffProductQuery(
    const std::vector<std::pair<std::string, std::string>>& params) {
  auto get = [&](std::string_view name) -> std::optional<std::string_view> {
    for (const auto& [k, v] : params) {
      if (k == name) return std::string_view(v);
    }
    return std::nullopt;
  };
  StaffProductQuery q;
  std::vector<FieldError> errors;
  const http::PageRequest page = http::ReadPage(params, errors);
  q.page = page.page;
  q.limit = page.limit;
  if (auto v = get("q")) {
    std::string_view text = *v;
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.size() > kMaxListText) {
      errors.push_back({"q", "too_long", "q must be at most 200 characters"});
    } else {
      q.text = std::string(text);
    }
  }
  if (auto v = get("status"); v && !v->empty()) {
    auto it = std::ranges::find(kStatusNames, *v, &StatusName::name);
    if (it == std::end(kStatusNames)) {
      errors.push_back({"status", "invalid", "status must be active, inactive, deleted or all"});
    } else {
      q.status = it->status;
    }
  }
  for (const char* name : {"category_id", "brand_id"}) {
    auto v = get(name);
    if (!v || v->empty()) continue;
    auto id = http::ParseId(*v);
    if (!id) {
      errors.push_back({name, "invalid", std::string(name) + " must be a positive integer"});
    } else {
      (std::string_view(name) == "category_id" ? q.category_id : q.brand_id) = *id;
    }
  }
  if (auto v = get("sort"); v && !v->empty()) {
    std::string_view key = *v;
    const bool descending = key.starts_with('-');
    if (descending) key.remove_prefix(1);
    auto it = std::ranges::find(kSortNames, key, &SortName::name);
    if (it == std::end(kSortNames)) {
      errors.push_back({"sort", "invalid",
                        "sort must be name, price, stock, updated_at or created_at, with '-' "
                        "before it for descending order"});
    } else {
      q.sort = it->key;
      q.descending = descending;
    }
  }
  if (!errors.empty()) return Invalid(std::move(errors), "Invalid product list parameters.");
  return q;
}

Result<ProductInput> ParseProductInput(const json::object& body, bool create) {
  Reader r(body, create);
  r.OnlyKnown({"name",
               "slug",
               "sku",
               "short_description",
               "description",
               "price",
               "compare_price",
               "cost_price",
               "currency",
               "category_id",
               "brand_id",
               "weight_grams",
               "dimensions",
               "is_active",
               "is_featured",
               "meta_title",
               "meta_description",
               "images",
               "variants",
               "stock"});
  ProductInput in;
  in.name = r.Text("name", 255, true);
  in.slug = r.Text("slug", 255, false);
  if (in.slug && !IsSlug(*in.slug)) {
    r.Add("slug", "invalid", "slug may hold lower-case letters, digits and single hyphens");
  }
  in.sku = r.Text("sku", 100, true);
  if (in.sku && !IsSku(*in.sku)) {
    r.Add("sku", "invalid", "sku may hold letters, digits, '.', '_' and '-'");
  }
  in.currency = r.Text("currency", 3, false);
  if (in.currency && !IsCurrency(*in.currency)) {
    r.Add("currency", "invalid", "currency must be an ISO 4217 code such as CLP");
  }
  in.short_description = r.NullableText("short_description", 500);
  in.description = r.NullableText("description", kMaxLongText);
  in.meta_title = r.NullableText("meta_title", 255);
  in.meta_description = r.NullableText("meta_description", 500);
  in.price = r.Int("price", 1, kMaxMoney, true);
  in.compare_price = r.NullableInt("compare_price", 1, kMaxMoney);
  in.cost_price = r.NullableInt("cost_price", 0, kMaxMoney);
  in.category_id = r.Int("category_id", 1, kMaxId, true);
  in.brand_id = r.NullableInt("brand_id", 1, kMaxId);
  in.weight_grams = r.NullableInt("weight_grams", 0, kMaxGrams);
  in.dimensions_json = Dimensions(r);
  in.is_active = r.Bool("is_active");
  in.is_featured = r.Bool("is_featured");
  in.images = Images(r);
  in.variants = Variants(r, create);
  if (body.contains("stock")) {
    if (!create) {
      r.Add("stock", "not_allowed",
            "stock changes through PUT /api/v1/inventory/{sku}/{warehouse}");
    } else if (in.variants && !in.variants->empty()) {
      r.Add("stock", "not_allowed",
            "a product with variants takes stock per variant (variants[i].stock)");
    } else {
      in.stock = r.Int("stock", 0, kMaxQuantity, false);
    }
  }
  if (!r.ok()) return Invalid(std::move(r.errors()));
  return in;
}

Result<CategoryInput> ParseCategoryInput(const json::object& body, bool create) {
  Reader r(body, create);
  r.OnlyKnown({"name", "slug", "description", "parent_id", "image_url", "sort_order", "is_active"});
  CategoryInput in;
  in.name = r.Text("name", 255, true);
  in.slug = r.Text("slug", 255, false);
  if (in.slug && !IsSlug(*in.slug)) {
    r.Add("slug", "invalid", "slug may hold lower-case letters, digits and single hyphens");
  }
  in.description = r.NullableText("description", kMaxDescription);
  in.parent_id = r.NullableInt("parent_id", 1, kMaxId);
  in.image_url = r.NullableText("image_url", 500);
  if (in.image_url && *in.image_url && !IsUrl(**in.image_url)) {
    r.Add("image_url", "invalid", "image_url must start with https://, http:// or /");
  }
  in.sort_order = r.Int("sort_order", -kMaxSortOrder, kMaxSortOrder, false);
  in.is_active = r.Bool("is_active");
  if (!r.ok()) return Invalid(std::move(r.errors()));
  return in;
}

Result<BrandInput> ParseBrandInput(const json::object& body, bool create) {
  Reader r(body, create);
  r.OnlyKnown({"name", "slug", "description", "logo_url", "is_active"});
  BrandInput in;
  in.name = r.Text("name", 255, true);
  in.slug = r.Text("slug", 255, false);
  if (in.slug && !IsSlug(*in.slug)) {
    r.Add("slug", "invalid", "slug may hold lower-case letters, digits and single hyphens");
  }
  in.description = r.NullableText("description", kMaxDescription);
  in.logo_url = r.NullableText("logo_url", 500);
  if (in.logo_url && *in.logo_url && !IsUrl(**in.logo_url)) {
    r.Add("logo_url", "invalid", "logo_url must start with https://, http:// or /");
  }
  in.is_active = r.Bool("is_active");
  if (!r.ok()) return Invalid(std::move(r.errors()));
  return in;
}

Result<WarehouseInput> ParseWarehouseInput(const json::object& body, bool create) {
  Reader r(body, create);
  r.OnlyKnown({"code", "name", "city", "region", "priority", "is_active"});
  WarehouseInput in;
  in.code = r.Text("code", 50, true);
  if (in.code && !IsWarehouseCode(*in.code)) {
    r.Add("code", "invalid", "code may hold letters, digits, '-' and '_'");
  }
  in.name = r.Text("name", 255, true);
  in.city = r.Text("city", 100, true);
  in.region = r.Text("region", 100, true);
  in.priority = r.Int("priority", 0, kMaxSortOrder, false);
  in.is_active = r.Bool("is_active");
  if (!r.ok()) return Invalid(std::move(r.errors()));
  return in;
}

json::object ToJson(const StaffProduct& p) {
  json::object o = ToJson(p.detail);
  o["is_active"] = p.is_active;
  o["cost_price"] = OrNull(p.cost_price);
  o["deleted_at"] = OrNull(p.deleted_at);
  return o;
}

json::object ToJson(const StaffProductDetail& d) {
  json::object o = ToJson(d.product);
  json::array levels;
  for (const StockLevel& l : d.stock_levels) {
    levels.push_back({{"warehouse_id", l.warehouse_id},
                      {"warehouse_code", l.warehouse_code},
                      {"warehouse_name", l.warehouse_name},
                      {"variant_id", OrNull(l.variant_id)},
                      {"sku", l.sku},
                      {"quantity", l.quantity},
                      {"reserved", l.reserved},
                      {"available", l.quantity - l.reserved}});
  }
  o["stock_levels"] = std::move(levels);
  return o;
}

json::object ToJson(const StaffProductPage& page, const StaffProductQuery& q) {
  json::array items;
  for (const StaffProductRow& p : page.items) {
    items.push_back({{"id", p.id},
                     {"sku", p.sku},
                     {"name", p.name},
                     {"slug", p.slug},
                     {"price", p.price},
                     {"compare_price", OrNull(p.compare_price)},
                     {"currency", p.currency},
                     {"is_active", p.is_active},
                     {"is_featured", p.is_featured},
                     {"deleted_at", OrNull(p.deleted_at)},
                     {"category", OrNull(p.category)},
                     {"brand", OrNull(p.brand)},
                     {"stock", p.stock},
                     {"variants_count", p.variants_count},
                     {"image", OrNull(p.image)},
                     {"updated_at", p.updated_at},
                     {"created_at", p.created_at}});
  }
  return {{"items", std::move(items)},
          {"total", page.total},
          {"page", q.page},
          {"limit", q.limit},
          {"pages", (page.total + q.limit - 1) / q.limit}};
}

json::object ToJson(const CategoryRecord& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"slug", c.slug},
          {"description", OrNull(c.description)},
          {"parent_id", OrNull(c.parent_id)},
          {"image_url", OrNull(c.image_url)},
          {"sort_order", c.sort_order},
          {"is_active", c.is_active}};
}

json::object ToJson(const BrandRecord& b) {
  return {{"id", b.id},
          {"name", b.name},
          {"slug", b.slug},
          {"description", OrNull(b.description)},
          {"logo_url", OrNull(b.logo_url)},
          {"is_active", b.is_active}};
}

json::object ToJson(const Warehouse& w) {
  return {{"id", w.id},
          {"code", w.code},
          {"name", w.name},
          {"city", w.city},
          {"region", w.region},
          {"priority", w.priority},
          {"is_active", w.is_active},
          {"created_at", w.created_at}};
}

}  // namespace moderno::catalog
