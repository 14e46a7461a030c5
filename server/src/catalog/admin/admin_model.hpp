#pragma once
// What staff send to change the catalog, and what the admin routes answer beyond the public
// shapes. Every input field is optional: absent means "leave as is" (on create: "the default",
// unless the operation requires it).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/model.hpp"

namespace moderno::catalog {

// A nullable field of a write: absent (leave as is), null (clear) or a value.
template <class T>
using Nullable = std::optional<std::optional<T>>;

struct ImageInput {
  std::string url;
  std::optional<std::string> alt;
};

// A variant in a product write. On update, one with an id changes that variant (only the
// fields present); one without an id is created.
struct VariantInput {
  std::optional<std::int64_t> id;
  std::optional<std::string> name;
  std::optional<std::string> sku;
  Nullable<std::int64_t> price;  // null: the product's price
  Nullable<std::int64_t> compare_price;
  std::optional<std::string> options_json;  // a JSON object of option name to value
  Nullable<std::string> barcode;
  std::optional<bool> is_active;
  std::optional<std::int64_t> stock;  // create only: units in the preferred warehouse
};

struct ProductInput {
  std::optional<std::string> name;
  std::optional<std::string> slug;  // generated from the name when absent on create
  std::optional<std::string> sku;
  std::optional<std::string> currency;
  Nullable<std::string> short_description;
  Nullable<std::string> description;
  Nullable<std::string> meta_title;
  Nullable<std::string> meta_description;
  std::optional<std::int64_t> price;
  Nullable<std::int64_t> compare_price;
  Nullable<std::int64_t> cost_price;
  std::optional<std::int64_t> category_id;
  Nullable<std::int64_t> brand_id;
  Nullable<std::int64_t> weight_grams;
  Nullable<std::string> dimensions_json;  // {"length_cm":..,"width_cm":..,"height_cm":..}
  std::optional<bool> is_active;
  std::optional<bool> is_featured;
  std::optional<std::vector<ImageInput>> images;      // replaces the list
  // On update, the complete list in display order: listed variants are active unless they say
  // otherwise, and stored variants left out are deactivated (never deleted: orders refer to them).
  std::optional<std::vector<VariantInput>> variants;
  std::optional<std::int64_t> stock;                  // create only, products without variants
};

// A product as staff see it: the public detail plus what only staff may read.
struct StaffProduct {
  ProductDetail detail;
  bool is_active = true;
  std::optional<std::int64_t> cost_price;
  std::optional<std::string> deleted_at;  // ISO 8601; set once soft-deleted
};

// One inventory row of a product: the product itself (no variant) or one of its variants, in
// one warehouse.
struct StockLevel {
  std::int64_t warehouse_id = 0;
  std::string warehouse_code;
  std::string warehouse_name;
  std::optional<std::int64_t> variant_id;
  std::string sku;  // the variant's, or the product's when there is no variant
  std::int64_t quantity = 0;
  std::int64_t reserved = 0;
};

// What the edit form loads: the staff product (deleted ones too) and its stock per warehouse.
struct StaffProductDetail {
  StaffProduct product;
  std::vector<StockLevel> stock_levels;  // by variant position, then warehouse priority
};

// Which products the staff list shows, by lifecycle state.
enum class ProductStatus {
  kNotDeleted,  // active and inactive (the default)
  kActive,
  kInactive,
  kDeleted,
  kAll,
};

// The columns the staff list sorts by; ties are broken by id in the same direction.
enum class StaffSortKey { kName, kPrice, kStock, kUpdatedAt, kCreatedAt };

// A validated GET /admin/products query.
struct StaffProductQuery {
  std::string text;  // matched in name or SKU, case-insensitively; empty: no filter
  ProductStatus status = ProductStatus::kNotDeleted;
  std::optional<std::int64_t> category_id;  // products directly in it
  std::optional<std::int64_t> brand_id;
  StaffSortKey sort = StaffSortKey::kCreatedAt;
  bool descending = true;
  int page = 1;
  int limit = 20;
};

// A category or brand as a table cell shows it.
struct NameRef {
  std::int64_t id = 0;
  std::string name;
};

// A row of the staff product table.
struct StaffProductRow {
  std::int64_t id = 0;
  std::string sku;
  std::string name;
  std::string slug;
  std::int64_t price = 0;
  std::optional<std::int64_t> compare_price;
  std::string currency;
  bool is_active = true;
  bool is_featured = false;
  std::optional<std::string> deleted_at;  // ISO 8601
  std::optional<NameRef> category;
  std::optional<NameRef> brand;
  std::int64_t stock = 0;  // available (quantity - reserved) over warehouses and variants
  std::int64_t variants_count = 0;  // active variants
  std::optional<std::string> image;  // the first image's URL
  std::string updated_at;            // ISO 8601
  std::string created_at;
};

struct StaffProductPage {
  std::vector<StaffProductRow> items;
  std::int64_t total = 0;
};

struct CategoryInput {
  std::optional<std::string> name;
  std::optional<std::string> slug;
  Nullable<std::string> description;
  Nullable<std::int64_t> parent_id;
  Nullable<std::string> image_url;
  std::optional<std::int64_t> sort_order;
  std::optional<bool> is_active;
};

// A category row as staff see it (inactive ones included).
struct CategoryRecord {
  std::int64_t id = 0;
  std::string name;
  std::string slug;
  std::optional<std::string> description;
  std::optional<std::int64_t> parent_id;
  std::optional<std::string> image_url;
  std::int64_t sort_order = 0;
  bool is_active = true;
};

struct BrandInput {
  std::optional<std::string> name;
  std::optional<std::string> slug;
  Nullable<std::string> description;
  Nullable<std::string> logo_url;
  std::optional<bool> is_active;
};

struct BrandRecord {
  std::int64_t id = 0;
  std::string name;
  std::string slug;
  std::optional<std::string> description;
  std::optional<std::string> logo_url;
  bool is_active = true;
};

struct WarehouseInput {
  std::optional<std::string> code;
  std::optional<std::string> name;
  std::optional<std::string> city;
  std::optional<std::string> region;
  std::optional<std::int64_t> priority;
  std::optional<bool> is_active;
};

struct Warehouse {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::string city;
  std::string region;
  std::int64_t priority = 0;
  bool is_active = true;
  std::string created_at;  // ISO 8601
};

}  // namespace moderno::catalog
