#include "catalog/json.hpp"

#include <boost/json.hpp>

#include "catalog/images/srcset.hpp"
#include "platform/http/responses.hpp"

namespace moderno::catalog {
namespace json = boost::json;
namespace {

json::value Nullable(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}
json::value Nullable(const std::optional<std::int64_t>& n) {
  return n ? json::value(*n) : json::value(nullptr);
}
// Stored JSON text (dimensions, variant options) is embedded as JSON, not as a string.
json::value Embedded(const std::optional<std::string>& text) {
  if (!text || text->empty()) return nullptr;
  boost::system::error_code ec;
  json::value v = json::parse(*text, ec);
  return ec ? json::value(nullptr) : v;
}
json::value Ref(const CategoryRef& c) { return {{"id", c.id}, {"name", c.name}, {"slug", c.slug}}; }

}  // namespace

json::object ToJson(const ProductSummary& p) {
  json::array images;
  for (const auto& url : p.images) images.emplace_back(url);
  json::value rating = nullptr;
  // One decimal, computed in integers so the JSON never shows float noise.
  if (p.rating) rating = static_cast<double>(std::llround(*p.rating * 10)) / 10.0;
  return {
      {"id", p.id},
      {"name", p.name},
      {"slug", p.slug},
      {"sku", p.sku},
      {"short_description", Nullable(p.short_description)},
      {"price", p.price},
      {"compare_price", Nullable(p.compare_price)},
      {"currency", p.currency},
      {"category", Ref(p.category)},
      {"brand", p.brand ? json::value{{"id", p.brand->id}, {"name", p.brand->name}}
                        : json::value(nullptr)},
      {"images", std::move(images)},
      {"stock", p.stock},
      {"in_stock", p.stock > 0},
      {"rating", rating},
      {"reviews_count", p.reviews_count},
      {"is_featured", p.is_featured},
      {"created_at", p.created_at},
  };
}

json::object ToJson(const ProductDetail& d) {
  json::object o = ToJson(d.summary);
  o["description"] = Nullable(d.description);
  o["weight_grams"] = Nullable(d.weight_grams);
  o["dimensions"] = Embedded(d.dimensions_json);
  o["meta_title"] = Nullable(d.meta_title);
  o["meta_description"] = Nullable(d.meta_description);
  o["updated_at"] = d.updated_at;
  json::array images;
  for (const Image& i : d.images) images.push_back(images::ToJson(i));
  o["images"] = std::move(images);
  json::array variants;
  for (const Variant& v : d.variants) {
    variants.push_back({{"id", v.id},
                        {"name", v.name},
                        {"sku", v.sku},
                        {"price", v.price},
                        {"compare_price", Nullable(v.compare_price)},
                        {"options", Embedded(v.options_json)},
                        {"barcode", Nullable(v.barcode)},
                        {"stock", v.stock},
                        {"in_stock", v.stock > 0}});
  }
  o["variants"] = std::move(variants);
  json::array crumbs;
  for (const auto& c : d.breadcrumbs) crumbs.push_back(Ref(c));
  o["breadcrumbs"] = std::move(crumbs);
  return o;
}

json::object ToJson(const ProductPage& page, const ProductQuery& q) {
  json::array data;
  for (const auto& p : page.items) data.push_back(ToJson(p));
  return http::PageJson(std::move(data), q.page, q.limit, page.total);
}

json::object CategoryToJson(const CategoryTree& tree, const Category& c, bool with_children) {
  json::object o{{"id", c.id},
                 {"name", c.name},
                 {"slug", c.slug},
                 {"description", Nullable(c.description)},
                 {"parent_id", Nullable(c.parent_id)},
                 {"image_url", Nullable(c.image_url)},
                 {"sort_order", c.sort_order},
                 {"product_count", c.product_count}};
  if (with_children) {
    json::array children;
    for (auto id : c.children) children.push_back(CategoryToJson(tree, tree.by_id.at(id), true));
    o["children"] = std::move(children);
  }
  return o;
}

json::object ToJson(const Brand& b) {
  return {{"id", b.id},
          {"name", b.name},
          {"slug", b.slug},
          {"description", Nullable(b.description)},
          {"logo_url", Nullable(b.logo_url)},
          {"product_count", b.product_count}};
}

}  // namespace moderno::catalog
