// The demo seeder on real SQLite files with the schema of migrations 0001 (the catalog) and
// 0006 (the search change log the seeder writes to).
#include "catalog/seed.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "platform/db/db.hpp"

namespace moderno::catalog {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A fresh SQLite database in its own temp dir, with the schema applied; removed at the end.
class SeedDb {
 public:
  SeedDb() {
    std::string dir = (std::filesystem::temp_directory_path() / "moderno-seed-XXXXXX").string();
    if (!mkdtemp(dir.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = dir;
    db_ = std::make_unique<db::Database>("sqlite:" + (dir_ / "shop.db").string(), 1);
    const std::filesystem::path schemas = std::filesystem::path(MODERNO_SOURCE_DIR) / "server/schema/sqlite";
    const std::string schema =
        ReadFile(schemas / "0001_init.up.sql") + ReadFile(schemas / "0006_search.up.sql");
    if (schema.empty()) throw std::runtime_error("cannot read the SQLite schema");
    auto applied = db_->Write([&](db::UnitOfWork& u) {
      u.connection().ExecScript(schema);
      return Result<int>(0);
    });
    if (!applied) throw std::runtime_error("schema: " + applied.error().internal);
  }
  ~SeedDb() {
    db_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  db::Database& db() { return *db_; }

  // The single integer a query returns (-1 on failure).
  std::int64_t Number(std::string_view sql) {
    auto n = db_->Read([&](db::UnitOfWork& u) -> Result<std::int64_t> {
      return u.QueryOne(sql)->Int(0);
    });
    return n ? *n : -1;
  }

  // FNV-1a over name, SKU and price of every product in SKU order.
  std::uint64_t ProductChecksum() {
    auto rows = db_->Read([](db::UnitOfWork& u) -> Result<db::Rows> {
      return u.Query("SELECT name, sku, price FROM products ORDER BY sku");
    });
    std::uint64_t h = 14695981039346656037ull;
    for (const db::Row& r : *rows) {
      for (char c : r.Str(0) + "|" + r.Str(1) + "|" + r.Str(2) + "\n") {
        h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
      }
    }
    return h;
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<db::Database> db_;
};

SeedReport SeedOrFail(db::Database& db, SeedOptions opt) {
  auto report = Seed(db, opt);
  EXPECT_TRUE(report) << report.error().detail << " " << report.error().internal;
  return report ? *report : SeedReport{};
}

// One seeded demo store shared by the read-only checks below.
class SeededDemo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    store_ = new SeedDb();
    report_ = SeedOrFail(store_->db(), SeedOptions{});
  }
  static void TearDownTestSuite() {
    delete store_;
    store_ = nullptr;
  }
  static std::int64_t Number(std::string_view sql) { return store_->Number(sql); }

  static SeedDb* store_;
  static SeedReport report_;
};
SeedDb* SeededDemo::store_ = nullptr;
SeedReport SeededDemo::report_;

TEST_F(SeededDemo, HasCategoryTreeOfSeveralLevels) {
  EXPECT_GE(report_.categories, 15);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM categories"), report_.categories);
  EXPECT_GE(Number("SELECT COUNT(*) FROM categories WHERE parent_id IS NULL"), 5);
  EXPECT_GE(Number("SELECT COUNT(*) FROM categories c JOIN categories p ON p.id = c.parent_id"),
            10);
  EXPECT_GT(Number("SELECT COUNT(*) FROM categories c JOIN categories p ON p.id = c.parent_id "
                   "WHERE p.parent_id IS NOT NULL"),
            0)
      << "some categories are three levels deep";
  EXPECT_EQ(Number("SELECT COUNT(*) FROM categories WHERE slug IN "
                   "('electronicos', 'smartphones', 'hogar', 'moda', 'calzado', 'libros')"),
            6);
}

TEST_F(SeededDemo, HasBrandsAndTwoWarehouses) {
  EXPECT_GE(report_.brands, 12);
  EXPECT_GE(Number("SELECT COUNT(*) FROM brands"), 12);
  EXPECT_EQ(report_.warehouses, 2);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM warehouses WHERE (code = 'SCL' AND priority = 10) "
                   "OR (code = 'VAP' AND priority = 20)"),
            2);
}

TEST_F(SeededDemo, HasSixHundredPricedProducts) {
  EXPECT_GE(report_.products, 600);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM products"), report_.products);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM products WHERE price <= 0 OR price % 1000 <> 990 "
                   "OR currency <> 'CLP' OR cost_price >= price"),
            0);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM products WHERE compare_price <= price"), 0);
  const auto on_sale = Number("SELECT COUNT(*) FROM products WHERE compare_price IS NOT NULL");
  EXPECT_GT(on_sale * 100, report_.products * 12);
  EXPECT_LT(on_sale * 100, report_.products * 28);
  const auto featured = Number("SELECT COUNT(*) FROM products WHERE is_featured = 1");
  EXPECT_GT(featured * 100, report_.products * 5);
  EXPECT_LT(featured * 100, report_.products * 15);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM products WHERE rating_avg IS NOT NULL "
                   "OR reviews_count <> 0 OR sales_count NOT BETWEEN 0 AND 500"),
            0);
  EXPECT_EQ(Number("SELECT COUNT(DISTINCT category_id) FROM products"), 21);
}

TEST_F(SeededDemo, ProductsHaveSpanishTextAndFoldedSearchText) {
  EXPECT_EQ(Number("SELECT COUNT(*) FROM products WHERE short_description IS NULL "
                   "OR length(description) < 200 OR meta_title IS NULL OR dimensions IS NULL "
                   "OR weight_grams IS NULL"),
            0);
  EXPECT_GT(Number("SELECT COUNT(*) FROM products WHERE description LIKE '%camión%'"), 0);
  EXPECT_GT(Number("SELECT COUNT(*) FROM products WHERE search_text LIKE '%camion%'"), 0);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM products WHERE search_text LIKE '%ó%' "
                   "OR search_text GLOB '*[A-Z]*'"),
            0);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM products WHERE sku = 'SMA-00001' AND search_text LIKE "
                   "'smartphone samsung galaxy a15 sma-00001 samsung con pantalla%'"),
            1);
}

TEST_F(SeededDemo, AThirdOfProductsHaveTwoToSixVariants) {
  const auto with_variants =
      Number("SELECT COUNT(DISTINCT product_id) FROM product_variants");
  EXPECT_EQ(report_.variants, Number("SELECT COUNT(*) FROM product_variants"));
  EXPECT_GE(with_variants * 100, report_.products * 30);
  EXPECT_LE(with_variants * 100, report_.products * 40);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM (SELECT product_id FROM product_variants "
                   "GROUP BY product_id HAVING COUNT(*) NOT BETWEEN 2 AND 6) t"),
            0);
  EXPECT_GT(Number("SELECT COUNT(*) FROM product_variants WHERE options LIKE '%\"talla\"%'"), 0);
  EXPECT_GT(Number("SELECT COUNT(*) FROM product_variants WHERE options LIKE "
                   "'%\"capacidad\":\"256GB\"%' AND price IS NOT NULL"),
            0)
      << "larger capacities override the price";
}

TEST_F(SeededDemo, StockCoversEveryProductInBothWarehousesWithSomeLowAndSomeOut) {
  // One row per warehouse for a product without variants, or per variant and warehouse.
  EXPECT_EQ(Number("SELECT COUNT(*) FROM inventory"),
            2 * (Number("SELECT COUNT(*) FROM products p WHERE NOT EXISTS "
                        "(SELECT 1 FROM product_variants v WHERE v.product_id = p.id)") +
                 Number("SELECT COUNT(*) FROM product_variants")));
  EXPECT_EQ(Number("SELECT COUNT(*) FROM inventory i JOIN product_variants v "
                   "ON v.id = i.variant_id WHERE v.product_id <> i.product_id"),
            0);
  const auto out = Number("SELECT COUNT(*) FROM products p WHERE NOT EXISTS (SELECT 1 FROM "
                          "inventory i WHERE i.product_id = p.id AND i.quantity > 0)");
  EXPECT_GT(out, 0);
  EXPECT_LT(out * 100, report_.products * 10);
  EXPECT_GT(Number("SELECT COUNT(*) FROM inventory WHERE quantity = 0"), 0);
  EXPECT_GT(Number("SELECT COUNT(*) FROM inventory WHERE quantity > 0 "
                   "AND quantity < reorder_point"),
            0);
  EXPECT_GT(Number("SELECT COUNT(*) FROM inventory WHERE quantity >= 20"), 0);
}

TEST_F(SeededDemo, EveryProductHasOneToThreePlaceholderImages) {
  EXPECT_EQ(Number("SELECT COUNT(*) FROM products p WHERE (SELECT COUNT(*) FROM product_images i "
                   "WHERE i.product_id = p.id) NOT BETWEEN 1 AND 3"),
            0);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM product_images i JOIN products p ON p.id = i.product_id "
                   "WHERE i.url <> '/media/placeholder/' || p.id || '-' || i.position || '.svg' "
                   "OR i.alt <> p.name"),
            0);
}

TEST(Seed, RunningTheDemoAgainAddsNothing) {
  SeedDb store;
  const SeedReport first = SeedOrFail(store.db(), SeedOptions{});
  const auto products = store.Number("SELECT COUNT(*) FROM products");
  const SeedReport again = SeedOrFail(store.db(), SeedOptions{});
  EXPECT_EQ(first.skipped_demo, 0);
  EXPECT_EQ(again.skipped_demo, 1);
  EXPECT_EQ(again.products + again.categories + again.brands + again.warehouses, 0);
  EXPECT_EQ(store.Number("SELECT COUNT(*) FROM products"), products);
  EXPECT_EQ(store.Number("SELECT COUNT(*) FROM warehouses"), 2);
}

TEST(Seed, ExtraProductsAreNumberedAfterThoseAlreadyPresent) {
  SeedDb store;
  SeedOrFail(store.db(), SeedOptions{});
  const auto demo = store.Number("SELECT COUNT(*) FROM products");
  std::vector<std::pair<std::size_t, std::size_t>> progress;
  SeedOptions extra{.demo = false, .extra_products = 500,
                    .progress = [&](std::size_t done, std::size_t total) {
                      progress.emplace_back(done, total);
                    }};

  EXPECT_EQ(SeedOrFail(store.db(), extra).products, 500);
  EXPECT_EQ(store.Number("SELECT COUNT(*) FROM products"), demo + 500);
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back(), std::make_pair(std::size_t{500}, std::size_t{500}));

  EXPECT_EQ(SeedOrFail(store.db(), extra).products, 500);
  EXPECT_EQ(store.Number("SELECT COUNT(*) FROM products"), demo + 1000);
  EXPECT_EQ(store.Number("SELECT COUNT(DISTINCT sku) FROM products WHERE sku LIKE 'BENCH-%'"),
            1000);
  EXPECT_EQ(store.Number("SELECT COUNT(*) FROM products WHERE sku IN "
                         "('BENCH-0000001', 'BENCH-0000500', 'BENCH-0000501', 'BENCH-0001000')"),
            4);
  // Each extra product: stock in both warehouses and one image.
  EXPECT_EQ(store.Number("SELECT COUNT(*) FROM inventory i JOIN products p ON p.id = i.product_id "
                         "WHERE p.sku LIKE 'BENCH-%' AND i.variant_id IS NULL"),
            2000);
  EXPECT_EQ(store.Number("SELECT COUNT(*) FROM product_images i JOIN products p "
                         "ON p.id = i.product_id WHERE p.sku LIKE 'BENCH-%'"),
            1000);
  EXPECT_GE(store.Number("SELECT COUNT(DISTINCT category_id) FROM products "
                         "WHERE sku LIKE 'BENCH-%'"),
            15);
}

TEST(Seed, ExtraProductsAloneBringTheirCategoriesBrandsAndWarehouses) {
  SeedDb store;
  const SeedReport report =
      SeedOrFail(store.db(), SeedOptions{.demo = false, .extra_products = 50});
  EXPECT_EQ(report.products, 50);
  EXPECT_GE(report.categories, 15);
  EXPECT_EQ(report.warehouses, 2);
  EXPECT_EQ(store.Number("SELECT COUNT(*) FROM products"), 50);
}

TEST(Seed, TwoFreshDatabasesGetTheSameProducts) {
  SeedDb a, b;
  const SeedOptions opt{.demo = true, .extra_products = 300};
  SeedOrFail(a.db(), opt);
  SeedOrFail(b.db(), opt);
  EXPECT_EQ(a.Number("SELECT COUNT(*) FROM products"), b.Number("SELECT COUNT(*) FROM products"));
  EXPECT_EQ(a.Number("SELECT SUM(price) FROM product_variants"),
            b.Number("SELECT SUM(price) FROM product_variants"));
  EXPECT_EQ(a.ProductChecksum(), b.ProductChecksum());
}

}  // namespace
}  // namespace moderno::catalog
