// The public catalog API on the seeded demo store, over real sockets.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "http_suite.hpp"
#include "platform/http/gzip.hpp"

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

class CatalogHttpTest : public HttpSuite {
 protected:
  static void SetUpTestSuite() {
    StoreOptions o;
    o.seed_demo = true;
    StartStore(o);
  }
  static void TearDownTestSuite() { StopStore(); }

  static json::object GetJson(const std::string& target, int want = 200) {
    HttpClient c(store_->port());
    auto r = c.Get(target);
    EXPECT_EQ(r.status, want) << target << ": " << r.body;
    return json::parse(r.body).as_object();
  }
  static std::vector<json::object> Items(const std::string& target) {
    std::vector<json::object> out;
    // Keep the parsed body alive for the loop (a temporary's member would dangle).
    json::object body = GetJson(target);
    for (auto& v : body["data"].as_array()) out.push_back(v.as_object());
    return out;
  }
  static void ExpectInvalid(const std::string& target, const std::string& field) {
    auto body = GetJson(target, 422);
    ASSERT_TRUE(body.contains("errors")) << target;
    bool named = false;
    for (auto& e : body["errors"].as_array()) named |= e.at("field").as_string() == field;
    EXPECT_TRUE(named) << target << " should name " << field;
  }
};

TEST_F(CatalogHttpTest, ListHasSeedShapeAndPagination) {
  auto body = GetJson("/api/v1/products");
  auto& data = body["data"].as_array();
  ASSERT_EQ(data.size(), 20u);
  auto p = body["pagination"].as_object();
  EXPECT_EQ(p["page"].as_int64(), 1);
  EXPECT_EQ(p["limit"].as_int64(), 20);
  EXPECT_GE(p["total"].as_int64(), 600);
  EXPECT_EQ(p["pages"].as_int64(), (p["total"].as_int64() + 19) / 20);
  auto item = data[0].as_object();
  for (const char* key : {"id", "name", "slug", "sku", "short_description", "price", "compare_price",
                          "currency", "category", "brand", "images", "stock", "rating",
                          "reviews_count", "is_featured"}) {
    EXPECT_TRUE(item.contains(key)) << key;
  }
  EXPECT_TRUE(item["price"].is_int64());
  EXPECT_EQ(item["currency"].as_string(), "CLP");
  EXPECT_TRUE(item["rating"].is_null());
  EXPECT_TRUE(item["category"].as_object().contains("slug"));
  EXPECT_GE(item["images"].as_array().size(), 1u);
}

TEST_F(CatalogHttpTest, PagesDoNotOverlapAndCoverTheTotal) {
  auto total = GetJson("/api/v1/products?limit=100")["pagination"].at("total").as_int64();
  std::set<std::int64_t> seen;
  for (int page = 1; page <= (total + 99) / 100; ++page) {
    for (auto& item : Items("/api/v1/products?limit=100&sort=name&page=" + std::to_string(page))) {
      EXPECT_TRUE(seen.insert(item["id"].as_int64()).second);
    }
  }
  EXPECT_EQ(static_cast<std::int64_t>(seen.size()), total);
  EXPECT_TRUE(Items("/api/v1/products?page=9999").empty());
}

TEST_F(CatalogHttpTest, BadParametersAre422NamingTheParameter) {
  ExpectInvalid("/api/v1/products?page=abc", "page");
  ExpectInvalid("/api/v1/products?page=0", "page");
  ExpectInvalid("/api/v1/products?limit=0", "limit");
  ExpectInvalid("/api/v1/products?limit=101", "limit");
  ExpectInvalid("/api/v1/products?sort=cheapest", "sort");
  ExpectInvalid("/api/v1/products?price_min=5000&price_max=100", "price_min");
  ExpectInvalid("/api/v1/products?price_min=-1", "price_min");
  ExpectInvalid("/api/v1/products?in_stock=maybe", "in_stock");
  ExpectInvalid("/api/v1/products?category=no-such-category", "category");
  ExpectInvalid("/api/v1/products?brand=no-such-brand", "brand");
  ExpectInvalid("/api/v1/products?search=" + std::string(201, 'a'), "search");
  auto both = GetJson("/api/v1/products?limit=0&sort=x", 422);
  EXPECT_EQ(both["errors"].as_array().size(), 2u) << "every bad parameter is reported at once";
}

TEST_F(CatalogHttpTest, SortsAreHonoured) {
  auto asc = Items("/api/v1/products?sort=price_asc&limit=100");
  for (std::size_t i = 1; i < asc.size(); ++i) {
    EXPECT_LE(asc[i - 1]["price"].as_int64(), asc[i]["price"].as_int64());
  }
  auto desc = Items("/api/v1/products?sort=price_desc&limit=100");
  for (std::size_t i = 1; i < desc.size(); ++i) {
    EXPECT_GE(desc[i - 1]["price"].as_int64(), desc[i]["price"].as_int64());
  }
  EXPECT_GT(desc.front()["price"].as_int64(), asc.front()["price"].as_int64());
  for (const char* s : {"newest", "name", "rating", "popularity"}) {
    EXPECT_EQ(Items(std::string("/api/v1/products?sort=") + s).size(), 20u) << s;
  }
}

TEST_F(CatalogHttpTest, CategoryFilterIncludesDescendants) {
  auto tree = GetJson("/api/v1/categories")["data"].as_array();
  ASSERT_FALSE(tree.empty());
  // A root with children: its count is the sum over its subtree.
  const json::object* parent = nullptr;
  for (auto& c : tree) {
    if (!c.at("children").as_array().empty()) {
      parent = &c.as_object();
      break;
    }
  }
  ASSERT_NE(parent, nullptr);
  std::set<std::string> subtree{std::string(parent->at("slug").as_string())};
  std::function<void(const json::array&)> walk = [&](const json::array& children) {
    for (auto& ch : children) {
      subtree.insert(std::string(ch.at("slug").as_string()));
      walk(ch.at("children").as_array());
    }
  };
  walk(parent->at("children").as_array());
  const std::string slug(parent->at("slug").as_string());
  auto body = GetJson("/api/v1/products?limit=100&category=" + slug);
  EXPECT_EQ(body["pagination"].at("total").as_int64(), parent->at("product_count").as_int64());
  EXPECT_GT(body["pagination"].at("total").as_int64(), 0);
  for (auto& item : body["data"].as_array()) {
    EXPECT_TRUE(subtree.contains(std::string(item.at("category").at("slug").as_string())));
  }
  // By id as well as by slug.
  auto by_id = GetJson("/api/v1/products?category=" + std::to_string(parent->at("id").as_int64()));
  EXPECT_EQ(by_id["pagination"].at("total"), body["pagination"].at("total"));
}

TEST_F(CatalogHttpTest, PriceStockFeaturedAndBrandFilters) {
  for (auto& p : Items("/api/v1/products?price_min=10000&price_max=50000&limit=100")) {
    EXPECT_GE(p["price"].as_int64(), 10000);
    EXPECT_LE(p["price"].as_int64(), 50000);
  }
  auto in_stock = GetJson("/api/v1/products?in_stock=true&limit=100");
  auto out_of_stock = GetJson("/api/v1/products?in_stock=false&limit=100");
  auto all = GetJson("/api/v1/products");
  EXPECT_GT(out_of_stock["pagination"].at("total").as_int64(), 0) << "the demo has sold-out products";
  EXPECT_EQ(in_stock["pagination"].at("total").as_int64() + out_of_stock["pagination"].at("total").as_int64(),
            all["pagination"].at("total").as_int64());
  for (auto& p : in_stock["data"].as_array()) EXPECT_GT(p.at("stock").as_int64(), 0);
  for (auto& p : out_of_stock["data"].as_array()) EXPECT_EQ(p.at("stock").as_int64(), 0);
  auto featured = Items("/api/v1/products?featured=true&limit=100");
  ASSERT_FALSE(featured.empty());
  for (auto& p : featured) EXPECT_TRUE(p["is_featured"].as_bool());

  auto brands = GetJson("/api/v1/brands")["data"].as_array();
  ASSERT_GE(brands.size(), 12u);
  auto brand = brands[0].as_object();
  auto by_brand = GetJson("/api/v1/products?limit=100&brand=" + std::string(brand["slug"].as_string()));
  EXPECT_EQ(by_brand["pagination"].at("total").as_int64(), brand["product_count"].as_int64());
  for (auto& p : by_brand["data"].as_array()) {
    EXPECT_EQ(p.at("brand").at("id").as_int64(), brand["id"].as_int64());
  }
}

TEST_F(CatalogHttpTest, SearchIsCaseAndAccentInsensitive) {
  auto first = Items("/api/v1/products?limit=1")[0];
  std::string name(first["name"].as_string());
  std::string word = name.substr(0, name.find(' '));
  std::string upper = word;
  for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  auto hits = GetJson("/api/v1/products?limit=100&search=" + UrlEncode(upper));
  EXPECT_GT(hits["pagination"].at("total").as_int64(), 0);
  // An accented query finds the unaccented text and the other way round.
  auto accented = GetJson("/api/v1/products?search=bater%C3%ADa");
  auto plain = GetJson("/api/v1/products?search=BATERIA");
  EXPECT_EQ(accented["pagination"].at("total"), plain["pagination"].at("total"));
  auto sku = GetJson("/api/v1/products?search=" + UrlEncode(std::string(first["sku"].as_string())));
  ASSERT_GE(sku["data"].as_array().size(), 1u);
  EXPECT_EQ(sku["data"].as_array()[0].at("id"), first["id"]);
  EXPECT_EQ(GetJson("/api/v1/products?search=zzzqqqxxx")["pagination"].at("total").as_int64(), 0);
  // LIKE wildcards in the query are literal characters.
  EXPECT_EQ(GetJson("/api/v1/products?search=%25%25%25")["pagination"].at("total").as_int64(), 0);
}

TEST_F(CatalogHttpTest, DetailByIdAndSlugWithVariantsAndBreadcrumbs) {
  // A product with variants exists in the demo (a third of them).
  std::optional<json::object> with_variants;
  for (auto& item : Items("/api/v1/products?limit=30")) {
    auto d = GetJson("/api/v1/products/" + std::to_string(item["id"].as_int64()));
    if (!d["variants"].as_array().empty()) {
      with_variants = d;
      break;
    }
  }
  ASSERT_TRUE(with_variants);
  auto& d = *with_variants;
  auto by_slug = GetJson("/api/v1/products/" + std::string(d["slug"].as_string()));
  EXPECT_EQ(by_slug["id"], d["id"]);
  for (const char* key : {"description", "images", "variants", "breadcrumbs", "dimensions", "weight_grams"}) {
    EXPECT_TRUE(d.contains(key)) << key;
  }
  auto crumbs = d["breadcrumbs"].as_array();
  ASSERT_GE(crumbs.size(), 1u);
  EXPECT_EQ(crumbs.back().at("id"), d["category"].at("id"));
  std::int64_t variant_stock = 0;
  for (auto& v : d["variants"].as_array()) {
    EXPECT_TRUE(v.at("price").is_int64());
    EXPECT_TRUE(v.at("options").is_object());
    variant_stock += v.at("stock").as_int64();
  }
  EXPECT_EQ(variant_stock, d["stock"].as_int64());
  EXPECT_EQ(d["images"].as_array()[0].at("url").as_string().find("/media/placeholder/"), 0u);
}

TEST_F(CatalogHttpTest, UnknownProductAndCategoryAre404) {
  auto p = GetJson("/api/v1/products/no-such-product", 404);
  EXPECT_EQ(p["status"].as_int64(), 404);
  GetJson("/api/v1/products/999999999", 404);
  GetJson("/api/v1/categories/no-such-category", 404);
}

TEST_F(CatalogHttpTest, CategoryDetailHasChildrenAndBreadcrumbs) {
  auto tree = GetJson("/api/v1/categories")["data"].as_array();
  ASSERT_GE(tree.size(), 3u);
  json::object child;
  for (auto& root : tree) {
    if (!root.at("children").as_array().empty()) {
      child = root.at("children").as_array()[0].as_object();
      break;
    }
  }
  auto c = GetJson("/api/v1/categories/" + std::string(child["slug"].as_string()));
  EXPECT_EQ(c["id"], child["id"]);
  EXPECT_EQ(c["breadcrumbs"].as_array().size(), 2u);
}

TEST_F(CatalogHttpTest, CachedReadsAreMarkedAndInvalidatedExplicitly) {
  HttpClient c(store_->port());
  const std::string target = "/api/v1/products?sort=price_asc&limit=5&featured=true";
  auto first = c.Get(target);
  auto second = c.Get(target);
  EXPECT_EQ(first.Header("x-cache"), "miss");
  EXPECT_EQ(second.Header("x-cache"), "hit");
  EXPECT_EQ(first.body, second.body);
  // Parameter order does not split the cache.
  EXPECT_EQ(c.Get("/api/v1/products?featured=true&limit=5&sort=price_asc").Header("x-cache"), "hit");

  const auto id = json::parse(first.body).at("data").as_array()[0].at("id").as_int64();
  auto changed = store_->app().db().Write([&](db::UnitOfWork& uow) -> Result<int> {
    uow.Exec("UPDATE products SET price = 1 WHERE id = ?", {id});
    uow.AfterCommit([&] { store_->app().catalog().Invalidate(); });
    return 0;
  });
  ASSERT_TRUE(changed);
  auto third = c.Get(target);
  EXPECT_EQ(third.Header("x-cache"), "miss");
  EXPECT_EQ(json::parse(third.body).at("data").as_array()[0].at("price").as_int64(), 1);
}

TEST_F(CatalogHttpTest, LargeJsonIsGzippedWhenAccepted) {
  HttpClient c(store_->port());
  auto plain = c.Get("/api/v1/products?limit=50");
  auto gz = c.Get("/api/v1/products?limit=50", {{"Accept-Encoding", "gzip"}});
  EXPECT_TRUE(plain.Header("content-encoding").empty());
  EXPECT_EQ(gz.Header("content-encoding"), "gzip");
  EXPECT_EQ(gz.Header("vary"), "Accept-Encoding");
  EXPECT_LT(gz.body.size(), plain.body.size() / 2);
  EXPECT_EQ(gz.body, http::Gzip(plain.body));
  // Small bodies are not worth compressing.
  EXPECT_TRUE(c.Get("/health", {{"Accept-Encoding", "gzip"}}).Header("content-encoding").empty());
}

}  // namespace
}  // namespace moderno::testing
