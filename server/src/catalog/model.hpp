#pragma once
// The catalog as the shop sees it: categories, brands, products, variants, images.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace moderno::catalog {

struct CategoryRef {
  std::int64_t id = 0;
  std::string name;
  std::string slug;
};

struct Category {
  std::int64_t id = 0;
  std::string name;
  std::string slug;
  std::optional<std::string> description;
  std::optional<std::int64_t> parent_id;
  std::optional<std::string> image_url;
  int sort_order = 0;
  std::int64_t own_products = 0;    // active products directly in it
  std::int64_t product_count = 0;   // including every descendant
  std::vector<std::int64_t> children;  // ids, in sort order
};

// All active categories, indexed; built once and shared until the catalog changes.
struct CategoryTree {
  std::map<std::int64_t, Category> by_id;
  std::map<std::string, std::int64_t> by_slug;
  std::vector<std::int64_t> roots;  // in sort order

  // The category by numeric id or slug.
  const Category* Find(const std::string& id_or_slug) const;
  // The ids of a category and all its descendants.
  std::vector<std::int64_t> Subtree(std::int64_t id) const;
  // The path from the root to the category.
  std::vector<CategoryRef> Breadcrumbs(std::int64_t id) const;
};

struct Brand {
  std::int64_t id = 0;
  std::string name;
  std::string slug;
  std::optional<std::string> description;
  std::optional<std::string> logo_url;
  std::int64_t product_count = 0;
};

struct BrandRef {
  std::int64_t id = 0;
  std::string name;
};

// A product as listed: what a product card needs.
struct ProductSummary {
  std::int64_t id = 0;
  std::string name;
  std::string slug;
  std::string sku;
  std::optional<std::string> short_description;
  std::int64_t price = 0;  // minor units
  std::optional<std::int64_t> compare_price;
  std::string currency;
  CategoryRef category;
  std::optional<BrandRef> brand;
  std::vector<std::string> images;
  std::int64_t stock = 0;  // available: quantity - reserved over all warehouses
  std::optional<double> rating;
  std::int64_t reviews_count = 0;
  bool is_featured = false;
  std::string created_at;
};

struct Image {
  std::int64_t id = 0;
  std::string url;
  std::optional<std::string> alt;
  int position = 0;
  // Uploads (catalog/images): the original's size, "processing" until the responsive
  // variants exist, and the variants as stored JSON.
  std::optional<std::int64_t> width, height;
  std::string status = "ready";
  std::optional<std::string> variants_json;
};

struct Variant {
  std::int64_t id = 0;
  std::string name;
  std::string sku;
  std::int64_t price = 0;  // the override, or the product's price
  std::optional<std::int64_t> compare_price;
  std::string options_json;  // {"talla":"42","color":"Negro"}
  std::optional<std::string> barcode;
  std::int64_t stock = 0;
};

// A product page: everything about one product.
struct ProductDetail {
  ProductSummary summary;
  std::optional<std::string> description;
  std::optional<std::int64_t> weight_grams;
  std::optional<std::string> dimensions_json;
  std::optional<std::string> meta_title;
  std::optional<std::string> meta_description;
  std::string updated_at;
  std::vector<Image> images;
  std::vector<Variant> variants;
  std::vector<CategoryRef> breadcrumbs;
};

// Sort orders of the product list; relevance only means something with a search.
enum class Sort { kNewest, kPriceAsc, kPriceDesc, kName, kRating, kPopularity, kRelevance };

// A validated product list query.
struct ProductQuery {
  int page = 1;
  int limit = 20;
  std::vector<std::int64_t> category_ids;  // the chosen category and its descendants
  std::optional<std::int64_t> brand_id;
  std::optional<std::int64_t> price_min;
  std::optional<std::int64_t> price_max;
  std::optional<bool> in_stock;
  std::optional<bool> featured;
  Sort sort = Sort::kNewest;
  std::vector<std::string> search_words;  // folded
  std::string search;                     // as typed, for the search engine
};

// One page of product ids chosen by the search engine, in order, and how many match.
struct IdPage {
  std::vector<std::int64_t> ids;
  std::int64_t total = 0;
};

struct ProductPage {
  std::vector<ProductSummary> items;
  std::int64_t total = 0;
};

}  // namespace moderno::catalog
