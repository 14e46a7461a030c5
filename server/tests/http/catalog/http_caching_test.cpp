// HTTP caching of public reads over real sockets, on both databases: catalog and search answers
// carry a strong ETag and Cache-Control with stale-while-revalidate; a matching If-None-Match
// gets 304 without a body (from the cache on the I/O thread or from a render on a worker); a
// change gives a new ETag; gzip weakens it; private answers never carry one.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http_suite.hpp"

namespace moderno::testing {
namespace {

namespace json = boost::json;

class HttpCachingTest : public HttpSuite {
 protected:
  static void SetUpTestSuite() {
    StoreOptions o;
    o.seed_demo = true;
    StartStore(o);
    manager_ = new TestUser(store_->CreateUser(http::Role::kManager));
  }
  static void TearDownTestSuite() {
    delete manager_;
    StopStore();
  }
  static Reply Get(const std::string& target, Headers headers = {}) {
    return Call("GET", target, "", nullptr, std::move(headers));
  }
  static inline TestUser* manager_ = nullptr;
};

TEST_F(HttpCachingTest, CatalogReadsRevalidateWithTheirEtag) {
  for (const std::string target : {"/api/v1/products?category=hogar&sort=price_asc&page=2", "/api/v1/categories",
                                   "/api/v1/categories/hogar", "/api/v1/brands", "/api/v1/products/1",
                                   "/api/v1/search/products?q=zapatilla", "/api/v1/search/suggestions?q=zap"}) {
    auto first = Get(target);  // rendered on a worker (miss)
    ASSERT_EQ(first.status, 200) << target << first.raw;
    const std::string etag = first.http.Header("etag");
    ASSERT_EQ(etag.size(), 34u) << target << ": a strong tag of 32 hex digits, got " << etag;
    EXPECT_EQ(etag.front(), '"');
    EXPECT_EQ(first.http.Header("cache-control"), "public, max-age=10, stale-while-revalidate=30") << target;

    auto again = Get(target);  // from the cache (hit): same bytes, same tag
    EXPECT_EQ(again.http.Header("etag"), etag) << target;

    auto not_modified = Get(target, {{"If-None-Match", etag}});
    EXPECT_EQ(not_modified.status, 304) << target;
    EXPECT_TRUE(not_modified.http.body.empty()) << target;
    EXPECT_EQ(not_modified.http.Header("etag"), etag);
    EXPECT_FALSE(not_modified.http.Header("cache-control").empty());

    // Weak comparison, lists and "*"; another tag gets the body.
    EXPECT_EQ(Get(target, {{"If-None-Match", "\"other\", W/" + etag}}).status, 304) << target;
    EXPECT_EQ(Get(target, {{"If-None-Match", "*"}}).status, 304) << target;
    auto other = Get(target, {{"If-None-Match", "\"0123456789abcdef0123456789abcdef\""}});
    EXPECT_EQ(other.status, 200) << target;
    EXPECT_FALSE(other.raw.empty());
  }
}

TEST_F(HttpCachingTest, AChangeGivesANewEtagAndTheOldOneGetsTheNewBody) {
  const std::string target = "/api/v1/products/2";
  auto before = Get(target);
  ASSERT_EQ(before.status, 200);
  const std::string etag = before.http.Header("etag");
  ASSERT_EQ(Get(target, {{"If-None-Match", etag}}).status, 304);

  const std::int64_t price = before.body.at("price").as_int64();
  auto put = Call("PUT", target, json::object{{"price", price + 1000}}, manager_);
  ASSERT_EQ(put.status, 200) << put.raw;

  auto after = Get(target, {{"If-None-Match", etag}});
  EXPECT_EQ(after.status, 200) << "the client's copy is out of date";
  EXPECT_EQ(after.body.at("price").as_int64(), price + 1000);
  EXPECT_NE(after.http.Header("etag"), etag);
  EXPECT_EQ(Get(target, {{"If-None-Match", after.http.Header("etag")}}).status, 304);
}

TEST_F(HttpCachingTest, GzipWeakensTheTagAndEitherFormRevalidates) {
  const std::string target = "/api/v1/products?limit=50";
  auto plain = Get(target);
  auto zipped = Get(target, {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(zipped.http.Header("content-encoding"), "gzip");
  EXPECT_EQ(zipped.http.Header("etag"), "W/" + plain.http.Header("etag"));
  EXPECT_EQ(Get(target, {{"Accept-Encoding", "gzip"}, {"If-None-Match", zipped.http.Header("etag")}}).status, 304);
  EXPECT_EQ(Get(target, {{"If-None-Match", zipped.http.Header("etag")}}).status, 304);
}

TEST_F(HttpCachingTest, PrivateAndStaffAnswersCarryNoEtag) {
  auto me = Call("GET", "/api/v1/me", "", manager_);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.http.Header("etag"), "");
  EXPECT_EQ(me.http.Header("cache-control"), "no-store");
  auto staff = Call("GET", "/api/v1/admin/products", "", manager_);
  ASSERT_EQ(staff.status, 200);
  EXPECT_EQ(staff.http.Header("etag"), "");
  auto missing = Get("/api/v1/products/999999");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.http.Header("etag"), "") << "errors are not cacheable";
}

}  // namespace
}  // namespace moderno::testing
