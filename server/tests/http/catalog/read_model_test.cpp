// The catalog read model against the SQL path on both databases: thousands of random listing
// queries (category with its descendants, brand, price range, in stock, featured, every sort,
// deep pages) give the same ids in the same order and the same total, before and right after
// writes (prices, a hidden product, stock to zero and back); the summaries in memory are what
// SQL reads, field by field, after every kind of edit; and the live app answers listings from
// the model once it is current.
#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <span>

#include "catalog/json.hpp"
#include "catalog/read_model.hpp"
#include "catalog/repository.hpp"
#include "http_suite.hpp"

namespace moderno::testing {
namespace {

class ReadModelTest : public HttpSuite {
 protected:
  static void SetUpTestSuite() {
    StoreOptions o;
    o.seed_demo = true;
    o.extra_products = 1500;
    StartStore(o);
  }
  static void TearDownTestSuite() { StopStore(); }

  // Random listing parameters a shopper or crawler could send (no search words).
  static catalog::QueryParams RandomParams(std::mt19937& rng, const std::vector<std::string>& categories,
                                           const std::vector<std::string>& brands) {
    static const char* kSorts[] = {"newest", "price_asc", "price_desc", "name", "rating", "popularity", "relevance"};
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    catalog::QueryParams p;
    if (pick(4) != 0) p.emplace_back("category", categories[static_cast<std::size_t>(pick(static_cast<int>(categories.size())))]);
    if (pick(5) == 0) p.emplace_back("brand", brands[static_cast<std::size_t>(pick(static_cast<int>(brands.size())))]);
    if (pick(4) == 0) p.emplace_back("price_min", std::to_string(pick(100) * 1000));
    if (pick(4) == 0) p.emplace_back("price_max", std::to_string(100000 + pick(400) * 1000));
    if (pick(4) == 0) p.emplace_back("in_stock", pick(2) ? "true" : "false");
    if (pick(6) == 0) p.emplace_back("featured", pick(2) ? "true" : "false");
    p.emplace_back("sort", kSorts[pick(7)]);
    p.emplace_back("limit", std::to_string(1 + pick(50)));
    p.emplace_back("page", std::to_string(1 + (pick(3) == 0 ? pick(200) : pick(5))));
    return p;
  }

  // The first column of a query's rows.
  static std::vector<std::int64_t> IdsOf(const std::string& sql) {
    const db::Rows rows = store_->app().db().Read([&](db::UnitOfWork& uow) -> Result<db::Rows> {
      return uow.Query(sql);
    }).value();
    std::vector<std::int64_t> ids;
    for (const auto& r : rows) ids.push_back(r.Int(0));
    return ids;
  }

  // Compares `n` random queries; returns how many had results (so the test sees it compared
  // real pages, not only empty ones).
  static int Compare(catalog::ReadModel& model, int n, unsigned seed) {
    auto& service = store_->app().catalog();
    auto taxonomy = service.GetTaxonomy();
    EXPECT_TRUE(taxonomy);
    std::vector<std::string> categories;
    for (const auto& [slug, id] : (*taxonomy)->categories.by_slug) categories.push_back(slug);
    std::vector<std::string> brands;
    const db::Rows brand_rows = store_->app().db().Read([](db::UnitOfWork& uow) -> Result<db::Rows> {
      return uow.Query("SELECT slug FROM brands WHERE is_active = 1");
    }).value();
    for (const auto& b : brand_rows) brands.push_back(b.Str(0));
    std::mt19937 rng(seed);
    catalog::Repository repo;
    int with_items = 0;
    for (int i = 0; i < n; ++i) {
      const auto params = RandomParams(rng, categories, brands);
      auto q = service.ParseProductQuery(params);
      if (!q) continue;  // e.g. price_min over price_max
      auto fast = model.Page(*q);
      EXPECT_TRUE(fast.has_value());
      if (!fast) return with_items;
      auto sql = store_->app().db().Read([&](db::UnitOfWork& uow) -> Result<catalog::ProductPage> {
        return repo.ListProducts(uow, *q);
      });
      EXPECT_TRUE(sql.has_value()) << "SQL path failed";
      if (!sql) return with_items;
      std::vector<std::int64_t> ids;
      for (const auto& s : sql->items) ids.push_back(s.id);
      std::string desc;
      for (const auto& [k, v] : params) desc += k + "=" + v + "&";
      EXPECT_EQ(fast->total, sql->total) << desc;
      EXPECT_EQ(fast->ids, ids) << desc;
      if (::testing::Test::HasFailure()) return with_items;
      if (!ids.empty()) ++with_items;
    }
    return with_items;
  }
};

TEST_F(ReadModelTest, AnswersEveryListingLikeSqlBeforeAndAfterWrites) {
  catalog::ReadModel model(store_->app().db());
  ASSERT_TRUE(model.Rebuild());
  EXPECT_GT(model.Products(), 1500u);
  EXPECT_GT(Compare(model, 1500, 7), 600);

  // Writes: prices that reorder, a hidden product, ties in name, stock to zero and back.
  Exec("UPDATE products SET price = price + (id % 7) * 1000 WHERE id % 3 = 0");
  Exec("UPDATE products SET name = 'Zzz igual' WHERE id IN (5, 6, 7)");
  Exec("UPDATE products SET is_active = 0 WHERE id IN (10, 11)");
  Exec("UPDATE products SET is_featured = 1 - is_featured WHERE id % 11 = 0");
  Exec("UPDATE inventory SET reserved_quantity = quantity WHERE product_id % 5 = 0");
  ASSERT_TRUE(model.ReloadStock());
  ASSERT_TRUE(model.Rebuild());
  EXPECT_GT(Compare(model, 1000, 11), 300);
  auto stale = model.Page(*store_->app().catalog().ParseProductQuery({{"in_stock", "true"}, {"limit", "100"}}));

  // Stock alone, without a rebuild: the reloaded in-stock set is what SQL says.
  Exec("UPDATE inventory SET reserved_quantity = 0 WHERE product_id % 5 = 0");
  ASSERT_TRUE(model.ReloadStock());
  EXPECT_GT(Compare(model, 500, 13), 150);
  auto fresh = model.Page(*store_->app().catalog().ParseProductQuery({{"in_stock", "true"}, {"limit", "100"}}));
  ASSERT_TRUE(stale && fresh);
  EXPECT_GT(fresh->total, stale->total) << "products back in stock are listed again";
}

TEST_F(ReadModelTest, MovesEditedProductsInPlaceLikeSql) {
  catalog::ReadModel model(store_->app().db());
  ASSERT_TRUE(model.Rebuild());
  const std::int64_t brand = IdsOf("SELECT id FROM brands WHERE is_active = 1 ORDER BY id").front();
  const std::int64_t category = IdsOf("SELECT category_id FROM products WHERE is_active = 1 ORDER BY id").back();
  // Edits that move products in every order an edit can change, and in and out of categories
  // and brands the model already lists.
  Exec("UPDATE products SET price = price + (id % 13) * 700 WHERE id % 4 = 1");
  Exec("UPDATE products SET price = 19990 WHERE id % 4 = 3");  // ties, broken by id
  Exec("UPDATE products SET rating_avg = (id % 5) + 0.5, reviews_count = id % 9 WHERE id % 6 = 2");
  Exec("UPDATE products SET rating_avg = NULL, reviews_count = 0 WHERE id % 6 = 5");
  Exec("UPDATE products SET sales_count = sales_count + id % 17 WHERE id % 5 = 3");
  Exec("UPDATE products SET is_featured = 1 - is_featured WHERE id % 10 = 4");
  Exec("UPDATE products SET brand_id = ? WHERE id % 8 = 5", {brand});
  Exec("UPDATE products SET category_id = ? WHERE id % 9 = 6", {category});
  const auto builds = model.Builds();
  const auto all = IdsOf("SELECT id FROM products ORDER BY id");
  ASSERT_TRUE(model.Apply(all));
  EXPECT_EQ(model.Builds(), builds) << "edits are moved in place, not rebuilt";
  EXPECT_GT(Compare(model, 1500, 17), 500);
  // Prices and sales alone: the category orders are moved in place too (no category moved).
  Exec("UPDATE products SET price = price + (id % 11) * 900 WHERE id % 5 = 2");
  Exec("UPDATE products SET sales_count = sales_count + 3 WHERE id % 7 = 1");
  ASSERT_TRUE(model.Apply(all));
  EXPECT_EQ(model.Builds(), builds);
  EXPECT_GT(Compare(model, 1000, 23), 300);
  // Stock alone, out and back in: applied products are set in or out of stock without a reload.
  auto in_stock_total = [&] {
    auto page = model.Page(*store_->app().catalog().ParseProductQuery({{"in_stock", "true"}}));
    return page ? page->total : -1;
  };
  const std::int64_t stocked = in_stock_total();
  Exec("UPDATE inventory SET reserved_quantity = quantity WHERE product_id % 7 = 2");
  ASSERT_TRUE(model.Apply(all));
  EXPECT_LT(in_stock_total(), stocked);
  EXPECT_GT(Compare(model, 500, 29), 150);
  Exec("UPDATE inventory SET reserved_quantity = 0 WHERE product_id % 7 = 2");
  ASSERT_TRUE(model.Apply(all));
  EXPECT_EQ(in_stock_total(), stocked);
  EXPECT_EQ(model.Builds(), builds);

  // A rename (its place in the name order comes from the database's collation) and a hidden
  // product rebuild it.
  const std::int64_t renamed = all.at(all.size() / 2);
  Exec("UPDATE products SET name = 'Aaa primero' WHERE id = ?", {renamed});
  ASSERT_TRUE(model.Apply(std::vector<std::int64_t>{renamed}));
  EXPECT_EQ(model.Builds(), builds + 1);
  Exec("UPDATE products SET is_active = 0 WHERE id = ?", {all.at(3)});
  ASSERT_TRUE(model.Apply(std::vector<std::int64_t>{all.at(3)}));
  EXPECT_EQ(model.Builds(), builds + 2);
  EXPECT_GT(Compare(model, 500, 19), 150);
}

// Every product's summary from memory against SQL's (visible ones), as JSON; returns how many
// were compared.
using SummariesOf = std::function<std::vector<std::optional<catalog::ProductSummary>>(std::span<const std::int64_t>)>;

static std::size_t CompareSummaries(db::Database& db, const SummariesOf& summaries, const std::vector<std::int64_t>& ids) {
  std::size_t compared = 0;
  for (std::size_t begin = 0; begin < ids.size(); begin += 200) {
    const std::vector<std::int64_t> chunk(ids.begin() + static_cast<std::ptrdiff_t>(begin),
                                          ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), begin + 200)));
    const auto held = summaries(chunk);
    EXPECT_EQ(held.size(), chunk.size()) << "the table answers";
    if (held.size() != chunk.size()) return compared;
    auto sql = db.Read([&](db::UnitOfWork& uow) -> Result<std::vector<catalog::ProductSummary>> {
      return catalog::Repository().SummariesByIds(uow, chunk);
    });
    EXPECT_TRUE(sql);
    if (!sql) return compared;
    std::map<std::int64_t, std::string> visible;
    for (const auto& p : *sql) visible.emplace(p.id, boost::json::serialize(catalog::ToJson(p)));
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      auto it = visible.find(chunk[i]);
      if (it == visible.end()) {
        EXPECT_FALSE(held[i].has_value()) << "product " << chunk[i] << " is not visible";
        continue;
      }
      EXPECT_TRUE(held[i].has_value()) << "product " << chunk[i] << " is visible";
      if (!held[i]) continue;
      EXPECT_EQ(boost::json::serialize(catalog::ToJson(*held[i])), it->second);
      ++compared;
    }
    if (::testing::Test::HasFailure()) return compared;
  }
  return compared;
}

TEST_F(ReadModelTest, SummariesAreWhatSqlReadsAfterEveryKindOfEdit) {
  catalog::ReadModel model(store_->app().db());
  EXPECT_TRUE(model.Summaries(std::vector<std::int64_t>{1}).empty()) << "nothing before the first load";
  ASSERT_TRUE(model.LoadSummaries());
  auto& db = store_->app().db();
  SummariesOf of_model = [&](std::span<const std::int64_t> ids) { return model.Summaries(ids); };
  const auto all = IdsOf("SELECT id FROM products ORDER BY id");
  const auto hidden_before = IdsOf("SELECT id FROM products WHERE is_active = 0 OR deleted_at IS NOT NULL");
  EXPECT_GT(CompareSummaries(db, of_model, all), 1500u);
  EXPECT_GT(model.SummaryBytes(), 1500u * 100);
  // A load in many small chunks (a range of ids each, images by range) reads the same.
  catalog::SummaryTable small(97);
  ASSERT_TRUE(small.Load(db));
  EXPECT_EQ(small.Products(), Scalar("SELECT COUNT(*) FROM products WHERE is_active = 1 AND deleted_at IS NULL"));
  EXPECT_GT(CompareSummaries(db, [&](std::span<const std::int64_t> ids) { return small.Get(ids); }, all), 1500u);

  const std::int64_t brand = IdsOf("SELECT id FROM brands ORDER BY id").back();
  const std::int64_t category = IdsOf("SELECT category_id FROM products ORDER BY id").front();
  // Every field a card shows, nulls both ways, images, stock, visibility.
  Exec("UPDATE products SET price = price + 1000, compare_price = NULL WHERE id % 4 = 1");
  Exec("UPDATE products SET compare_price = compare_price + 500 WHERE compare_price IS NOT NULL AND id % 4 = 2");
  Exec("UPDATE products SET rating_avg = NULL, reviews_count = 0 WHERE id % 6 = 5");
  Exec("UPDATE products SET rating_avg = 4.25, reviews_count = 3 WHERE id % 6 = 2");
  Exec("UPDATE products SET name = 'Nombre nuevo' WHERE id % 7 = 3");
  Exec("UPDATE products SET short_description = NULL WHERE id % 5 = 2");
  Exec("UPDATE products SET short_description = 'Corta y nueva' WHERE id % 5 = 4");
  Exec("UPDATE products SET brand_id = NULL WHERE id % 8 = 5");
  Exec("UPDATE products SET brand_id = ? WHERE id % 8 = 6", {brand});
  Exec("UPDATE products SET category_id = ? WHERE id % 9 = 6", {category});
  Exec("UPDATE products SET is_featured = 1 - is_featured WHERE id % 10 = 4");
  Exec("DELETE FROM product_images WHERE product_id % 3 = 0");
  Exec("INSERT INTO product_images (product_id, url, position) SELECT id, '/media/extra.jpg', 9 FROM products "
       "WHERE id % 11 = 0");
  Exec("UPDATE inventory SET reserved_quantity = quantity WHERE product_id % 5 = 0");
  Exec("UPDATE inventory SET quantity = quantity + 7 WHERE product_id % 5 = 1");
  Exec("UPDATE products SET is_active = 0 WHERE id IN (?, ?)", {all.at(20), all.at(21)});
  if (!hidden_before.empty()) Exec("UPDATE products SET is_active = 1, deleted_at = NULL WHERE id = ?", {hidden_before.front()});
  // Before the table reads them again it still shows the old rows: the comparison can fail.
  const auto stale = model.Summaries(std::vector<std::int64_t>{all.at(20)});
  ASSERT_EQ(stale.size(), 1u);
  EXPECT_TRUE(stale[0].has_value()) << "hidden in SQL, not yet in memory";
  ASSERT_TRUE(model.RefreshSummaries(all));
  EXPECT_GT(CompareSummaries(db, of_model, all), 1500u);

  // A category and a brand renamed: a load reads every name again, and drops what was hidden
  // without the table being told.
  Exec("UPDATE categories SET name = 'Renombrada', slug = 'renombrada' WHERE id = ?", {category});
  Exec("UPDATE brands SET name = 'Marca renombrada' WHERE id = ?", {brand});
  Exec("UPDATE products SET is_active = 0 WHERE id = ?", {all.at(30)});
  ASSERT_TRUE(model.LoadSummaries());
  EXPECT_GT(CompareSummaries(db, of_model, all), 1500u);
  const auto renamed = model.Summaries(std::vector<std::int64_t>{IdsOf("SELECT id FROM products WHERE is_active = 1 AND category_id = " + std::to_string(category)).front()});
  ASSERT_TRUE(renamed.at(0).has_value());
  EXPECT_EQ(renamed[0]->category.name, "Renombrada");
}

TEST_F(ReadModelTest, TheLiveAppListsFromTheModelAndReadsItsOwnWrites) {
  store_->app().StartBackground();  // as `moderno serve` does: the model is built at start
  auto& model = store_->app().read_model();
  for (int i = 0; i < 200 && !model.Current(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(model.Current()) << "the app builds its read model at start";
  EXPECT_GT(model.MemoryBytes(), 0u);
  auto manager = store_->CreateUser(http::Role::kManager);
  // A staff price change: the very next listing (sorted by price) shows it in place.
  auto cheapest = Call("GET", "/api/v1/products?sort=price_asc&limit=1");
  ASSERT_EQ(cheapest.status, 200);
  const std::int64_t id = cheapest.body.at("data").at(0).at("id").as_int64();
  auto put = Call("PUT", "/api/v1/products/" + std::to_string(id), boost::json::object{{"price", 99999999}}, &manager);
  ASSERT_EQ(put.status, 200) << put.raw;
  auto last = Call("GET", "/api/v1/products?sort=price_desc&limit=1");
  EXPECT_EQ(last.body.at("data").at(0).at("id").as_int64(), id);
  // And once the model caught up, it answers again.
  for (int i = 0; i < 200 && !model.Current(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(model.Current());
  auto q = store_->app().catalog().ParseProductQuery({{"sort", "price_desc"}, {"limit", "1"}});
  ASSERT_TRUE(q);
  auto page = model.Page(*q);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->ids.at(0), id);

  // A stock move on this node: the very next listing's card shows it (from SQL until the
  // summaries cover the move), and then the summaries do.
  auto sku = store_->app().db().Read([&](db::UnitOfWork& uow) -> Result<db::Rows> {
    return uow.Query("SELECT p.sku, (SELECT code FROM warehouses ORDER BY id LIMIT 1) FROM products p WHERE p.id = ?", {id});
  }).value();
  ASSERT_EQ(sku.size(), 1u);
  const std::int64_t before = Scalar("SELECT COALESCE(SUM(quantity - reserved_quantity), 0) FROM inventory WHERE product_id = ?", {id});
  const std::string warehouse = sku[0].Str(1);
  const std::int64_t in_warehouse = Scalar(
      "SELECT COALESCE(MAX(i.quantity), 0) FROM inventory i JOIN warehouses w ON w.id = i.warehouse_id "
      "WHERE i.product_id = ? AND w.code = ?", {id, warehouse});
  auto moved = Call("PUT", "/api/v1/inventory/" + sku[0].Str(0) + "/" + warehouse,
                    boost::json::object{{"quantity", in_warehouse + 13}}, &manager);
  ASSERT_EQ(moved.status, 200) << moved.raw;
  auto listed = Call("GET", "/api/v1/products?sort=price_desc&limit=1");
  EXPECT_EQ(listed.body.at("data").at(0).at("stock").as_int64(), before + 13);
  for (int i = 0; i < 200 && !model.Current(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(model.Current());
  auto card = model.Summaries(std::vector<std::int64_t>{id});
  ASSERT_EQ(card.size(), 1u);
  ASSERT_TRUE(card[0].has_value());
  EXPECT_EQ(card[0]->stock, before + 13);
  // The same for a stock move the way checkout makes one: committed, then InvalidateStock (the
  // listing cache is refreshed, not dropped, and the taxonomy kept).
  Exec("UPDATE inventory SET quantity = quantity + 4 WHERE product_id = ? AND warehouse_id = "
       "(SELECT id FROM warehouses WHERE code = ?)", {id, warehouse});
  store_->app().catalog().InvalidateStock();
  listed = Call("GET", "/api/v1/products?sort=price_desc&limit=1");
  EXPECT_EQ(listed.body.at("data").at(0).at("stock").as_int64(), before + 17);
  for (int i = 0; i < 200 && !model.Current(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(model.Current());
  card = model.Summaries(std::vector<std::int64_t>{id});
  ASSERT_TRUE(card.at(0).has_value());
  EXPECT_EQ(card[0]->stock, before + 17);

  // A product the summaries do not hold (made visible behind the model's back) is read from
  // SQL and listed in its place between the ones from memory.
  const auto firsts = Call("GET", "/api/v1/products?sort=price_asc&limit=3").body.at("data").as_array();
  ASSERT_EQ(firsts.size(), 3u);
  const std::int64_t a = firsts[0].at("id").as_int64(), x = firsts[1].at("id").as_int64(), b = firsts[2].at("id").as_int64();
  Exec("UPDATE products SET is_active = 0 WHERE id = ?", {x});
  ASSERT_TRUE(model.RefreshSummaries(std::vector<std::int64_t>{x}));
  Exec("UPDATE products SET is_active = 1 WHERE id = ?", {x});
  const auto held = model.Summaries(std::vector<std::int64_t>{a, x, b});
  ASSERT_EQ(held.size(), 3u);
  EXPECT_TRUE(held[0] && !held[1] && held[2]);
  auto merged = store_->app().catalog().Summaries({a, x, b});
  ASSERT_TRUE(merged);
  ASSERT_EQ(merged->size(), 3u);
  EXPECT_EQ(merged->at(0).id, a);
  EXPECT_EQ(merged->at(1).id, x);
  EXPECT_EQ(merged->at(2).id, b);
  EXPECT_EQ(boost::json::serialize(catalog::ToJson(merged->at(1))), boost::json::serialize(firsts[1]));
}

}  // namespace
}  // namespace moderno::testing
