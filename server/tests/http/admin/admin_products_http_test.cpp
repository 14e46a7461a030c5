// The staff product reads over real sockets, on both databases: GET /api/v1/admin/products
// (search, lifecycle and taxonomy filters, sorting, pagination, stock sums) and
// GET /api/v1/admin/products/{id} (inactive and soft-deleted products, stock per warehouse),
// and who may call them.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "http_suite.hpp"

namespace moderno::testing {
namespace {

namespace json = boost::json;

// Every product of this suite has "Qzx" in its name and "QZX-" in its SKU, so a search for
// "qzx" isolates them from the demo catalog. Listed in creation order:
//   1 Alfa    price 3000  audifonos, brand sony, 2 images; SCL 5 (2 reserved), VAP 7 -> 10
//   2 Bravo   price 1000  calzado, 2 variants with 3 and 4 in SCL                     -> 7
//   3 Charlie price 2000  inactive, SCL 2                                              -> 2
//   4 Delta   price 4000  soft-deleted, SCL 1                                          -> 1
//   5 Echo    price 5000  no inventory row                                             -> 0
class AdminProductsHttpTest : public HttpSuite {
 protected:
  static void SetUpTestSuite() {
    StoreOptions o;
    o.seed_demo = true;
    StartStore(o);
    manager_ = new TestUser(store_->CreateUser(http::Role::kManager));
    admin_ = new TestUser(store_->CreateUser(http::Role::kAdmin));
    customer_ = new TestUser(store_->CreateUser(http::Role::kCustomer));
    audifonos_ = CategoryId("audifonos");
    calzado_ = CategoryId("calzado");
    sony_ = BrandId("sony");

    ids_["alfa"] = Create({{"name", "Qzx Alfa lámpara"},
                           {"sku", "QZX-1"},
                           {"price", 3000},
                           {"category_id", audifonos_},
                           {"brand_id", sony_},
                           {"meta_title", "Alfa | Moderno"},
                           {"meta_description", "La lámpara Alfa."},
                           {"cost_price", 1500},
                           {"images",
                            json::array{
                                json::object{{"url", "https://cdn.example.cl/qzx-a1.jpg"},
                                             {"alt", "Frente"}},
                                json::object{{"url", "/media/qzx-a2.jpg"}}}},
                           {"stock", 5}});
    ids_["bravo"] = Create(
        {{"name", "Qzx Bravo descuento 50% mesa"},
         {"sku", "QZX-2"},
         {"price", 1000},
         {"category_id", calzado_},
         {"variants", json::array{json::object{{"name", "S"}, {"sku", "QZX-2-S"}, {"stock", 3}},
                                  json::object{{"name", "M"}, {"sku", "QZX-2-M"}, {"stock", 4}}}}});
    ids_["charlie"] = Create({{"name", "Qzx Charlie descuento 500 silla"},
                              {"sku", "QZX-3"},
                              {"price", 2000},
                              {"category_id", audifonos_},
                              {"is_active", false},
                              {"stock", 2}});
    ids_["delta"] = Create({{"name", "Qzx Delta mesa_roja"},
                            {"sku", "QZX-4"},
                            {"price", 4000},
                            {"category_id", audifonos_},
                            {"stock", 1}});
    ids_["echo"] = Create({{"name", "Qzx Echo mesaxroja"},
                           {"sku", "QZX-5"},
                           {"price", 5000},
                           {"category_id", audifonos_}});

    auto vap = Call("PUT", "/api/v1/inventory/QZX-1/VAP", json::object{{"quantity", 7}});
    EXPECT_EQ(vap.status, 200) << vap.raw;
    Exec("UPDATE inventory SET reserved_quantity = 2 WHERE product_id = ? AND warehouse_id = "
         "(SELECT id FROM warehouses WHERE code = 'SCL')",
         {ids_["alfa"]});
    auto del = Call("DELETE", "/api/v1/products/" + std::to_string(ids_["delta"]), "");
    EXPECT_EQ(del.status, 204) << del.raw;
    // Distinct modification times, so that the updated_at order does not depend on how many
    // products were written in the same second.
    const std::map<std::string, std::string> updated = {{"alfa", "2030-01-05 10:00:00"},
                                                        {"bravo", "2030-01-01 10:00:00"},
                                                        {"charlie", "2030-01-03 10:00:00"},
                                                        {"delta", "2030-01-02 10:00:00"},
                                                        {"echo", "2030-01-04 10:00:00"}};
    for (const auto& [name, at] : updated) {
      Exec("UPDATE products SET updated_at = ? WHERE id = ?", {at, ids_[name]});
    }
  }
  static void TearDownTestSuite() {
    delete manager_;
    delete admin_;
    delete customer_;
    StopStore();
  }

  // As HttpSuite::Call, by the manager unless told otherwise.
  static Reply Call(const std::string& method, const std::string& target,
                    const std::string& body = "", const TestUser* as = manager_) {
    return HttpSuite::Call(method, target, body, as);
  }
  static Reply Call(const std::string& method, const std::string& target, const json::object& body,
                    const TestUser* as = manager_) {
    return HttpSuite::Call(method, target, body, as);
  }
  static Reply List(const std::string& query, const TestUser* as = manager_) {
    return Call("GET", "/api/v1/admin/products" + (query.empty() ? "" : "?" + query), "", as);
  }
  static std::int64_t CategoryId(const std::string& slug) {
    auto r = Call("GET", "/api/v1/categories/" + slug, "", nullptr);
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body.at("id").as_int64();
  }
  static std::int64_t BrandId(const std::string& slug) {
    auto r = Call("GET", "/api/v1/brands", "", nullptr);
    for (const auto& b : r.body.at("data").as_array()) {
      if (b.at("slug").as_string() == slug) return b.at("id").as_int64();
    }
    ADD_FAILURE() << "no brand " << slug;
    return 0;
  }
  static std::int64_t Create(const json::object& body) {
    auto r = Call("POST", "/api/v1/products", body);
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.status == 201 ? r.body.at("id").as_int64() : 0;
  }
  // The available stock of a product straight from the inventory table.
  static std::int64_t AvailableInSql(std::int64_t product_id) {
    return Scalar("SELECT COALESCE(SUM(quantity - reserved_quantity), 0) FROM inventory "
                  "WHERE product_id = ?",
                  {product_id});
  }
  // The suite's names ("alfa", ...) of a list reply's items, in order.
  static std::vector<std::string> Names(const Reply& r) {
    std::vector<std::string> out;
    if (!r.body.contains("items")) {
      ADD_FAILURE() << r.raw;
      return out;
    }
    for (const auto& item : r.body.at("items").as_array()) {
      const std::int64_t id = item.at("id").as_int64();
      std::string name = "#" + std::to_string(id);
      for (const auto& [n, known] : ids_) {
        if (known == id) name = n;
      }
      out.push_back(name);
    }
    return out;
  }
  static const json::object& Item(const Reply& r, std::int64_t id) {
    for (const auto& item : r.body.at("items").as_array()) {
      if (item.at("id").as_int64() == id) return item.as_object();
    }
    ADD_FAILURE() << "no item " << id << " in " << r.raw;
    static const json::object none;
    return none;
  }
  static inline TestUser* manager_ = nullptr;
  static inline TestUser* admin_ = nullptr;
  static inline TestUser* customer_ = nullptr;
  static inline std::int64_t audifonos_ = 0, calzado_ = 0, sony_ = 0;
  static inline std::map<std::string, std::int64_t> ids_;
};

using Order = std::vector<std::string>;

// --- The list ----------------------------------------------------------------------------------

TEST_F(AdminProductsHttpTest, List_DefaultShowsActiveAndInactiveButNotDeleted) {
  auto r = List("q=qzx&sort=name");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(Names(r), (Order{"alfa", "bravo", "charlie", "echo"}));
  EXPECT_EQ(r.body.at("total").as_int64(), 4);
  EXPECT_FALSE(Item(r, ids_["charlie"]).at("is_active").as_bool());
  EXPECT_TRUE(Item(r, ids_["alfa"]).at("is_active").as_bool());
  EXPECT_TRUE(Item(r, ids_["alfa"]).at("deleted_at").is_null());
}

TEST_F(AdminProductsHttpTest, List_StatusFilterChoosesTheLifecycleState) {
  EXPECT_EQ(Names(List("q=qzx&sort=name&status=active")), (Order{"alfa", "bravo", "echo"}));
  EXPECT_EQ(Names(List("q=qzx&sort=name&status=inactive")), (Order{"charlie"}))
      << "a deleted product is inactive too, but listed only as deleted";
  EXPECT_EQ(Names(List("q=qzx&sort=name&status=all")),
            (Order{"alfa", "bravo", "charlie", "delta", "echo"}));
  auto deleted = List("q=qzx&status=deleted");
  ASSERT_EQ(deleted.status, 200) << deleted.raw;
  ASSERT_EQ(Names(deleted), (Order{"delta"}));
  const json::object& delta = deleted.body.at("items").at(0).as_object();
  ASSERT_TRUE(delta.at("deleted_at").is_string()) << deleted.raw;
  EXPECT_EQ(delta.at("deleted_at").as_string().size(), 20u) << "ISO 8601 UTC: " << deleted.raw;
  EXPECT_TRUE(delta.at("deleted_at").as_string().ends_with("Z"));
  EXPECT_FALSE(delta.at("is_active").as_bool());
  // Without a search, the default also leaves every deleted product out.
  auto all = List("limit=100&status=all");
  auto visible = List("limit=100");
  EXPECT_EQ(visible.body.at("total").as_int64(),
            Scalar("SELECT COUNT(*) FROM products WHERE deleted_at IS NULL"));
  EXPECT_EQ(all.body.at("total").as_int64(), Scalar("SELECT COUNT(*) FROM products"));
  EXPECT_EQ(List("status=deleted").body.at("total").as_int64(),
            Scalar("SELECT COUNT(*) FROM products WHERE deleted_at IS NOT NULL"));
}

TEST_F(AdminProductsHttpTest, List_SearchMatchesNameOrSkuCaseInsensitively) {
  EXPECT_EQ(Names(List("q=QZX%20ALFA")), (Order{"alfa"})) << "by name, upper case";
  EXPECT_EQ(Names(List("q=qzx-2")), (Order{"bravo"})) << "by SKU, lower case";
  EXPECT_EQ(Names(List("q=%20%20qzx-5%20")), (Order{"echo"})) << "surrounding spaces are trimmed";
  EXPECT_EQ(List("q=qzx-2-s").body.at("total").as_int64(), 0)
      << "variant SKUs are not the product's SKU";
  EXPECT_EQ(List("q=no-such-product-anywhere").body.at("total").as_int64(), 0);
}

TEST_F(AdminProductsHttpTest, List_SearchWildcardsMatchLiterally) {
  // '%' would match "500" as a wildcard; escaped it matches only the text "50%".
  EXPECT_EQ(Names(List("q=50%25&status=all")), (Order{"bravo"}));
  EXPECT_EQ(Names(List("q=descuento%2050&sort=name")), (Order{"bravo", "charlie"}));
  // '_' would match any one character ("mesaxroja").
  EXPECT_EQ(Names(List("q=mesa_roja&status=all")), (Order{"delta"}));
  EXPECT_EQ(List("q=%25&status=all").body.at("total").as_int64(),
            Scalar("SELECT COUNT(*) FROM products WHERE name LIKE '%!%%' ESCAPE '!' "
                   "OR sku LIKE '%!%%' ESCAPE '!'"))
      << "a lone '%' is not 'everything'";
  EXPECT_EQ(List("q=!&status=all").body.at("total").as_int64(),
            Scalar("SELECT COUNT(*) FROM products WHERE name LIKE '%!!%' ESCAPE '!' "
                   "OR sku LIKE '%!!%' ESCAPE '!'"))
      << "the escape character itself is escaped";
}

TEST_F(AdminProductsHttpTest, List_FiltersByCategoryAndBrand) {
  EXPECT_EQ(Names(List("q=qzx&sort=name&category_id=" + std::to_string(calzado_))),
            (Order{"bravo"}));
  EXPECT_EQ(Names(List("q=qzx&sort=name&status=all&category_id=" + std::to_string(audifonos_))),
            (Order{"alfa", "charlie", "delta", "echo"}));
  EXPECT_EQ(Names(List("q=qzx&brand_id=" + std::to_string(sony_))), (Order{"alfa"}));
  EXPECT_EQ(List("q=qzx&brand_id=" + std::to_string(sony_) +
                 "&category_id=" + std::to_string(calzado_))
                .body.at("total")
                .as_int64(),
            0);
  auto brand = List("brand_id=" + std::to_string(sony_) + "&status=all&limit=100");
  EXPECT_EQ(brand.body.at("total").as_int64(),
            Scalar("SELECT COUNT(*) FROM products WHERE brand_id = ?", {sony_}));
  for (const auto& item : brand.body.at("items").as_array()) {
    EXPECT_EQ(item.at("brand").at("id").as_int64(), sony_);
  }
  EXPECT_EQ(List("category_id=999999999").body.at("total").as_int64(), 0);
}

TEST_F(AdminProductsHttpTest, List_SortsByEachKeyBothWays) {
  const std::string base = "q=qzx&status=all&sort=";
  EXPECT_EQ(Names(List(base + "name")), (Order{"alfa", "bravo", "charlie", "delta", "echo"}));
  EXPECT_EQ(Names(List(base + "-name")), (Order{"echo", "delta", "charlie", "bravo", "alfa"}));
  EXPECT_EQ(Names(List(base + "price")), (Order{"bravo", "charlie", "alfa", "delta", "echo"}));
  EXPECT_EQ(Names(List(base + "-price")), (Order{"echo", "delta", "alfa", "charlie", "bravo"}));
  EXPECT_EQ(Names(List(base + "stock")), (Order{"echo", "delta", "charlie", "bravo", "alfa"}));
  EXPECT_EQ(Names(List(base + "-stock")), (Order{"alfa", "bravo", "charlie", "delta", "echo"}));
  EXPECT_EQ(Names(List(base + "updated_at")),
            (Order{"bravo", "delta", "charlie", "echo", "alfa"}));
  EXPECT_EQ(Names(List(base + "-updated_at")),
            (Order{"alfa", "echo", "charlie", "delta", "bravo"}));
  // Created within the same second or not, ties go by id: creation order.
  EXPECT_EQ(Names(List(base + "created_at")), (Order{"alfa", "bravo", "charlie", "delta", "echo"}));
  EXPECT_EQ(Names(List(base + "-created_at")),
            (Order{"echo", "delta", "charlie", "bravo", "alfa"}));
  EXPECT_EQ(Names(List("q=qzx&status=all")), Names(List(base + "-created_at")))
      << "newest first by default";
  auto alfa = Item(List(base + "name"), ids_["alfa"]);
  EXPECT_EQ(alfa.at("updated_at").as_string(), "2030-01-05T10:00:00Z");
}

TEST_F(AdminProductsHttpTest, List_PaginatesWithTotals) {
  const std::string base = "q=qzx&status=all&sort=price&limit=2";
  Order seen;
  for (int page = 1; page <= 3; ++page) {
    auto r = List(base + "&page=" + std::to_string(page));
    ASSERT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(r.body.at("total").as_int64(), 5);
    EXPECT_EQ(r.body.at("page").as_int64(), page);
    EXPECT_EQ(r.body.at("limit").as_int64(), 2);
    EXPECT_EQ(r.body.at("pages").as_int64(), 3);
    EXPECT_EQ(r.body.at("items").as_array().size(), page < 3 ? 2u : 1u);
    for (const auto& n : Names(r)) seen.push_back(n);
  }
  EXPECT_EQ(seen, (Order{"bravo", "charlie", "alfa", "delta", "echo"}));
  auto past = List(base + "&page=4");
  ASSERT_EQ(past.status, 200) << past.raw;
  EXPECT_TRUE(past.body.at("items").as_array().empty());
  EXPECT_EQ(past.body.at("total").as_int64(), 5);
  auto none = List("q=no-such-product-anywhere");
  EXPECT_EQ(none.body.at("pages").as_int64(), 0);
  auto defaults = List("");
  EXPECT_EQ(defaults.body.at("page").as_int64(), 1);
  EXPECT_EQ(defaults.body.at("limit").as_int64(), 20);
  EXPECT_EQ(List("limit=100").body.at("limit").as_int64(), 100);
}

TEST_F(AdminProductsHttpTest, List_RowsCarryTaxonomyImageVariantsAndStock) {
  auto r = List("q=qzx&status=all");
  ASSERT_EQ(r.status, 200) << r.raw;
  const json::object& alfa = Item(r, ids_["alfa"]);
  EXPECT_EQ(alfa.at("sku").as_string(), "QZX-1");
  EXPECT_EQ(alfa.at("name").as_string(), "Qzx Alfa lámpara");
  EXPECT_EQ(alfa.at("slug").as_string(), "qzx-alfa-lampara");
  EXPECT_EQ(alfa.at("price").as_int64(), 3000);
  EXPECT_TRUE(alfa.at("compare_price").is_null());
  EXPECT_FALSE(alfa.at("is_featured").as_bool());
  EXPECT_EQ(alfa.at("category").at("id").as_int64(), audifonos_);
  EXPECT_TRUE(alfa.at("category").at("name").is_string());
  EXPECT_EQ(alfa.at("brand").at("id").as_int64(), sony_);
  EXPECT_EQ(alfa.at("image").as_string(), "https://cdn.example.cl/qzx-a1.jpg") << "the first image";
  EXPECT_EQ(alfa.at("variants_count").as_int64(), 0);
  EXPECT_EQ(alfa.at("stock").as_int64(), 10) << "(5 - 2 reserved) in SCL + 7 in VAP";
  const json::object& bravo = Item(r, ids_["bravo"]);
  EXPECT_TRUE(bravo.at("brand").is_null());
  EXPECT_TRUE(bravo.at("image").is_null());
  EXPECT_EQ(bravo.at("variants_count").as_int64(), 2);
  EXPECT_EQ(bravo.at("stock").as_int64(), 7) << "summed over the variants";
  EXPECT_EQ(Item(r, ids_["echo"]).at("stock").as_int64(), 0) << "no inventory row at all";
}

TEST_F(AdminProductsHttpTest, List_StockIsTheSumOfAvailableInSql) {
  // Every product on the first pages of the whole catalog, demo products with stock in both
  // warehouses and per variant included: a join that multiplied rows would show here.
  int checked = 0;
  for (int page = 1; page <= 2; ++page) {
    auto r = List("status=all&limit=100&sort=-stock&page=" + std::to_string(page));
    ASSERT_EQ(r.status, 200) << r.raw;
    for (const auto& item : r.body.at("items").as_array()) {
      const std::int64_t id = item.at("id").as_int64();
      EXPECT_EQ(item.at("stock").as_int64(), AvailableInSql(id)) << "product " << id;
      EXPECT_EQ(item.at("variants_count").as_int64(),
                Scalar("SELECT COUNT(*) FROM product_variants WHERE product_id = ? "
                       "AND is_active = 1",
                       {id}))
          << "product " << id;
      ++checked;
    }
  }
  EXPECT_GE(checked, 20);
  // And the stock order agrees with those sums.
  auto r = List("status=all&limit=100&sort=-stock");
  std::int64_t previous = INT64_MAX;
  for (const auto& item : r.body.at("items").as_array()) {
    EXPECT_LE(item.at("stock").as_int64(), previous);
    previous = item.at("stock").as_int64();
  }
}

TEST_F(AdminProductsHttpTest, List_BadParametersAre422NamingEachField) {
  struct Case {
    std::string query;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"status=archived", "status"},      {"status=ACTIVE", "status"},
      {"sort=rating", "sort"},            {"sort=-", "sort"},
      {"sort=--name", "sort"},            {"sort=price_asc", "sort"},
      {"limit=101", "limit"},             {"limit=0", "limit"},
      {"limit=ten", "limit"},             {"page=0", "page"},
      {"page=-1", "page"},                {"category_id=abc", "category_id"},
      {"category_id=0", "category_id"},   {"brand_id=-3", "brand_id"},
      {"brand_id=1.5", "brand_id"},       {"q=" + std::string(201, 'a'), "q"},
  };
  for (const Case& c : cases) {
    auto r = List(c.query);
    EXPECT_EQ(r.status, 422) << c.query << ": " << r.raw;
    EXPECT_EQ(r.http.Header("content-type"), "application/problem+json") << c.query;
    EXPECT_EQ(ProblemType(r), "validation") << c.query;
    EXPECT_TRUE(NamesField(r, c.field)) << c.query << ": " << r.raw;
  }
  auto several = List("status=x&sort=y&limit=1000");
  EXPECT_TRUE(NamesField(several, "status"));
  EXPECT_TRUE(NamesField(several, "sort"));
  EXPECT_TRUE(NamesField(several, "limit"));
  EXPECT_EQ(List("q=" + std::string(200, 'a')).status, 200) << "200 characters are allowed";
}

// --- One product -------------------------------------------------------------------------------

TEST_F(AdminProductsHttpTest, Get_ReturnsTheEditFormsFieldsWithStockLevels) {
  const std::int64_t id = ids_["alfa"];
  auto r = Call("GET", "/api/v1/admin/products/" + std::to_string(id));
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body.at("id").as_int64(), id);
  EXPECT_EQ(r.body.at("sku").as_string(), "QZX-1");
  EXPECT_EQ(r.body.at("meta_title").as_string(), "Alfa | Moderno");
  EXPECT_EQ(r.body.at("meta_description").as_string(), "La lámpara Alfa.");
  EXPECT_EQ(r.body.at("cost_price").as_int64(), 1500);
  EXPECT_EQ(r.body.at("category").at("id").as_int64(), audifonos_);
  EXPECT_EQ(r.body.at("brand").at("id").as_int64(), sony_);
  EXPECT_TRUE(r.body.at("is_active").as_bool());
  EXPECT_TRUE(r.body.at("deleted_at").is_null());
  EXPECT_GE(r.body.at("breadcrumbs").as_array().size(), 1u);
  const auto& images = r.body.at("images").as_array();
  ASSERT_EQ(images.size(), 2u);
  EXPECT_EQ(images.at(0).at("url").as_string(), "https://cdn.example.cl/qzx-a1.jpg");
  EXPECT_EQ(images.at(0).at("alt").as_string(), "Frente");
  EXPECT_TRUE(images.at(0).as_object().contains("srcset")) << r.raw;
  EXPECT_TRUE(images.at(0).as_object().contains("sizes")) << r.raw;

  const auto& levels = r.body.at("stock_levels").as_array();
  ASSERT_EQ(levels.size(), 2u) << r.raw;
  // In warehouse priority order: SCL (10) before VAP (20).
  const json::object& scl = levels.at(0).as_object();
  EXPECT_EQ(scl.at("warehouse_code").as_string(), "SCL");
  EXPECT_EQ(scl.at("warehouse_name").as_string(), "Bodega Santiago");
  EXPECT_EQ(scl.at("warehouse_id").as_int64(),
            Scalar("SELECT id FROM warehouses WHERE code = 'SCL'"));
  EXPECT_TRUE(scl.at("variant_id").is_null());
  EXPECT_EQ(scl.at("sku").as_string(), "QZX-1");
  EXPECT_EQ(scl.at("quantity").as_int64(), 5);
  EXPECT_EQ(scl.at("reserved").as_int64(), 2);
  EXPECT_EQ(scl.at("available").as_int64(), 3);
  const json::object& vap = levels.at(1).as_object();
  EXPECT_EQ(vap.at("warehouse_code").as_string(), "VAP");
  EXPECT_EQ(vap.at("quantity").as_int64(), 7);
  EXPECT_EQ(vap.at("available").as_int64(), 7);
  std::int64_t available = 0;
  for (const auto& l : levels) available += l.at("available").as_int64();
  EXPECT_EQ(available, AvailableInSql(id));
}

TEST_F(AdminProductsHttpTest, Get_StockLevelsPerVariant) {
  auto r = Call("GET", "/api/v1/admin/products/" + std::to_string(ids_["bravo"]));
  ASSERT_EQ(r.status, 200) << r.raw;
  const auto& variants = r.body.at("variants").as_array();
  ASSERT_EQ(variants.size(), 2u);
  const auto& levels = r.body.at("stock_levels").as_array();
  ASSERT_EQ(levels.size(), 2u) << r.raw;
  EXPECT_EQ(levels.at(0).at("sku").as_string(), "QZX-2-S");
  EXPECT_EQ(levels.at(0).at("variant_id").as_int64(), variants.at(0).at("id").as_int64());
  EXPECT_EQ(levels.at(0).at("quantity").as_int64(), 3);
  EXPECT_EQ(levels.at(1).at("sku").as_string(), "QZX-2-M");
  EXPECT_EQ(levels.at(1).at("variant_id").as_int64(), variants.at(1).at("id").as_int64());
  EXPECT_EQ(levels.at(1).at("available").as_int64(), 4);
  auto echo = Call("GET", "/api/v1/admin/products/" + std::to_string(ids_["echo"]));
  ASSERT_EQ(echo.status, 200) << echo.raw;
  EXPECT_TRUE(echo.body.at("stock_levels").as_array().empty());
}

TEST_F(AdminProductsHttpTest, Get_InactiveAndDeletedProductsAreVisibleToStaffOnly) {
  const std::string charlie = std::to_string(ids_["charlie"]);
  auto inactive = Call("GET", "/api/v1/admin/products/" + charlie);
  ASSERT_EQ(inactive.status, 200) << inactive.raw;
  EXPECT_FALSE(inactive.body.at("is_active").as_bool());
  EXPECT_TRUE(inactive.body.at("deleted_at").is_null());
  EXPECT_EQ(inactive.body.at("stock_levels").as_array().size(), 1u);
  EXPECT_EQ(Call("GET", "/api/v1/products/" + charlie, "", nullptr).status, 404);

  const std::string delta = std::to_string(ids_["delta"]);
  auto deleted = Call("GET", "/api/v1/admin/products/" + delta);
  ASSERT_EQ(deleted.status, 200) << deleted.raw;
  EXPECT_FALSE(deleted.body.at("is_active").as_bool());
  ASSERT_TRUE(deleted.body.at("deleted_at").is_string()) << deleted.raw;
  EXPECT_TRUE(deleted.body.at("deleted_at").as_string().ends_with("Z"));
  EXPECT_EQ(deleted.body.at("sku").as_string(), "QZX-4");
  EXPECT_EQ(Call("GET", "/api/v1/products/" + delta, "", nullptr).status, 404);
}

TEST_F(AdminProductsHttpTest, Get_UnknownProductIs404Problem) {
  for (const std::string id : {"999999999", "0", "abc", "-1"}) {
    auto r = Call("GET", "/api/v1/admin/products/" + id);
    EXPECT_EQ(r.status, 404) << id << ": " << r.raw;
    EXPECT_EQ(r.http.Header("content-type"), "application/problem+json") << id;
    EXPECT_EQ(ProblemType(r), "not_found") << id;
  }
}

// --- Who may call ------------------------------------------------------------------------------

TEST_F(AdminProductsHttpTest, Roles_ManagerAndUpReadCustomersAndAnonymousDoNot) {
  const std::string one = "/api/v1/admin/products/" + std::to_string(ids_["alfa"]);
  for (const std::string& path : {std::string("/api/v1/admin/products"), one}) {
    EXPECT_EQ(Call("GET", path, "", nullptr).status, 401) << path;
    EXPECT_EQ(Call("GET", path, "", customer_).status, 403) << path;
    EXPECT_EQ(Call("GET", path, "", manager_).status, 200) << path;
    EXPECT_EQ(Call("GET", path, "", admin_).status, 200) << path;
  }
  // The role check comes before the validation and the lookup.
  EXPECT_EQ(List("status=bogus", customer_).status, 403);
  EXPECT_EQ(List("status=bogus", nullptr).status, 401);
  EXPECT_EQ(Call("GET", "/api/v1/admin/products/999999999", "", customer_).status, 403);
}

}  // namespace
}  // namespace moderno::testing
