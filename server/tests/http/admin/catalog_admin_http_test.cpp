// The catalog's staff routes over real sockets, on both databases: products, categories,
// brands, warehouses and stock, the audit log they write, the public cache they invalidate,
// and who may call them.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <string>
#include <vector>

#include "http_suite.hpp"

namespace moderno::testing {
namespace {

namespace json = boost::json;


class CatalogAdminHttpTest : public HttpSuite {
 protected:
  static void SetUpTestSuite() {
    StoreOptions o;
    o.seed_demo = true;
    StartStore(o);
    manager_ = new TestUser(store_->CreateUser(http::Role::kManager));
    admin_ = new TestUser(store_->CreateUser(http::Role::kAdmin));
    customer_ = new TestUser(store_->CreateUser(http::Role::kCustomer));
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
  static Reply Public(const std::string& target) { return Call("GET", target, "", nullptr); }

  static std::int64_t CategoryId(const std::string& slug) {
    auto r = Public("/api/v1/categories/" + slug);
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body.at("id").as_int64();
  }
  static std::int64_t BrandId(const std::string& slug) {
    auto r = Public("/api/v1/brands");
    for (const auto& b : r.body.at("data").as_array()) {
      if (b.at("slug").as_string() == slug) return b.at("id").as_int64();
    }
    ADD_FAILURE() << "no brand " << slug;
    return 0;
  }
  static std::string Unique(const std::string& prefix) {
    static int n = 0;
    return prefix + std::to_string(++n);
  }
  // A minimal valid product body.
  static json::object ProductBody(const std::string& sku, std::int64_t price = 19990) {
    return {{"name", "Producto de prueba " + sku},
            {"sku", sku},
            {"price", price},
            {"category_id", CategoryId("audifonos")}};
  }
  static json::object CreateProduct(const json::object& body) {
    auto r = Call("POST", "/api/v1/products", body);
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body;
  }
  static inline TestUser* manager_ = nullptr;
  static inline TestUser* admin_ = nullptr;
  static inline TestUser* customer_ = nullptr;
};

// --- Products ---------------------------------------------------------------------------------

TEST_F(CatalogAdminHttpTest, CreateProduct_Returns201WithDetailAndIsPublic) {
  const std::int64_t category = CategoryId("audifonos");
  const std::int64_t brand = BrandId("sony");
  json::object body{{"name", "Audífonos Ñandú Pro Max"},
                    {"sku", "ADM-NANDU-1"},
                    {"short_description", "Cancelación de ruido de verdad."},
                    {"description", "Un audífono pensado para el metro de Santiago."},
                    {"price", 89990},
                    {"compare_price", 99990},
                    {"cost_price", 50000},
                    {"category_id", category},
                    {"brand_id", brand},
                    {"weight_grams", 250},
                    {"dimensions", {{"length_cm", 20}, {"width_cm", 18}, {"height_cm", 8}}},
                    {"is_featured", true},
                    {"meta_title", "Audífonos Ñandú"},
                    {"images", json::array{json::object{{"url", "https://cdn.example.cl/a.jpg"},
                                                        {"alt", "Frente"}},
                                           json::object{{"url", "/media/b.jpg"}}}},
                    {"stock", 7}};
  auto r = Call("POST", "/api/v1/products", body);
  ASSERT_EQ(r.status, 201) << r.raw;
  const std::int64_t id = r.body.at("id").as_int64();
  EXPECT_EQ(r.http.Header("location"), "/api/v1/products/" + std::to_string(id));
  EXPECT_EQ(r.body.at("slug").as_string(), "audifonos-nandu-pro-max");
  EXPECT_EQ(r.body.at("price").as_int64(), 89990);
  EXPECT_EQ(r.body.at("compare_price").as_int64(), 99990);
  EXPECT_EQ(r.body.at("cost_price").as_int64(), 50000);
  EXPECT_EQ(r.body.at("currency").as_string(), "CLP");
  EXPECT_EQ(r.body.at("brand").at("id").as_int64(), brand);
  EXPECT_EQ(r.body.at("category").at("id").as_int64(), category);
  EXPECT_EQ(r.body.at("stock").as_int64(), 7);
  EXPECT_TRUE(r.body.at("is_active").as_bool());
  EXPECT_TRUE(r.body.at("is_featured").as_bool());
  EXPECT_EQ(r.body.at("dimensions").at("width_cm").as_int64(), 18);
  ASSERT_EQ(r.body.at("images").as_array().size(), 2u);
  EXPECT_EQ(r.body.at("images").at(0).at("alt").as_string(), "Frente");
  EXPECT_EQ(r.body.at("images").at(1).at("position").as_int64(), 2);
  EXPECT_GE(r.body.at("breadcrumbs").as_array().size(), 2u);

  // Public at once, by id and by slug, and found by a folded search of its name.
  auto pub = Public("/api/v1/products/audifonos-nandu-pro-max");
  ASSERT_EQ(pub.status, 200) << pub.raw;
  EXPECT_EQ(pub.body.at("id").as_int64(), id);
  EXPECT_FALSE(pub.body.contains("cost_price")) << "staff-only fields stay out of public answers";
  auto search = Public("/api/v1/products?search=NANDU%20pro");
  ASSERT_EQ(search.status, 200);
  ASSERT_EQ(search.body.at("pagination").at("total").as_int64(), 1);
  EXPECT_EQ(search.body.at("data").at(0).at("id").as_int64(), id);
  // The initial stock went to the preferred warehouse, with a ledger row.
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM inventory i JOIN warehouses w ON w.id = i.warehouse_id "
                   "WHERE i.product_id = ? AND w.code = 'SCL' AND i.quantity = 7",
                   {id}),
            1);
  EXPECT_EQ(
      Scalar("SELECT COUNT(*) FROM inventory_adjustments WHERE product_id = ? AND delta = 7", {id}),
      1);
}

TEST_F(CatalogAdminHttpTest, CreateProduct_SlugCollisionsAreNumbered) {
  auto a = ProductBody("ADM-SLUG-1");
  a["name"] = "Parlante Único";
  auto b = ProductBody("ADM-SLUG-2");
  b["name"] = "PARLANTE ÚNICO";
  auto c = ProductBody("ADM-SLUG-3");
  c["name"] = "Parlante -- único!";
  EXPECT_EQ(CreateProduct(a).at("slug").as_string(), "parlante-unico");
  EXPECT_EQ(CreateProduct(b).at("slug").as_string(), "parlante-unico-2");
  EXPECT_EQ(CreateProduct(c).at("slug").as_string(), "parlante-unico-3");
  auto numeric = ProductBody("ADM-SLUG-4");
  numeric["name"] = "2024";
  EXPECT_EQ(CreateProduct(numeric).at("slug").as_string(), "producto-2024")
      << "an all-digit slug would be read as an id";
}

TEST_F(CatalogAdminHttpTest, CreateProduct_WithVariantsAndStockPerVariant) {
  auto body = ProductBody("ADM-VAR-1", 59990);
  body["name"] = "Zapatilla Admin Runner";
  body["category_id"] = CategoryId("calzado");
  body["variants"] = json::array{json::object{{"name", "Talla 40"},
                                              {"sku", "ADM-VAR-1-40"},
                                              {"options", {{"talla", "40"}}},
                                              {"stock", 3}},
                                 json::object{{"name", "Talla 41"},
                                              {"sku", "ADM-VAR-1-41"},
                                              {"options", {{"talla", "41"}}},
                                              {"price", 64990},
                                              {"compare_price", 69990},
                                              {"stock", 0}}};
  auto p = CreateProduct(body);
  ASSERT_EQ(p.at("variants").as_array().size(), 2u);
  EXPECT_EQ(p.at("variants").at(0).at("price").as_int64(), 59990) << "inherits the product price";
  EXPECT_EQ(p.at("variants").at(0).at("stock").as_int64(), 3);
  EXPECT_EQ(p.at("variants").at(0).at("options").at("talla").as_string(), "40");
  EXPECT_EQ(p.at("variants").at(1).at("price").as_int64(), 64990);
  EXPECT_EQ(p.at("variants").at(1).at("in_stock").as_bool(), false);
  EXPECT_EQ(p.at("stock").as_int64(), 3);

  // Stock of a product with variants is kept per variant.
  auto top = ProductBody("ADM-VAR-2");
  top["variants"] = json::array{json::object{{"name", "Único"}, {"sku", "ADM-VAR-2-U"}}};
  top["stock"] = 4;
  EXPECT_TRUE(NamesField(Call("POST", "/api/v1/products", top), "stock", "not_allowed"));
}

TEST_F(CatalogAdminHttpTest, CreateProduct_EachInvalidFieldIs422NamingIt) {
  CreateProduct(ProductBody("ADM-TAKEN-1"));
  auto with_variant = ProductBody("ADM-TAKEN-3");
  with_variant["variants"] = json::array{json::object{{"name", "V"}, {"sku", "ADM-TAKEN-3-V"}}};
  CreateProduct(with_variant);
  const std::string taken_slug(CreateProduct(ProductBody("ADM-TAKEN-2")).at("slug").as_string());
  auto inactive = Call("POST", "/api/v1/categories",
                       json::object{{"name", Unique("Inactiva ")}, {"is_active", false}});
  ASSERT_EQ(inactive.status, 201) << inactive.raw;

  struct Case {
    const char* what;
    std::function<void(json::object&)> change;
    std::string field;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"no name", [](json::object& b) { b.erase("name"); }, "name", "required"},
      {"no sku", [](json::object& b) { b.erase("sku"); }, "sku", "required"},
      {"no price", [](json::object& b) { b.erase("price"); }, "price", "required"},
      {"no category", [](json::object& b) { b.erase("category_id"); }, "category_id", "required"},
      {"price 0", [](json::object& b) { b["price"] = 0; }, "price", "out_of_range"},
      {"negative price", [](json::object& b) { b["price"] = -5; }, "price", "out_of_range"},
      {"price as text", [](json::object& b) { b["price"] = "100"; }, "price", "type"},
      {"price with decimals", [](json::object& b) { b["price"] = 99.5; }, "price", "type"},
      {"compare_price equal", [](json::object& b) { b["compare_price"] = b["price"]; },
       "compare_price", "not_above_price"},
      {"compare_price below",
       [](json::object& b) { b["compare_price"] = b["price"].as_int64() - 1; }, "compare_price",
       "not_above_price"},
      {"unknown category", [](json::object& b) { b["category_id"] = 99999999; }, "category_id",
       "unknown"},
      {"inactive category", [&](json::object& b) { b["category_id"] = inactive.body.at("id"); },
       "category_id", "inactive"},
      {"unknown brand", [](json::object& b) { b["brand_id"] = 99999999; }, "brand_id", "unknown"},
      {"sku taken", [](json::object& b) { b["sku"] = "ADM-TAKEN-1"; }, "sku", "taken"},
      {"sku of a variant", [](json::object& b) { b["sku"] = "ADM-TAKEN-3-V"; }, "sku", "taken"},
      {"slug taken", [&](json::object& b) { b["slug"] = taken_slug; }, "slug", "taken"},
      {"slug malformed", [](json::object& b) { b["slug"] = "Con Espacios"; }, "slug", "invalid"},
      {"sku malformed", [](json::object& b) { b["sku"] = "A/B"; }, "sku", "invalid"},
      {"currency malformed", [](json::object& b) { b["currency"] = "pesos"; }, "currency", ""},
      {"unknown field", [](json::object& b) { b["prise"] = 1; }, "prise", "unknown"},
      {"image without url",
       [](json::object& b) {
         b["images"] = json::array{json::object{{"alt", "x"}}};
       },
       "images[0].url", "required"},
      {"image url scheme",
       [](json::object& b) {
         b["images"] = json::array{json::object{{"url", "ftp://x"}}};
       },
       "images[0].url", "invalid"},
      {"dimensions incomplete",
       [](json::object& b) {
         b["dimensions"] = {{"length_cm", 1}};
       },
       "dimensions.width_cm", "required"},
      {"duplicate variant skus",
       [](json::object& b) {
         b["variants"] = json::array{json::object{{"name", "A"}, {"sku", "ADM-DUP-V"}},
                                     json::object{{"name", "B"}, {"sku", "ADM-DUP-V"}}};
       },
       "variants[1].sku", "duplicate"},
      {"variant sku of a product",
       [](json::object& b) {
         b["variants"] = json::array{json::object{{"name", "A"}, {"sku", "ADM-TAKEN-1"}}};
       },
       "variants[0].sku", "taken"},
      {"variant without name",
       [](json::object& b) {
         b["variants"] = json::array{json::object{{"sku", "ADM-NN"}}};
       },
       "variants[0].name", "required"},
      {"negative stock", [](json::object& b) { b["stock"] = -1; }, "stock", "out_of_range"},
  };
  for (const Case& c : cases) {
    json::object body = ProductBody(Unique("ADM-BAD-"));
    c.change(body);
    auto r = Call("POST", "/api/v1/products", body);
    EXPECT_EQ(r.status, 422) << c.what << ": " << r.raw;
    EXPECT_TRUE(NamesField(r, c.field, c.code)) << c.what << ": " << r.raw;
    EXPECT_EQ(r.body.at("type").as_string(), "https://moderno.dev/problems/validation") << c.what;
  }
  // Every shape problem is reported at once.
  auto many = Call("POST", "/api/v1/products", json::object{{"price", 0}});
  EXPECT_GE(FieldCodes(many).size(), 4u) << many.raw;
  // Not JSON at all is 400.
  EXPECT_EQ(Call("POST", "/api/v1/products", std::string("{not json")).status, 400);
  EXPECT_EQ(Call("POST", "/api/v1/products", std::string("[1,2]")).status, 400);
}

TEST_F(CatalogAdminHttpTest, UpdateProduct_PriceChangeIsVisibleOnTheNextPublicGet) {
  auto p = CreateProduct(ProductBody("ADM-PRICE-1", 10000));
  const std::string id = std::to_string(p.at("id").as_int64());
  const std::string slug(p.at("slug").as_string());
  // Warm the public cache: the second read is a hit.
  ASSERT_EQ(Public("/api/v1/products/" + id).body.at("price").as_int64(), 10000);
  auto warm = Public("/api/v1/products/" + id);
  EXPECT_EQ(warm.http.Header("x-cache"), "hit");
  auto list_before = Public("/api/v1/products?search=ADM-PRICE-1");
  ASSERT_EQ(list_before.body.at("data").at(0).at("price").as_int64(), 10000);

  auto r = Call("PUT", "/api/v1/products/" + id, json::object{{"price", 8990}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body.at("price").as_int64(), 8990);

  EXPECT_EQ(Public("/api/v1/products/" + id).body.at("price").as_int64(), 8990);
  EXPECT_EQ(Public("/api/v1/products/" + slug).body.at("price").as_int64(), 8990);
  EXPECT_EQ(
      Public("/api/v1/products?search=ADM-PRICE-1").body.at("data").at(0).at("price").as_int64(),
      8990);
}

TEST_F(CatalogAdminHttpTest, UpdateProduct_OnlyFieldsPresentChange) {
  auto body = ProductBody("ADM-PART-1", 25000);
  body["brand_id"] = BrandId("jbl");
  body["description"] = "Texto original";
  body["compare_price"] = 30000;
  auto p = CreateProduct(body);
  const std::string id = std::to_string(p.at("id").as_int64());

  auto r =
      Call("PUT", "/api/v1/products/" + id, json::object{{"name", "Nombre Cambiado Pingüino"}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body.at("name").as_string(), "Nombre Cambiado Pingüino");
  EXPECT_EQ(r.body.at("slug"), p.at("slug")) << "the slug stays unless given";
  EXPECT_EQ(r.body.at("price").as_int64(), 25000);
  EXPECT_EQ(r.body.at("compare_price").as_int64(), 30000);
  EXPECT_EQ(r.body.at("description").as_string(), "Texto original");
  EXPECT_EQ(r.body.at("brand").at("id"), p.at("brand").at("id"));
  // The search text follows the new name.
  auto found = Public("/api/v1/products?search=pinguino");
  ASSERT_EQ(found.body.at("pagination").at("total").as_int64(), 1) << found.raw;

  // Null clears a nullable field; a new slug is taken as given.
  r = Call(
      "PUT", "/api/v1/products/" + id,
      json::object{{"compare_price", nullptr}, {"brand_id", nullptr}, {"slug", "nuevo-slug-adm"}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_TRUE(r.body.at("compare_price").is_null());
  EXPECT_TRUE(r.body.at("brand").is_null());
  EXPECT_EQ(Public("/api/v1/products/nuevo-slug-adm").status, 200);

  // Deactivated: hidden from the public, still editable by staff.
  r = Call("PUT", "/api/v1/products/" + id, json::object{{"is_active", false}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_FALSE(r.body.at("is_active").as_bool());
  EXPECT_EQ(Public("/api/v1/products/" + id).status, 404);
  r = Call("PUT", "/api/v1/products/" + id, json::object{{"is_active", true}});
  EXPECT_EQ(Public("/api/v1/products/" + id).status, 200);
}

TEST_F(CatalogAdminHttpTest, UpdateProduct_VariantsAreUpdatedCreatedAndDeactivated) {
  auto body = ProductBody("ADM-VUP-1", 20000);
  body["variants"] = json::array{json::object{{"name", "Rojo"}, {"sku", "ADM-VUP-1-R"}},
                                 json::object{{"name", "Azul"}, {"sku", "ADM-VUP-1-A"}}};
  auto p = CreateProduct(body);
  const std::string id = std::to_string(p.at("id").as_int64());
  const std::int64_t red = p.at("variants").at(0).at("id").as_int64();

  auto r =
      Call("PUT", "/api/v1/products/" + id,
           json::object{
               {"variants", json::array{json::object{{"id", red}, {"price", 21000}},
                                        json::object{{"name", "Verde"}, {"sku", "ADM-VUP-1-V"}}}}});
  ASSERT_EQ(r.status, 200) << r.raw;
  auto variants = r.body.at("variants").as_array();
  ASSERT_EQ(variants.size(), 2u) << "the blue one was not listed, so it is deactivated";
  EXPECT_EQ(variants[0].at("id").as_int64(), red);
  EXPECT_EQ(variants[0].at("name").as_string(), "Rojo");
  EXPECT_EQ(variants[0].at("price").as_int64(), 21000);
  EXPECT_EQ(variants[1].at("sku").as_string(), "ADM-VUP-1-V");
  EXPECT_EQ(Scalar("SELECT is_active FROM product_variants WHERE sku = 'ADM-VUP-1-A'"), 0);

  // An id of another product's variant, and stock through the product, are refused.
  auto other = CreateProduct([] {
    auto b = ProductBody("ADM-VUP-2");
    b["variants"] = json::array{json::object{{"name", "X"}, {"sku", "ADM-VUP-2-X"}}};
    return b;
  }());
  r = Call("PUT", "/api/v1/products/" + id,
           json::object{{"variants",
                         json::array{json::object{{"id", other.at("variants").at(0).at("id")}}}}});
  EXPECT_TRUE(NamesField(r, "variants[0].id", "unknown")) << r.raw;
  r = Call("PUT", "/api/v1/products/" + id, json::object{{"stock", 5}});
  EXPECT_TRUE(NamesField(r, "stock", "not_allowed")) << r.raw;
}

TEST_F(CatalogAdminHttpTest, UpdateProduct_ErrorsAre404Or422) {
  auto p = CreateProduct(ProductBody("ADM-UPE-1", 5000));
  CreateProduct(ProductBody("ADM-UPE-2", 5000));
  const std::string id = std::to_string(p.at("id").as_int64());
  EXPECT_EQ(Call("PUT", "/api/v1/products/99999999", json::object{{"price", 1}}).status, 404);
  EXPECT_EQ(Call("PUT", "/api/v1/products/not-an-id", json::object{{"price", 1}}).status, 404);
  auto r = Call("PUT", "/api/v1/products/" + id, json::object{{"sku", "ADM-UPE-2"}});
  EXPECT_TRUE(NamesField(r, "sku", "taken")) << r.raw;
  r = Call("PUT", "/api/v1/products/" + id, json::object{{"compare_price", 4000}});
  EXPECT_TRUE(NamesField(r, "compare_price", "not_above_price")) << r.raw;
  r = Call("PUT", "/api/v1/products/" + id, json::object{{"name", nullptr}});
  EXPECT_TRUE(NamesField(r, "name", "required")) << r.raw;
  r = Call("PUT", "/api/v1/products/" + id, json::object{{"price", 0}});
  EXPECT_TRUE(NamesField(r, "price", "out_of_range")) << r.raw;
  // Its own sku again is not "taken".
  r = Call("PUT", "/api/v1/products/" + id, json::object{{"sku", "ADM-UPE-1"}});
  EXPECT_EQ(r.status, 200) << r.raw;
}

TEST_F(CatalogAdminHttpTest, DeleteProduct_IsSoftAndHidesItFromThePublic) {
  auto p = CreateProduct(ProductBody("ADM-DEL-1"));
  const std::string id = std::to_string(p.at("id").as_int64());
  ASSERT_EQ(Public("/api/v1/products/" + id).status, 200);
  ASSERT_EQ(
      Public("/api/v1/products?search=ADM-DEL-1").body.at("pagination").at("total").as_int64(), 1);

  auto r = Call("DELETE", "/api/v1/products/" + id);
  EXPECT_EQ(r.status, 204) << r.raw;
  EXPECT_TRUE(r.raw.empty());
  EXPECT_EQ(Public("/api/v1/products/" + id).status, 404);
  EXPECT_EQ(Public("/api/v1/products/" + std::string(p.at("slug").as_string())).status, 404);
  EXPECT_EQ(
      Public("/api/v1/products?search=ADM-DEL-1").body.at("pagination").at("total").as_int64(), 0);
  // The row stays, inactive and marked deleted.
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM products WHERE id = ? AND is_active = 0 AND "
                   "deleted_at IS NOT NULL",
                   {p.at("id").as_int64()}),
            1);
  EXPECT_EQ(Call("DELETE", "/api/v1/products/" + id).status, 404);
  EXPECT_EQ(Call("PUT", "/api/v1/products/" + id, json::object{{"price", 1}}).status, 404);
}

TEST_F(CatalogAdminHttpTest, PublicProductRoutesAreUnchanged) {
  EXPECT_EQ(Public("/api/v1/products/1").status, 200);
  EXPECT_EQ(Public("/api/v1/products?limit=1").status, 200);
  auto r = Call("PATCH", "/api/v1/products/1", std::string("{}"));
  EXPECT_EQ(r.status, 405);
  const std::string allow = r.http.Header("allow");
  for (const char* m : {"GET", "PUT", "DELETE"})
    EXPECT_NE(allow.find(m), std::string::npos) << allow;
}

// --- Categories and brands ----------------------------------------------------------------------

TEST_F(CatalogAdminHttpTest, Categories_CreateUpdateAndCycles) {
  auto root =
      Call("POST", "/api/v1/categories",
           json::object{{"name", "Mascotas Admin"}, {"description", "Todo para tu mascota"}});
  ASSERT_EQ(root.status, 201) << root.raw;
  EXPECT_EQ(root.body.at("slug").as_string(), "mascotas-admin");
  const std::int64_t root_id = root.body.at("id").as_int64();
  auto child = Call("POST", "/api/v1/categories",
                    json::object{{"name", "Perros Admin"}, {"parent_id", root_id}});
  ASSERT_EQ(child.status, 201) << child.raw;
  const std::int64_t child_id = child.body.at("id").as_int64();
  auto grandchild = Call("POST", "/api/v1/categories",
                         json::object{{"name", "Collares Admin"}, {"parent_id", child_id}});
  ASSERT_EQ(grandchild.status, 201) << grandchild.raw;
  const std::int64_t grandchild_id = grandchild.body.at("id").as_int64();

  // The public tree shows it at once.
  auto pub = Public("/api/v1/categories/mascotas-admin");
  ASSERT_EQ(pub.status, 200) << pub.raw;
  EXPECT_EQ(pub.body.at("children").as_array().size(), 1u);

  auto r = Call("PUT", "/api/v1/categories/" + std::to_string(root_id),
                json::object{{"parent_id", grandchild_id}});
  EXPECT_EQ(r.status, 422) << r.raw;
  EXPECT_TRUE(NamesField(r, "parent_id", "cycle")) << r.raw;
  r = Call("PUT", "/api/v1/categories/" + std::to_string(child_id),
           json::object{{"parent_id", child_id}});
  EXPECT_TRUE(NamesField(r, "parent_id", "cycle")) << r.raw;
  r = Call("PUT", "/api/v1/categories/" + std::to_string(child_id),
           json::object{{"parent_id", 99999999}});
  EXPECT_TRUE(NamesField(r, "parent_id", "unknown")) << r.raw;
  r = Call("PUT", "/api/v1/categories/" + std::to_string(root_id),
           json::object{{"slug", "electronicos"}});
  EXPECT_TRUE(NamesField(r, "slug", "taken")) << r.raw;

  // Moving a leaf to the top and renaming is fine.
  r = Call("PUT", "/api/v1/categories/" + std::to_string(grandchild_id),
           json::object{{"parent_id", nullptr}, {"name", "Collares"}, {"sort_order", 99}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_TRUE(r.body.at("parent_id").is_null());
  EXPECT_EQ(r.body.at("name").as_string(), "Collares");
  EXPECT_EQ(r.body.at("slug").as_string(), "collares-admin");
  EXPECT_EQ(Call("PUT", "/api/v1/categories/99999999", json::object{{"name", "x"}}).status, 404);
}

TEST_F(CatalogAdminHttpTest, Categories_DeleteRefusedWhileInUse) {
  auto parent = Call("POST", "/api/v1/categories", json::object{{"name", Unique("Borrable ")}});
  ASSERT_EQ(parent.status, 201);
  const std::string parent_id = std::to_string(parent.body.at("id").as_int64());
  auto child = Call("POST", "/api/v1/categories",
                    json::object{{"name", Unique("Hija ")}, {"parent_id", parent.body.at("id")}});
  ASSERT_EQ(child.status, 201);
  const std::string child_id = std::to_string(child.body.at("id").as_int64());

  // A seeded category full of products.
  auto r = Call("DELETE", "/api/v1/categories/" + std::to_string(CategoryId("smartphones")));
  EXPECT_EQ(r.status, 409) << r.raw;
  // A category with a subcategory.
  r = Call("DELETE", "/api/v1/categories/" + parent_id);
  EXPECT_EQ(r.status, 409) << r.raw;
  // A category whose only product was deleted: deactivate instead.
  auto body = ProductBody(Unique("ADM-CATDEL-"));
  body["category_id"] = child.body.at("id");
  auto p = CreateProduct(body);
  ASSERT_EQ(Call("DELETE", "/api/v1/products/" + std::to_string(p.at("id").as_int64())).status,
            204);
  r = Call("DELETE", "/api/v1/categories/" + child_id);
  EXPECT_EQ(r.status, 409) << r.raw;
  EXPECT_NE(r.body.at("detail").as_string().find("deactivate"), json::string::npos);

  auto empty = Call("POST", "/api/v1/categories",
                    json::object{{"name", Unique("Vacía ")}, {"parent_id", parent.body.at("id")}});
  const std::string empty_id = std::to_string(empty.body.at("id").as_int64());
  const std::string empty_slug(empty.body.at("slug").as_string());
  ASSERT_EQ(Public("/api/v1/categories/" + empty_slug).status, 200);
  EXPECT_EQ(Call("DELETE", "/api/v1/categories/" + empty_id).status, 204);
  EXPECT_EQ(Public("/api/v1/categories/" + empty_slug).status, 404);
  EXPECT_EQ(Call("DELETE", "/api/v1/categories/" + empty_id).status, 404);
}

TEST_F(CatalogAdminHttpTest, Brands_CrudAndSearchFollowsTheName) {
  auto r = Call("POST", "/api/v1/brands",
                json::object{{"name", "Marca Quetzalañil"},
                             {"description", "De prueba"},
                             {"logo_url", "https://cdn.example.cl/logo.png"}});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body.at("slug").as_string(), "marca-quetzalanil");
  const std::string id = std::to_string(r.body.at("id").as_int64());
  EXPECT_TRUE(NamesField(Call("POST", "/api/v1/brands", json::object{{"name", "Marca Quetzalañil"}}),
                    "name", "taken"));
  EXPECT_TRUE(
      NamesField(Call("POST", "/api/v1/brands", json::object{{"name", "Otra"}, {"slug", "sony"}}),
            "slug", "taken"));
  EXPECT_TRUE(NamesField(Call("POST", "/api/v1/brands", json::object{}), "name", "required"));

  // Public at once, and its products are found by the brand's (new) name.
  bool listed = false;
  const Reply brands = Public("/api/v1/brands");  // kept alive for the loop
  for (const auto& b : brands.body.at("data").as_array()) {
    listed = listed || b.at("slug").as_string() == "marca-quetzalanil";
  }
  EXPECT_TRUE(listed);
  auto body = ProductBody("ADM-BRAND-1");
  body["brand_id"] = r.body.at("id");
  auto p = CreateProduct(body);
  EXPECT_EQ(
      Public("/api/v1/products?search=quetzalanil").body.at("pagination").at("total").as_int64(),
      1);
  auto renamed = Call("PUT", "/api/v1/brands/" + id, json::object{{"name", "Marca Zafirovski"}});
  ASSERT_EQ(renamed.status, 200) << renamed.raw;
  EXPECT_EQ(renamed.body.at("name").as_string(), "Marca Zafirovski");
  EXPECT_EQ(renamed.body.at("slug").as_string(), "marca-quetzalanil")
      << "the slug stays unless given";
  EXPECT_EQ(
      Public("/api/v1/products?search=zafirovski").body.at("pagination").at("total").as_int64(), 1);
  EXPECT_EQ(
      Public("/api/v1/products?search=quetzalanil").body.at("pagination").at("total").as_int64(),
      0);
  EXPECT_EQ(Public("/api/v1/products/" + std::to_string(p.at("id").as_int64()))
                .body.at("brand")
                .at("name")
                .as_string(),
            "Marca Zafirovski");

  // Delete: refused while a product uses it, then allowed.
  EXPECT_EQ(Call("DELETE", "/api/v1/brands/" + id).status, 409);
  ASSERT_EQ(Call("PUT", "/api/v1/products/" + std::to_string(p.at("id").as_int64()),
                 json::object{{"brand_id", nullptr}})
                .status,
            200);
  EXPECT_EQ(Call("DELETE", "/api/v1/brands/" + id).status, 204);
  EXPECT_EQ(Call("DELETE", "/api/v1/brands/" + id).status, 404);
  EXPECT_EQ(Call("PUT", "/api/v1/brands/" + id, json::object{{"name", "x"}}).status, 404);
  EXPECT_EQ(Call("DELETE", "/api/v1/brands/" + std::to_string(BrandId("samsung"))).status, 409);
}

// --- Warehouses and stock ---------------------------------------------------------------------

TEST_F(CatalogAdminHttpTest, Warehouses_ListCreateUpdate) {
  auto list = Call("GET", "/api/v1/warehouses");
  ASSERT_EQ(list.status, 200) << list.raw;
  ASSERT_GE(list.body.at("data").as_array().size(), 2u);
  EXPECT_EQ(list.body.at("data").at(0).at("code").as_string(), "SCL");

  auto r = Call("POST", "/api/v1/warehouses",
                json::object{{"code", "CCP"},
                             {"name", "Bodega Concepción"},
                             {"city", "Concepción"},
                             {"region", "Región del Biobío"},
                             {"priority", 30}});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body.at("priority").as_int64(), 30);
  EXPECT_TRUE(r.body.at("is_active").as_bool());
  const std::string id = std::to_string(r.body.at("id").as_int64());
  EXPECT_TRUE(
      NamesField(Call("POST", "/api/v1/warehouses",
                 json::object{{"code", "CCP"}, {"name", "x"}, {"city", "x"}, {"region", "x"}}),
            "code", "taken"));
  auto missing = Call("POST", "/api/v1/warehouses", json::object{{"code", "X Y"}});
  EXPECT_TRUE(NamesField(missing, "code", "invalid")) << missing.raw;
  EXPECT_TRUE(NamesField(missing, "name", "required")) << missing.raw;
  EXPECT_TRUE(NamesField(missing, "city", "required")) << missing.raw;

  r = Call("PUT", "/api/v1/warehouses/" + id, json::object{{"priority", 1}, {"is_active", false}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body.at("priority").as_int64(), 1);
  EXPECT_FALSE(r.body.at("is_active").as_bool());
  EXPECT_EQ(r.body.at("name").as_string(), "Bodega Concepción");
  list = Call("GET", "/api/v1/warehouses");
  EXPECT_EQ(list.body.at("data").at(0).at("code").as_string(), "CCP") << "sorted by priority";
  // Inactive, so it is not where new stock goes.
  auto p = CreateProduct([] {
    auto b = ProductBody("ADM-WH-1");
    b["stock"] = 2;
    return b;
  }());
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM inventory i JOIN warehouses w ON w.id = i.warehouse_id "
                   "WHERE i.product_id = ? AND w.code = 'SCL'",
                   {p.at("id").as_int64()}),
            1);
  EXPECT_EQ(Call("PUT", "/api/v1/warehouses/99999999", json::object{{"priority", 1}}).status, 404);
  EXPECT_TRUE(NamesField(Call("PUT", "/api/v1/warehouses/" + id, json::object{{"code", "SCL"}}), "code",
                    "taken"));
}

TEST_F(CatalogAdminHttpTest, Inventory_SetQuantityRespectsReservations) {
  auto p = CreateProduct(ProductBody("ADM-INV-1"));
  const std::int64_t product_id = p.at("id").as_int64();

  // A row that does not exist yet is created.
  auto r = Call("PUT", "/api/v1/inventory/ADM-INV-1/VAP",
                json::object{{"quantity", 12}, {"reorder_point", 3}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body.at("quantity").as_int64(), 12);
  EXPECT_EQ(r.body.at("available").as_int64(), 12);
  EXPECT_EQ(r.body.at("reorder_point").as_int64(), 3);
  EXPECT_EQ(r.body.at("reorder_quantity").as_int64(), 50);
  EXPECT_EQ(r.body.at("warehouse").as_string(), "VAP");
  EXPECT_EQ(r.body.at("adjustment").at("delta").as_int64(), 12);
  EXPECT_EQ(Public("/api/v1/products/" + std::to_string(product_id)).body.at("stock").as_int64(),
            12)
      << "the public stock follows at once";

  // Not below what is reserved.
  Exec("UPDATE inventory SET reserved_quantity = 5 WHERE product_id = ?", {product_id});
  r = Call("PUT", "/api/v1/inventory/ADM-INV-1/VAP", json::object{{"quantity", 4}});
  EXPECT_EQ(r.status, 409) << r.raw;
  EXPECT_EQ(r.body.at("type").as_string(), "https://moderno.dev/problems/insufficient_stock");
  r = Call("PUT", "/api/v1/inventory/ADM-INV-1/VAP",
           json::object{{"quantity", 5}, {"reason", "conteo"}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body.at("available").as_int64(), 0);
  EXPECT_EQ(r.body.at("adjustment").at("delta").as_int64(), -7);
  EXPECT_EQ(r.body.at("adjustment").at("reason").as_string(), "conteo");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM inventory_adjustments WHERE product_id = ?", {product_id}),
            2);
  // The same quantity again changes nothing and writes no ledger row.
  r = Call("PUT", "/api/v1/inventory/ADM-INV-1/VAP", json::object{{"quantity", 5}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_TRUE(r.body.at("adjustment").is_null());
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM inventory_adjustments WHERE product_id = ?", {product_id}),
            2);

  EXPECT_EQ(Call("PUT", "/api/v1/inventory/NO-SUCH-SKU/SCL", json::object{{"quantity", 1}}).status,
            404);
  EXPECT_EQ(Call("PUT", "/api/v1/inventory/ADM-INV-1/NOPE", json::object{{"quantity", 1}}).status,
            404);
  EXPECT_TRUE(NamesField(Call("PUT", "/api/v1/inventory/ADM-INV-1/SCL", json::object{{"quantity", -1}}),
                    "quantity", "out_of_range"));
  EXPECT_TRUE(NamesField(Call("PUT", "/api/v1/inventory/ADM-INV-1/SCL", json::object{}), "quantity",
                    "required"));
  // Products with variants keep stock per variant SKU.
  auto v = CreateProduct([] {
    auto b = ProductBody("ADM-INV-2");
    b["variants"] = json::array{json::object{{"name", "S"}, {"sku", "ADM-INV-2-S"}}};
    return b;
  }());
  EXPECT_TRUE(NamesField(Call("PUT", "/api/v1/inventory/ADM-INV-2/SCL", json::object{{"quantity", 1}}),
                    "sku", "has_variants"));
  r = Call("PUT", "/api/v1/inventory/ADM-INV-2-S/SCL", json::object{{"quantity", 6}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body.at("variant_id"), v.at("variants").at(0).at("id"));
  auto pub = Public("/api/v1/products/" + std::to_string(v.at("id").as_int64()));
  EXPECT_EQ(pub.body.at("variants").at(0).at("stock").as_int64(), 6);
}

TEST_F(CatalogAdminHttpTest, Inventory_AdjustNeverGoesNegativeAndWritesTheLedger) {
  auto p = CreateProduct([] {
    auto b = ProductBody("ADM-ADJ-1");
    b["stock"] = 10;
    return b;
  }());
  const std::int64_t product_id = p.at("id").as_int64();
  auto adjust = [](std::int64_t delta, const std::string& reason = "recepción") {
    return Call(
        "POST", "/api/v1/inventory/adjust",
        json::object{
            {"sku", "ADM-ADJ-1"}, {"warehouse", "SCL"}, {"delta", delta}, {"reason", reason}});
  };
  auto r = adjust(5);
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body.at("quantity").as_int64(), 15);
  EXPECT_EQ(r.body.at("adjustment").at("quantity_after").as_int64(), 15);
  r = adjust(-3, "merma");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body.at("quantity").as_int64(), 12);

  r = adjust(-13);
  EXPECT_EQ(r.status, 409) << r.raw;
  EXPECT_EQ(r.body.at("type").as_string(), "https://moderno.dev/problems/insufficient_stock");
  Exec("UPDATE inventory SET reserved_quantity = 10 WHERE product_id = ?", {product_id});
  EXPECT_EQ(adjust(-3).status, 409) << "never below what is reserved";
  EXPECT_EQ(adjust(-2).status, 200);
  EXPECT_EQ(Scalar("SELECT quantity FROM inventory WHERE product_id = ?", {product_id}), 10);

  // Ledger: initial stock, +5, -3, -2; refused attempts leave nothing.
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM inventory_adjustments WHERE product_id = ?", {product_id}),
            4);
  EXPECT_EQ(
      Scalar("SELECT SUM(delta) FROM inventory_adjustments WHERE product_id = ?", {product_id}),
      10);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM inventory_adjustments WHERE product_id = ? AND "
                   "reason = 'merma' AND delta = -3 AND quantity_after = 12 AND actor_user_id = ?",
                   {product_id, manager_->id}),
            1);
  // An item with no row in the warehouse has nothing to take.
  r = Call(
      "POST", "/api/v1/inventory/adjust",
      json::object{{"sku", "ADM-ADJ-1"}, {"warehouse", "VAP"}, {"delta", -1}, {"reason", "x"}});
  EXPECT_EQ(r.status, 409) << r.raw;

  auto bad =
      Call("POST", "/api/v1/inventory/adjust",
           json::object{{"sku", "NO-SUCH"}, {"warehouse", "NOPE"}, {"delta", 1}, {"reason", "x"}});
  EXPECT_TRUE(NamesField(bad, "sku", "unknown")) << bad.raw;
  EXPECT_TRUE(NamesField(bad, "warehouse", "unknown")) << bad.raw;
  EXPECT_TRUE(NamesField(adjust(0), "delta", "zero"));
  auto missing = Call("POST", "/api/v1/inventory/adjust", json::object{{"sku", "ADM-ADJ-1"}});
  EXPECT_TRUE(NamesField(missing, "warehouse", "required")) << missing.raw;
  EXPECT_TRUE(NamesField(missing, "delta", "required")) << missing.raw;
  EXPECT_TRUE(NamesField(missing, "reason", "required")) << missing.raw;
}

// --- Audit log --------------------------------------------------------------------------------

TEST_F(CatalogAdminHttpTest, AuditLog_EveryWriteIsRecordedAndListed) {
  auto p = CreateProduct(ProductBody("ADM-AUD-1", 1000));
  const std::string id = std::to_string(p.at("id").as_int64());
  ASSERT_EQ(Call("PUT", "/api/v1/products/" + id, json::object{{"price", 1200}}).status, 200);
  ASSERT_EQ(Call("DELETE", "/api/v1/products/" + id).status, 204);
  // A refused write leaves no record.
  ASSERT_EQ(Call("PUT", "/api/v1/products/" + id, json::object{{"price", 1}}).status, 404);

  auto r = Call("GET", "/api/v1/admin/audit-log?entity=product&entity_id=" + id, "", admin_);
  ASSERT_EQ(r.status, 200) << r.raw;
  auto data = r.body.at("data").as_array();
  ASSERT_EQ(data.size(), 3u) << r.raw;
  EXPECT_EQ(r.body.at("pagination").at("total").as_int64(), 3);
  EXPECT_EQ(data[0].at("action").as_string(), "product.delete") << "newest first";
  EXPECT_EQ(data[1].at("action").as_string(), "product.update");
  EXPECT_EQ(data[2].at("action").as_string(), "product.create");
  const auto& update = data[1].as_object();
  EXPECT_EQ(update.at("actor_user_id").as_int64(), manager_->id);
  EXPECT_EQ(update.at("actor_role").as_string(), "manager");
  EXPECT_EQ(update.at("entity").as_string(), "product");
  EXPECT_EQ(update.at("details").at("changes").at("price").at("from").as_int64(), 1000);
  EXPECT_EQ(update.at("details").at("changes").at("price").at("to").as_int64(), 1200);
  EXPECT_FALSE(update.at("request_id").as_string().empty());
  EXPECT_FALSE(update.at("ip").as_string().empty());
  EXPECT_EQ(update.at("created_at").as_string().back(), 'Z');

  // Filters and pagination.
  r = Call("GET", "/api/v1/admin/audit-log?action=product.update&entity_id=" + id, "", admin_);
  EXPECT_EQ(r.body.at("pagination").at("total").as_int64(), 1);
  r = Call("GET", "/api/v1/admin/audit-log?actor=" + std::to_string(manager_->id) + "&limit=2", "",
           admin_);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.at("data").as_array().size(), 2u);
  EXPECT_GE(r.body.at("pagination").at("total").as_int64(), 3);
  EXPECT_EQ(r.body.at("pagination").at("limit").as_int64(), 2);
  r = Call("GET", "/api/v1/admin/audit-log?from=2000-01-01&to=2000-12-31", "", admin_);
  EXPECT_EQ(r.body.at("pagination").at("total").as_int64(), 0);
  r = Call("GET", "/api/v1/admin/audit-log?from=2000-01-01T00:00:00Z&entity_id=" + id, "", admin_);
  EXPECT_EQ(r.body.at("pagination").at("total").as_int64(), 3);
  r = Call("GET", "/api/v1/admin/audit-log?actor=" + std::to_string(admin_->id), "", admin_);
  ASSERT_EQ(r.status, 200) << r.raw;
  for (const auto& e : r.body.at("data").as_array())
    EXPECT_EQ(e.at("action").as_string(), "user.login") << "reads are not audited: " << r.raw;

  // Other entities write their own actions.
  CreateProduct(ProductBody("ADM-AUD-2"));
  auto inv = Call("PUT", "/api/v1/inventory/ADM-AUD-2/SCL", json::object{{"quantity", 1}});
  ASSERT_EQ(inv.status, 200) << inv.raw;
  r = Call("GET",
           "/api/v1/admin/audit-log?entity=inventory&entity_id=" +
               std::to_string(inv.body.at("id").as_int64()),
           "", admin_);
  ASSERT_EQ(r.body.at("pagination").at("total").as_int64(), 1) << r.raw;
  EXPECT_EQ(r.body.at("data").at(0).at("action").as_string(), "inventory.set");
  EXPECT_EQ(r.body.at("data").at(0).at("details").at("quantity").at("to").as_int64(), 1);

  // Bad parameters are 422 naming each.
  r = Call("GET", "/api/v1/admin/audit-log?from=ayer&to=2024-13-01&actor=x&limit=0", "", admin_);
  EXPECT_EQ(r.status, 422);
  for (const char* f : {"from", "to", "actor", "limit"}) EXPECT_TRUE(NamesField(r, f)) << f << r.raw;
  // Admin and up: a manager may write the catalog but not read the log.
  EXPECT_EQ(Call("GET", "/api/v1/admin/audit-log", "", manager_).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/admin/audit-log", "", customer_).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/admin/audit-log", "", nullptr).status, 401);
}

// --- Access ---------------------------------------------------------------------------------

TEST_F(CatalogAdminHttpTest, EveryRouteNeedsAManager) {
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"POST", "/api/v1/products"},       {"PUT", "/api/v1/products/1"},
      {"DELETE", "/api/v1/products/1"},   {"POST", "/api/v1/categories"},
      {"PUT", "/api/v1/categories/1"},    {"DELETE", "/api/v1/categories/1"},
      {"POST", "/api/v1/brands"},         {"PUT", "/api/v1/brands/1"},
      {"DELETE", "/api/v1/brands/1"},     {"GET", "/api/v1/warehouses"},
      {"POST", "/api/v1/warehouses"},     {"PUT", "/api/v1/warehouses/1"},
      {"PUT", "/api/v1/inventory/X/SCL"}, {"POST", "/api/v1/inventory/adjust"},
  };
  for (const auto& [method, path] : routes) {
    auto anonymous = Call(method, path, std::string("{}"), nullptr);
    EXPECT_EQ(anonymous.status, 401) << method << " " << path << ": " << anonymous.raw;
    EXPECT_FALSE(anonymous.http.Header("www-authenticate").empty()) << method << " " << path;
    auto customer = Call(method, path, std::string("{}"), customer_);
    EXPECT_EQ(customer.status, 403) << method << " " << path << ": " << customer.raw;
  }
  // Admins may do what managers may.
  EXPECT_EQ(Call("GET", "/api/v1/warehouses", "", admin_).status, 200);
  // Nothing was written by the refused calls.
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM audit_log WHERE actor_user_id = ? AND action <> 'user.login'",
                   {customer_->id}),
            0);
}

}  // namespace
}  // namespace moderno::testing
