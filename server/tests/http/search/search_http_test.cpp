// Product search over the demo store, through the HTTP API, on both databases: the relevance
// suite (plurals, accents, synonyms, typos, brands, SKUs, multi-word queries, and queries that
// must find nothing), the response shape, filters, sorts, validation, suggestions and the
// catalog list's search= parameter. The suite fails when relevance regresses.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "http_suite.hpp"

namespace moderno::testing {
namespace {

namespace json = boost::json;

std::string UrlEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

class SearchHttpTest : public HttpSuite {
 protected:
  static void SetUpTestSuite() {
    StoreOptions o;
    o.seed_demo = true;
    o.configure = [](config::Config& c) { c.search_synonyms = MODERNO_SOURCE_DIR "/server/search/synonyms.txt"; };
    StartStore(o);
    customer_ = new TestUser(store_->CreateUser(http::Role::kCustomer));
  }
  static void TearDownTestSuite() {
    delete customer_;
    StopStore();
  }
  static Reply Get(const std::string& target) { return Call("GET", target); }
  static Reply Search(const std::string& q, const std::string& extra = "") {
    return Get("/api/v1/search/products?q=" + UrlEncode(q) + extra);
  }
  static std::vector<json::object> Results(const Reply& r) {
    std::vector<json::object> out;
    for (const auto& v : r.body.at("results").as_array()) out.push_back(v.as_object());
    return out;
  }
  static std::string Name(const json::object& p) { return std::string(p.at("name").as_string()); }
  static std::string Brand(const json::object& p) {
    return p.at("brand").is_null() ? "" : std::string(p.at("brand").at("name").as_string());
  }
  static inline TestUser* customer_ = nullptr;
};

// One relevance expectation: a product whose name (or brand) contains `expected` is among the
// first five results (or is the first one).
struct Case {
  const char* kind;
  const char* query;
  const char* expected;
  bool first = false;
  bool by_brand = false;
};

const Case kCases[] = {
    // Plurals and singulars meet through Spanish stemming.
    {"plural", "refrigeradores", "Refrigerador "},
    {"plural", "lavadoras", "Lavadora "},
    {"plural", "licuadoras", "Licuadora Oster"},
    {"plural", "sartenes", "Sartén Tramontina"},
    {"plural", "mochilas de trekking", "Mochila de Trekking Columbia"},
    {"plural", "parlantes bluetooth", "Parlante Bluetooth"},
    // Accents and case do not matter.
    {"accents", "lampara de pie", "Lámpara de Pie"},
    {"accents", "SOFA", "Sofá "},
    {"accents", "muneca barbie", "Muñeca Mattel Barbie"},
    {"accents", "algodon", "Polera Mujer Algodón Básica"},
    {"accents", "audifonos sony", "Audífonos Sony"},
    {"accents", "pantalón chino", "Pantalón Chino"},
    // Synonyms from server/search/synonyms.txt.
    {"synonym", "celular", "Smartphone "},
    {"synonym", "teléfono móvil", "Smartphone "},
    {"synonym", "laptop", "Notebook "},
    {"synonym", "tenis", "Zapatillas"},
    {"synonym", "auriculares", "Audífonos "},
    {"synonym", "nevera", "Refrigerador "},
    {"synonym", "bici", "Bicicleta"},
    {"synonym", "hielera", "Cooler "},
    {"synonym", "gafas", "Lentes de Sol"},
    {"synonym", "champú", "Shampoo L'Oréal"},
    {"synonym", "zapatos rojos", "Zapatillas"},
    // Typos are corrected from the index's own words.
    {"typo", "smarphone", "Smartphone "},
    {"typo", "zapatilas", "Zapatillas"},
    {"typo", "refrigerdor", "Refrigerador "},
    {"typo", "licuadra", "Licuadora Oster"},
    {"typo", "bicicelta", "Bicicleta"},
    {"typo", "samsumg", "Samsung", false, true},
    // Brands.
    {"brand", "lego", "Set Lego"},
    {"brand", "tramontina", "Tramontina"},
    {"brand", "loreal", "L'Oréal"},
    {"brand", "zig-zag", "Zig-Zag", false, true},
    {"brand", "zigzag", "Zig-Zag", false, true},
    {"brand", "penguin random house", "Penguin Random House", false, true},
    // SKUs, exact, of a product and of a variant.
    {"sku", "SMA-00001", "Smartphone Samsung Galaxy A15", true},
    {"sku", "sma-00001-02", "Smartphone Samsung Galaxy A15", true},
    // Several words.
    {"multi-word", "iphone 15 pro max", "Smartphone Apple iPhone 15 Pro Max", true},
    {"multi-word", "freidora de aire philips", "Freidora de Aire Philips"},
    {"multi-word", "cien años de soledad", "Libro Cien años de soledad - Gabriel García Márquez", true},
    {"multi-word", "smart tv samsung 65 pulgadas", "65 pulgadas"},
    {"multi-word", "carpa 4 personas", "Carpa Doite Andes 4 Personas", true},
    // An exact name ranks above longer names that contain it.
    {"exact name", "Smartphone Samsung Galaxy S24", "Smartphone Samsung Galaxy S24", true},
    // A query of stop words only still searches them.
    {"stop words", "uno", "Juego de Mesa Mattel UNO Clásico", true},
};

TEST_F(SearchHttpTest, Relevance_ExpectedProductsInTheTopFive) {
  int checked = 0;
  for (const Case& c : kCases) {
    const Reply r = Search(c.query, "&limit=5");
    ASSERT_EQ(r.status, 200) << c.query << ": " << r.raw;
    const auto results = Results(r);
    bool found = false;
    std::string seen;
    for (std::size_t i = 0; i < results.size(); ++i) {
      const std::string text = c.by_brand ? Brand(results[i]) : Name(results[i]);
      seen += "\n  " + Name(results[i]) + " (" + Brand(results[i]) + ")";
      if (text.find(c.expected) != std::string::npos && (!c.first || i == 0)) found = true;
    }
    EXPECT_TRUE(found) << c.kind << " query '" << c.query << "' should have '" << c.expected << "' "
                       << (c.first ? "first" : "in the top 5") << "; got:" << seen;
    ++checked;
  }
  EXPECT_GE(checked, 30);
}

TEST_F(SearchHttpTest, Relevance_TyposAreReportedAsSuggestions) {
  auto r = Search("smarphone");
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(r.body.at("suggestions").as_array().size(), 1u);
  EXPECT_EQ(r.body.at("suggestions").at(0).as_string(), "smartphone");
  EXPECT_EQ(Search("zapatilas running").body.at("suggestions").at(0).as_string(), "zapatillas running");
  EXPECT_TRUE(Search("smartphone").body.at("suggestions").as_array().empty())
      << "a known word is not corrected";
}

TEST_F(SearchHttpTest, Relevance_NonsenseFindsNothing) {
  for (const char* q : {"asdfghjkl", "qwertyuiop zxcvbnm", "zzzzzz", "%%%", "xkcdqq lmnopw"}) {
    auto r = Search(q);
    ASSERT_EQ(r.status, 200) << q;
    EXPECT_EQ(r.body.at("total").as_int64(), 0) << q << ": " << r.raw.substr(0, 300);
    EXPECT_TRUE(r.body.at("results").as_array().empty()) << q;
  }
}

TEST_F(SearchHttpTest, Relevance_AndFirstThenMostOfTheWords) {
  // Every word: only the products that have them all.
  auto strict = Search("licuadora oster");
  EXPECT_EQ(strict.body.at("total").as_int64(), 4);
  // No product has all three words: those with most of them answer instead.
  auto relaxed = Search("licuadora oster helicoptero");
  ASSERT_GT(relaxed.body.at("total").as_int64(), 0);
  EXPECT_NE(Name(Results(relaxed).front()).find("Licuadora Oster"), std::string::npos);
}

TEST_F(SearchHttpTest, Relevance_OutOfStockIsBoostedLessButExactNameStillWins) {
  // The demo's out-of-stock products are still found, and first by their exact name.
  auto oos = store_->app().db().Read([](db::UnitOfWork& uow) -> Result<std::string> {
    auto row = uow.QueryOne(
        "SELECT p.name FROM products p WHERE p.is_active = 1 AND NOT EXISTS (SELECT 1 FROM "
        "inventory i WHERE i.product_id = p.id AND i.quantity > i.reserved_quantity) ORDER BY p.id");
    return row ? row->Str(0) : "";
  });
  ASSERT_TRUE(oos && !oos->empty());
  auto r = Search(*oos);
  ASSERT_FALSE(Results(r).empty());
  EXPECT_EQ(Name(Results(r).front()), *oos);
  EXPECT_FALSE(Results(r).front().at("in_stock").as_bool());
}

TEST_F(SearchHttpTest, ResponseHasTheSearchShapeWithCatalogSummaries) {
  auto r = Search("zapatillas", "&limit=3&page=2");
  ASSERT_EQ(r.status, 200) << r.raw;
  for (const char* key : {"results", "aggregations", "suggestions", "total", "took", "page", "limit"}) {
    EXPECT_TRUE(r.body.contains(key)) << key;
  }
  EXPECT_EQ(r.body.at("page").as_int64(), 2);
  EXPECT_EQ(r.body.at("limit").as_int64(), 3);
  EXPECT_TRUE(r.body.at("took").is_int64());
  EXPECT_EQ(Results(r).size(), 3u);
  const auto& aggs = r.body.at("aggregations").as_object();
  for (const char* key : {"categories", "brands", "price_ranges"}) EXPECT_TRUE(aggs.contains(key)) << key;
  const auto& prices = aggs.at("price_ranges").as_object();
  EXPECT_TRUE(prices.contains("0-10000"));
  EXPECT_TRUE(prices.contains("1000000+"));
  // The same product summary as the catalog list.
  auto list = Get("/api/v1/products?limit=1");
  std::set<std::string> want, got;
  for (const auto& kv : list.body.at("data").at(0).as_object()) want.insert(std::string(kv.key()));
  const auto page = Results(r);
  for (const auto& kv : page.front()) got.insert(std::string(kv.key()));
  EXPECT_EQ(got, want);
  // Pages do not overlap.
  auto first = Search("zapatillas", "&limit=3&page=1");
  for (const auto& a : Results(first)) {
    for (const auto& b : Results(r)) EXPECT_NE(a.at("id"), b.at("id"));
  }
  EXPECT_EQ(first.body.at("total"), r.body.at("total"));
}

TEST_F(SearchHttpTest, FiltersAndSorts) {
  auto cat = Search("", "&filters%5Bcategory%5D=smartphones&limit=100");
  ASSERT_EQ(cat.status, 200) << cat.raw;
  EXPECT_EQ(cat.body.at("total").as_int64(),
            Scalar("SELECT COUNT(*) FROM products p JOIN categories c ON c.id = p.category_id "
                   "WHERE c.slug = 'smartphones' AND p.is_active = 1 AND p.deleted_at IS NULL"))
      << "an empty q with filters browses";
  for (const auto& p : Results(cat)) EXPECT_EQ(p.at("category").at("slug").as_string(), "smartphones");

  auto brand = Search("audifonos", "&filters%5Bbrand%5D=sony&filters%5Bprice_max%5D=100000&limit=100");
  ASSERT_GT(Results(brand).size(), 0u);
  for (const auto& p : Results(brand)) {
    EXPECT_EQ(Brand(p), "Sony");
    EXPECT_LE(p.at("price").as_int64(), 100000);
  }
  auto stocked = Search("", "&filters%5Bin_stock%5D=true&limit=100");
  for (const auto& p : Results(stocked)) EXPECT_TRUE(p.at("in_stock").as_bool());
  auto unstocked = Search("", "&filters%5Bin_stock%5D=false&limit=100");
  ASSERT_GT(Results(unstocked).size(), 0u);
  for (const auto& p : Results(unstocked)) EXPECT_FALSE(p.at("in_stock").as_bool());

  auto asc = Results(Search("notebook", "&sort=price_asc&limit=50"));
  ASSERT_GT(asc.size(), 5u);
  for (std::size_t i = 1; i < asc.size(); ++i) EXPECT_LE(asc[i - 1].at("price").as_int64(), asc[i].at("price").as_int64());
  auto desc = Results(Search("notebook", "&sort=price_desc&limit=50"));
  for (std::size_t i = 1; i < desc.size(); ++i) EXPECT_GE(desc[i - 1].at("price").as_int64(), desc[i].at("price").as_int64());
  auto newest = Results(Search("notebook", "&sort=newest&limit=50"));
  for (std::size_t i = 1; i < newest.size(); ++i) {
    EXPECT_GE(newest[i - 1].at("created_at").as_string(), newest[i].at("created_at").as_string());
  }
  EXPECT_EQ(Search("notebook", "&sort=rating").status, 200);
}

TEST_F(SearchHttpTest, SeedSearchUrlWithUnencodedBracketsAppliesItsFilters) {
  // The seed's example, as browsers and curl send it: brackets unencoded.
  const std::string query = "q=smartphone&filters[category]=smartphones&filters[price_min]=200000&filters[price_max]=600000";
  HttpClient c(port());
  auto r = c.Raw("GET /api/v1/search/products?" + query + "&limit=100 HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = Json(r);
  const auto& results = body.at("results").as_array();
  ASSERT_GT(results.size(), 0u) << r.body;
  for (const auto& v : results) {
    const auto& p = v.as_object();
    EXPECT_EQ(p.at("category").at("slug").as_string(), "smartphones") << Name(p);
    EXPECT_GE(p.at("price").as_int64(), 200000) << Name(p);
    EXPECT_LE(p.at("price").as_int64(), 600000) << Name(p);
  }
  // The filters narrowed the answer, and the encoded form gives the same one.
  auto unfiltered = Search("smartphone", "&limit=100");
  EXPECT_LT(body.at("total").as_int64(), unfiltered.body.at("total").as_int64());
  auto encoded = Get("/api/v1/search/products?q=smartphone&filters%5Bcategory%5D=smartphones"
                     "&filters%5Bprice_min%5D=200000&filters%5Bprice_max%5D=600000&limit=100");
  EXPECT_EQ(encoded.body.at("total"), body.at("total"));
  EXPECT_EQ(encoded.body.at("results"), body.at("results"));
  // An unencoded bad filter is named in the 422 like an encoded one.
  auto bad = c.Raw("GET /api/v1/search/products?q=x&filters[price_min]=-1 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(FieldCodes(bad), std::vector<std::string>{"filters[price_min]:invalid"});
}

TEST_F(SearchHttpTest, BadParametersAre422NamingThem) {
  auto too_long = Search(std::string(201, 'a'));
  EXPECT_EQ(too_long.status, 422);
  EXPECT_TRUE(NamesField(too_long, "q", "too_long"));
  std::string enes;
  for (int i = 0; i < 200; ++i) enes += "ñ";
  EXPECT_EQ(Search(enes).status, 200) << "200 characters are allowed, whatever their bytes";
  EXPECT_TRUE(NamesField(Search("x", "&filters%5Bcolor%5D=rojo"), "filters[color]", "unknown_filter"));
  EXPECT_TRUE(NamesField(Search("x", "&filters%5Bcategory%5D=no-existe"), "filters[category]", "unknown"));
  EXPECT_TRUE(NamesField(Search("x", "&filters%5Bbrand%5D=no-existe"), "filters[brand]", "unknown"));
  EXPECT_TRUE(NamesField(Search("x", "&filters%5Bprice_min%5D=-1"), "filters[price_min]", "invalid"));
  EXPECT_TRUE(NamesField(Search("x", "&filters%5Bprice_min%5D=9&filters%5Bprice_max%5D=1"), "filters[price_min]",
                         "invalid_range"));
  EXPECT_TRUE(NamesField(Search("x", "&filters%5Bin_stock%5D=maybe"), "filters[in_stock]", "invalid"));
  EXPECT_TRUE(NamesField(Search("x", "&sort=name"), "sort", "invalid"));
  EXPECT_TRUE(NamesField(Search("x", "&limit=101"), "limit"));
  EXPECT_EQ(Search("x", "&limit=101").body.at("status").as_int64(), 422);
}

TEST_F(SearchHttpTest, SuggestionsCompleteNamesBrandsAndCategories) {
  auto r = Get("/api/v1/search/suggestions?q=sams");
  ASSERT_EQ(r.status, 200) << r.raw;
  const auto& s = r.body.at("suggestions").as_array();
  ASSERT_GE(s.size(), 2u);
  EXPECT_EQ(s[0].at("type").as_string(), "brand");
  EXPECT_EQ(s[0].at("text").as_string(), "Samsung");
  bool product = false;
  for (const auto& v : s) {
    if (v.at("type") == "product") {
      product = true;
      EXPECT_NE(std::string(v.at("text").as_string()).find("Samsung"), std::string::npos);
      EXPECT_TRUE(v.as_object().contains("slug"));
    }
  }
  EXPECT_TRUE(product);

  auto shoes = Get("/api/v1/search/suggestions?q=zapat&limit=4");
  ASSERT_EQ(shoes.body.at("suggestions").as_array().size(), 4u);
  std::set<std::string> texts;
  for (const auto& v : shoes.body.at("suggestions").as_array()) {
    EXPECT_TRUE(std::string(v.at("text").as_string()).starts_with("Zapatillas")) << v;
    EXPECT_TRUE(texts.insert(std::string(v.at("text").as_string())).second) << "each name once";
  }
  auto category = Get("/api/v1/search/suggestions?q=electrodom");
  ASSERT_FALSE(category.body.at("suggestions").as_array().empty());
  EXPECT_EQ(category.body.at("suggestions").at(0).at("type").as_string(), "category");

  auto two_words = Get("/api/v1/search/suggestions?q=" + UrlEncode("galaxy s2"));
  for (const auto& v : two_words.body.at("suggestions").as_array()) {
    EXPECT_NE(std::string(v.at("text").as_string()).find("Galaxy S2"), std::string::npos) << v;
  }
  EXPECT_TRUE(Get("/api/v1/search/suggestions?q=").body.at("suggestions").as_array().empty());
  EXPECT_TRUE(NamesField(Get("/api/v1/search/suggestions?q=a&limit=0"), "limit"));
  EXPECT_TRUE(NamesField(Get("/api/v1/search/suggestions?q=" + std::string(201, 'a')), "q"));
}

TEST_F(SearchHttpTest, CatalogListSearchUsesTheEngine) {
  // A synonym: no product says "celular" in its name, the smartphones come first.
  auto r = Get("/api/v1/products?search=celular&limit=5");
  ASSERT_EQ(r.status, 200) << r.raw;
  ASSERT_FALSE(r.body.at("data").as_array().empty());
  EXPECT_EQ(r.body.at("data").at(0).at("category").at("slug").as_string(), "smartphones");
  // A typo, and the list's own filters and order.
  auto typo = Get("/api/v1/products?search=zapatilas&sort=price_asc&brand=nike&limit=100");
  const auto& items = typo.body.at("data").as_array();
  ASSERT_FALSE(items.empty());
  for (std::size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(items[i].at("brand").at("name").as_string(), "Nike");
    if (i > 0) {
      EXPECT_LE(items[i - 1].at("price").as_int64(), items[i].at("price").as_int64());
    }
  }
  EXPECT_EQ(typo.body.at("pagination").at("total").as_int64(), static_cast<std::int64_t>(items.size()));
  // Still "every word": no relaxed matching in the list.
  EXPECT_EQ(Get("/api/v1/products?search=licuadora%20helicoptero").body.at("pagination").at("total").as_int64(), 0);
}

TEST_F(SearchHttpTest, SearchRoutesUseTheSearchRateLimitClass) {
  int routes = 0;
  for (const auto& route : store_->app().router().routes()) {
    if (route.pattern.starts_with("/api/v1/search/")) {
      ++routes;
      EXPECT_EQ(route.options.rate_class, "search") << route.pattern;
      EXPECT_EQ(route.options.access.kind, http::Access::Kind::kPublic) << route.pattern;
      EXPECT_TRUE(route.probe) << route.pattern << ": cached answers are served on the I/O thread";
    }
  }
  EXPECT_EQ(routes, 2);
}

TEST(SearchRateLimitTest, CachedAnswersAreStillCounted) {
  StoreOptions o;
  o.rate_limits["search"] = {5, std::chrono::seconds(60)};
  TestStore store(o);
  store.Start();
  // The second call is a cache hit answered before any worker, and still counted against the
  // caller's search limit, up to a 429.
  const std::string target = "/api/v1/search/suggestions?q=licua&limit=3";
  auto first = CallApi(store.port(), "GET", target);
  auto second = CallApi(store.port(), "GET", target);
  ASSERT_EQ(first.status, 200) << first.raw;
  ASSERT_EQ(second.status, 200) << second.raw;
  EXPECT_EQ(first.http.Header("x-cache"), "miss");
  EXPECT_EQ(second.http.Header("x-cache"), "hit");
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(first.http.Header("ratelimit-limit"), "5");
  EXPECT_EQ(first.http.Header("ratelimit-remaining"), "4");
  EXPECT_EQ(second.http.Header("ratelimit-remaining"), "3");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(CallApi(store.port(), "GET", target).status, 200);
  auto refused = CallApi(store.port(), "GET", target);
  EXPECT_EQ(refused.status, 429) << "hits count like misses";
  EXPECT_FALSE(refused.http.Header("retry-after").empty());
}

TEST(SearchRateLimitTest, SignedInUsersHaveTheirOwnBudgetAnonymousCallersShareTheIps) {
  StoreOptions o;
  o.rate_limits["search"] = {3, std::chrono::seconds(60)};
  TestStore store(o);
  store.Start();
  const TestUser ana = store.CreateUser(http::Role::kCustomer);
  const TestUser beto = store.CreateUser(http::Role::kCustomer);
  const std::string target = "/api/v1/search/suggestions?q=licua&limit=3";
  auto call = [&](const TestUser* as, Headers headers = {}) {
    return CallApi(store.port(), "GET", target, "", as, std::move(headers));
  };
  auto remaining = [](const Reply& r) { return r.http.Header("ratelimit-remaining"); };

  // Ana spends her own budget, from 127.0.0.1 like everyone here.
  for (const char* left : {"2", "1", "0"}) {
    auto r = call(&ana);
    ASSERT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(remaining(r), left);
  }
  EXPECT_EQ(call(&ana).status, 429);
  // Beto, from the same IP, has his own.
  auto beto_first = call(&beto);
  ASSERT_EQ(beto_first.status, 200) << beto_first.raw;
  EXPECT_EQ(remaining(beto_first), "2");
  // Anonymous callers share the IP's budget, which the two users did not touch; a token that
  // is not valid is no error on a public route: its caller is anonymous.
  auto anonymous = call(nullptr);
  ASSERT_EQ(anonymous.status, 200) << anonymous.raw;
  EXPECT_EQ(remaining(anonymous), "2");
  EXPECT_EQ(remaining(call(nullptr)), "1");
  auto bad_token = call(nullptr, {{"Authorization", "Bearer not-a-valid-token"}});
  EXPECT_EQ(bad_token.status, 200) << bad_token.raw;
  EXPECT_EQ(remaining(bad_token), "0");
  auto refused = call(nullptr);
  EXPECT_EQ(refused.status, 429);
  EXPECT_FALSE(refused.http.Header("retry-after").empty());
  // A revoked token is anonymous too: it gets the spent IP budget, not a 401.
  const TestUser carla = store.CreateUser(http::Role::kCustomer);
  auto logout = CallApi(store.port(), "POST", "/api/v1/auth/logout",
                        R"({"refresh_token":")" + carla.refresh_token + R"("})", &carla);
  ASSERT_EQ(logout.status, 204) << logout.raw;
  EXPECT_EQ(call(&carla).status, 429);
  // Beto's budget is still his.
  auto beto_again = call(&beto);
  EXPECT_EQ(beto_again.status, 200);
  EXPECT_EQ(remaining(beto_again), "1");
}

}  // namespace
}  // namespace moderno::testing
