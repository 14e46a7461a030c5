#include "catalog/sellables.hpp"

#include <set>

namespace moderno::catalog {

std::map<ItemKey, Sellable> LoadSellables(db::UnitOfWork& uow, const std::vector<ItemKey>& keys) {
  std::map<ItemKey, Sellable> out;
  if (keys.empty()) return out;
  std::set<std::int64_t> product_ids, variant_ids;
  for (const auto& [p, v] : keys) {
    product_ids.insert(p);
    if (v) variant_ids.insert(v);
  }
  std::vector<db::Value> params(product_ids.begin(), product_ids.end());

  // Products, with their first image and whether they sell by variant.
  std::map<std::int64_t, Sellable> products;
  const std::string in = "(" + db::Placeholders(product_ids.size()) + ")";
  for (const db::Row& r : uow.Query(
           "SELECT p.id, p.name, p.slug, p.sku, p.price, p.category_id, "
           "CASE WHEN p.is_active = 1 AND p.deleted_at IS NULL THEN 1 ELSE 0 END, "
           "(SELECT url FROM product_images im WHERE im.product_id = p.id ORDER BY im.position, im.id LIMIT 1), "
           "(SELECT COUNT(*) FROM product_variants pv WHERE pv.product_id = p.id AND pv.is_active = 1) "
           "FROM products p WHERE p.id IN " + in,
           params)) {
    Sellable s;
    s.product_id = r.Int(0);
    s.name = r.Str(1);
    s.slug = r.Str(2);
    s.sku = r.Str(3);
    s.unit_price = r.Int(4);
    s.category_id = r.Int(5);
    s.active = r.Bool(6);
    s.image_url = r.OptStr(7);
    s.has_variants = r.Int(8) > 0;
    products.emplace(s.product_id, std::move(s));
  }

  struct VariantRow {
    std::int64_t product_id;
    std::string name, sku;
    std::optional<std::int64_t> price;
    bool active;
  };
  std::map<std::int64_t, VariantRow> variants;
  if (!variant_ids.empty()) {
    std::vector<db::Value> vparams(variant_ids.begin(), variant_ids.end());
    for (const db::Row& r : uow.Query(
             "SELECT id, product_id, name, sku, price, is_active FROM product_variants WHERE id IN (" +
                 db::Placeholders(variant_ids.size()) + ")",
             vparams)) {
      variants.emplace(r.Int(0), VariantRow{r.Int(1), r.Str(2), r.Str(3), r.OptInt(4), r.Bool(5)});
    }
  }

  // Available stock per (product, variant key) over active warehouses.
  std::map<ItemKey, std::int64_t> stock;
  for (const db::Row& r : uow.Query(
           "SELECT i.product_id, i.variant_key, SUM(i.quantity - i.reserved_quantity) FROM inventory i "
           "JOIN warehouses w ON w.id = i.warehouse_id AND w.is_active = 1 "
           "WHERE i.product_id IN " + in + " GROUP BY i.product_id, i.variant_key",
           params)) {
    stock[{r.Int(0), r.Int(1)}] = r.Int(2);
  }

  for (const ItemKey& key : keys) {
    auto p = products.find(key.first);
    if (p == products.end()) continue;
    Sellable s = p->second;
    if (key.second) {
      auto v = variants.find(key.second);
      if (v == variants.end() || v->second.product_id != key.first) continue;
      s.variant_id = key.second;
      s.variant_name = v->second.name;
      s.sku = v->second.sku;
      if (v->second.price) s.unit_price = *v->second.price;
      s.active = s.active && v->second.active;
    }
    auto st = stock.find(key);
    s.available = st == stock.end() ? 0 : std::max<std::int64_t>(st->second, 0);
    out.emplace(key, std::move(s));
  }
  return out;
}

}  // namespace moderno::catalog
