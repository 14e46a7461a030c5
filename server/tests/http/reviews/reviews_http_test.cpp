// Verified-purchase product reviews over real sockets, on both databases: who may post, the
// public list with its sorts, pages and summary, staff moderation with its audit record, and
// the product's rating in the catalog (cache dropped after each change).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "http_suite.hpp"

namespace moderno::testing {
namespace {

namespace json = boost::json;


// The ids of a reply's `data`, in order.
std::vector<std::int64_t> Ids(const Reply& r) {
  std::vector<std::int64_t> out;
  for (const auto& item : r.body.at("data").as_array()) out.push_back(item.at("id").as_int64());
  return out;
}

class ReviewsHttpTest : public HttpSuite {
 protected:
  static void SetUpTestSuite() {
    StoreOptions o;
    o.seed_demo = true;
    StartStore(o);
    manager_ = new TestUser(store_->CreateUser(http::Role::kManager));
    admin_ = new TestUser(store_->CreateUser(http::Role::kAdmin));
    products_ = new std::vector<std::int64_t>();
    using IdList = std::vector<std::int64_t>;
    auto ids = store_->app().db().Read([](db::UnitOfWork& uow) -> Result<IdList> {
      IdList out;
      for (const db::Row& r : uow.Query("SELECT id FROM products WHERE is_active = 1 AND "
                                        "deleted_at IS NULL ORDER BY id")) {
        out.push_back(r.Int(0));
      }
      return out;
    });
    ASSERT_TRUE(ids) << ids.error().internal;
    *products_ = std::move(*ids);
  }
  static void TearDownTestSuite() {
    delete manager_;
    delete admin_;
    delete products_;
    StopStore();
  }

  static Reply Get(const std::string& target, const TestUser* as = nullptr) {
    return Call("GET", target, "", as);
  }

  // Runs an INSERT in its own write transaction and returns the new row's id.
  static std::int64_t Insert(const std::string& sql, const std::vector<db::Value>& params) {
    auto r = store_->app().db().Write([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
      return uow.Exec(sql, params).last_insert_id;
    });
    EXPECT_TRUE(r) << r.error().internal;
    return r ? *r : -1;
  }

  // A visible seeded product that no other test has used.
  static std::int64_t FreshProduct() {
    static std::size_t next = 0;
    EXPECT_LT(next, products_->size()) << "the demo seed has enough products";
    return products_->at(next++);
  }

  // An order of `user` in `status` holding `products`, inserted directly (the orders domain
  // is not needed to test reviews).
  static std::int64_t AddOrder(std::int64_t user_id, const std::string& status,
                               const std::vector<std::int64_t>& products) {
    static int n = 0;
    const std::string number = "MOD-REV-" + std::to_string(++n);
    const std::int64_t order_id = Insert(
        "INSERT INTO orders (order_number, user_id, status, payment_method, subtotal, "
        "total_amount, shipping_method, shipping_region, shipping_address) "
        "VALUES (?, ?, ?, 'transfer', 10000, 10000, 'standard', 'RM', 'sealed')",
        {number, user_id, status});
    for (std::int64_t product : products) {
      Exec("INSERT INTO order_items (order_id, product_id, sku, name, unit_price, quantity, "
           "line_total) VALUES (?, ?, ?, 'Producto', 10000, 1, 10000)",
           {order_id, product, "SKU-" + std::to_string(product)});
    }
    return order_id;
  }

  // A signed-in customer with a delivered order holding `products`.
  static TestUser Buyer(const std::vector<std::int64_t>& products) {
    TestUser u = store_->CreateUser(http::Role::kCustomer);
    AddOrder(u.id, "delivered", products);
    return u;
  }

  static json::object Body(int rating, const std::string& title = "Buen producto",
                           const std::string& text = "Llegó rápido y funciona bien.") {
    return {{"rating", rating}, {"title", title}, {"body", text}};
  }
  static std::string ReviewsPath(std::int64_t product) {
    return "/api/v1/products/" + std::to_string(product) + "/reviews";
  }
  static Reply Post(std::int64_t product, const json::object& body, const TestUser& as) {
    return Call("POST", ReviewsPath(product), json::serialize(body), &as);
  }
  // Posts a review by a new verified buyer and returns its id.
  static std::int64_t Review(std::int64_t product, int rating) {
    TestUser buyer = Buyer({product});
    auto r = Post(product, Body(rating), buyer);
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.status == 201 ? r.body.at("id").as_int64() : 0;
  }
  static Reply Moderate(std::int64_t review, const std::string& status,
                        const TestUser* as = manager_) {
    return Call("PATCH", "/api/v1/admin/reviews/" + std::to_string(review),
                json::serialize(json::object{{"status", status}}), as);
  }

  static inline TestUser* manager_ = nullptr;
  static inline TestUser* admin_ = nullptr;
  static inline std::vector<std::int64_t>* products_ = nullptr;
};

// --- Posting -------------------------------------------------------------------------------

TEST_F(ReviewsHttpTest, CreateReview_VerifiedBuyerPosts201MarkedVerifiedPurchase) {
  const std::int64_t product = FreshProduct();
  TestUser buyer = store_->CreateUser(http::Role::kCustomer);
  Exec("UPDATE users SET name = ? WHERE id = ?", {std::string("Ana María Pérez"), buyer.id});
  const std::int64_t order = AddOrder(buyer.id, "delivered", {FreshProduct(), product});

  auto r = Post(product, Body(4, "  Muy buenos  ", "Suenan bien.\nLa batería dura."), buyer);
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_GT(r.body.at("id").as_int64(), 0);
  EXPECT_EQ(r.body.at("product_id").as_int64(), product);
  EXPECT_EQ(r.body.at("rating").as_int64(), 4);
  EXPECT_EQ(r.body.at("title").as_string(), "Muy buenos") << "trimmed";
  EXPECT_EQ(r.body.at("body").as_string(), "Suenan bien.\nLa batería dura.");
  EXPECT_TRUE(r.body.at("verified_purchase").as_bool());
  EXPECT_EQ(r.body.at("status").as_string(), "published");
  EXPECT_EQ(r.body.at("author").at("name").as_string(), "Ana P.");
  EXPECT_EQ(r.raw.find(buyer.email), std::string::npos) << "the email is never shown";
  EXPECT_EQ(r.body.at("created_at").as_string().size(), 20u);

  const std::int64_t id = r.body.at("id").as_int64();
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM reviews WHERE id = ? AND user_id = ? AND order_id = ? "
                   "AND status = 'approved' AND is_verified_purchase = 1 AND comment = ?",
                   {id, buyer.id, order, std::string("Suenan bien.\nLa batería dura.")}),
            1);
}

TEST_F(ReviewsHttpTest, CreateReview_CustomerWithoutDeliveredOrderIs403) {
  const std::int64_t product = FreshProduct();
  TestUser stranger = store_->CreateUser(http::Role::kCustomer);
  auto r = Post(product, Body(5), stranger);
  EXPECT_EQ(r.status, 403) << r.raw;
  EXPECT_EQ(ProblemType(r), "not_verified_buyer");

  // Orders that were not delivered do not count, nor a delivered order of another product.
  TestUser waiting = store_->CreateUser(http::Role::kCustomer);
  for (const char* status :
       {"pending", "confirmed", "processing", "shipped", "cancelled", "refunded"}) {
    AddOrder(waiting.id, status, {product});
  }
  AddOrder(waiting.id, "delivered", {FreshProduct()});
  r = Post(product, Body(5), waiting);
  EXPECT_EQ(r.status, 403) << r.raw;
  EXPECT_EQ(ProblemType(r), "not_verified_buyer");

  // Staff are no exception.
  r = Post(product, Body(5), *manager_);
  EXPECT_EQ(r.status, 403) << r.raw;
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM reviews WHERE product_id = ?", {product}), 0);
  EXPECT_EQ(Scalar("SELECT reviews_count FROM products WHERE id = ?", {product}), 0);
}

TEST_F(ReviewsHttpTest, CreateReview_SecondReviewOfTheSameProductIs409) {
  const std::int64_t product = FreshProduct();
  TestUser buyer = Buyer({product});
  ASSERT_EQ(Post(product, Body(5), buyer).status, 201);
  auto again = Post(product, Body(1, "Cambié de opinión"), buyer);
  EXPECT_EQ(again.status, 409) << again.raw;
  EXPECT_EQ(ProblemType(again), "already_reviewed");
  // Also when the first review was hidden by staff.
  const std::int64_t id =
      Scalar("SELECT id FROM reviews WHERE product_id = ? AND user_id = ?", {product, buyer.id});
  ASSERT_EQ(Moderate(id, "hidden").status, 200);
  EXPECT_EQ(Post(product, Body(2), buyer).status, 409);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM reviews WHERE product_id = ?", {product}), 1);
}

TEST_F(ReviewsHttpTest, CreateReview_InvalidFieldsAre422NamingEachField) {
  const std::int64_t product = FreshProduct();
  TestUser buyer = Buyer({product});
  auto empty = Post(product, json::object{}, buyer);
  ASSERT_EQ(empty.status, 422) << empty.raw;
  EXPECT_EQ(FieldCodes(empty),
            (std::vector<std::string>{"rating:required", "title:required", "body:required"}));

  auto bad = Post(product, Body(6, std::string(121, 'x'), std::string(5001, 'y')), buyer);
  ASSERT_EQ(bad.status, 422) << bad.raw;
  EXPECT_EQ(FieldCodes(bad),
            (std::vector<std::string>{"rating:out_of_range", "title:too_long", "body:too_long"}));

  auto types = Post(product, json::object{{"rating", 4.5}, {"title", "   "}, {"body", 12}}, buyer);
  ASSERT_EQ(types.status, 422) << types.raw;
  EXPECT_TRUE(NamesField(types, "rating"));
  EXPECT_TRUE(NamesField(types, "title"));
  EXPECT_TRUE(NamesField(types, "body"));

  auto zero = Post(product, Body(0), buyer);
  EXPECT_EQ(FieldCodes(zero), (std::vector<std::string>{"rating:out_of_range"}));

  // 120 and 5000 characters (not bytes) are accepted.
  std::string title;
  for (int i = 0; i < 120; ++i) title += "é";
  auto longest = Post(product, Body(5, title, std::string(5000, 'z')), buyer);
  EXPECT_EQ(longest.status, 201) << longest.raw;

  auto not_json = Call("POST", ReviewsPath(product), "{rating: 5", &buyer);
  EXPECT_EQ(not_json.status, 400);
}

TEST_F(ReviewsHttpTest, UnknownInactiveOrDeletedProductIs404) {
  TestUser someone = store_->CreateUser(http::Role::kCustomer);
  for (const std::string& key : {std::string("999999"), std::string("0"), std::string("abc")}) {
    EXPECT_EQ(Get("/api/v1/products/" + key + "/reviews").status, 404) << key;
    auto r = Call("POST", "/api/v1/products/" + key + "/reviews", json::serialize(Body(5)),
                  &someone);
    EXPECT_EQ(r.status, 404) << key << " " << r.raw;
  }
  const std::int64_t inactive = FreshProduct();
  const std::int64_t deleted = FreshProduct();
  TestUser buyer = Buyer({inactive, deleted});
  Exec("UPDATE products SET is_active = 0 WHERE id = ?", {inactive});
  Exec("UPDATE products SET deleted_at = CURRENT_TIMESTAMP WHERE id = ?", {deleted});
  for (std::int64_t product : {inactive, deleted}) {
    EXPECT_EQ(Get(ReviewsPath(product)).status, 404) << product;
    auto r = Post(product, Body(5), buyer);
    EXPECT_EQ(r.status, 404) << r.raw;
    EXPECT_EQ(ProblemType(r), "not_found");
  }
}

TEST_F(ReviewsHttpTest, CreateReview_ScriptTextRoundTripsVerbatimAsPlainText) {
  const std::int64_t product = FreshProduct();
  TestUser buyer = Buyer({product});
  const std::string title = "<b>Ojo</b> & \"comillas\"";
  const std::string text = "<script>alert('xss')</script><img src=x onerror=alert(1)> fin";
  auto r = Post(product, Body(3, title, text), buyer);
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.http.Header("content-type"), "application/json");
  EXPECT_EQ(r.body.at("title").as_string(), title);
  EXPECT_EQ(r.body.at("body").as_string(), text);
  EXPECT_EQ(r.raw.find("<script>"), std::string::npos) << "'<' is escaped inside JSON strings";

  auto list = Get(ReviewsPath(product));
  ASSERT_EQ(list.status, 200) << list.raw;
  EXPECT_EQ(list.body.at("data").at(0).at("body").as_string(), text);
  EXPECT_EQ(list.body.at("data").at(0).at("title").as_string(), title);
  EXPECT_EQ(list.raw.find("<"), std::string::npos);
  // Stored exactly as sent: no HTML escaping or stripping in the database.
  EXPECT_EQ(Text("SELECT comment FROM reviews WHERE product_id = ?", {product}), text);
  EXPECT_EQ(Text("SELECT title FROM reviews WHERE product_id = ?", {product}), title);
}

TEST_F(ReviewsHttpTest, CreateReview_SignedInOnly) {
  const std::int64_t product = FreshProduct();
  auto anonymous = Call("POST", ReviewsPath(product), json::serialize(Body(5)), nullptr);
  EXPECT_EQ(anonymous.status, 401) << anonymous.raw;
  EXPECT_EQ(Get(ReviewsPath(product)).status, 200) << "the list is public";
}

// --- The public list -------------------------------------------------------------------------

TEST_F(ReviewsHttpTest, ListReviews_ShowsOnlyPublishedWithSummaryAndDistribution) {
  const std::int64_t product = FreshProduct();
  const std::int64_t five_a = Review(product, 5);
  const std::int64_t five_b = Review(product, 5);
  const std::int64_t four = Review(product, 4);
  const std::int64_t two = Review(product, 2);
  const std::int64_t hidden = Review(product, 1);
  ASSERT_EQ(Moderate(hidden, "hidden").status, 200);
  // A pending review (not reachable through the API today) is not public either.
  TestUser other = Buyer({product});
  const std::int64_t pending = Insert(
      "INSERT INTO reviews (product_id, user_id, rating, title, comment, status) "
      "VALUES (?, ?, 3, 'Pendiente', 'En revisión', 'pending')",
      {product, other.id});

  auto r = Get(ReviewsPath(product));
  ASSERT_EQ(r.status, 200) << r.raw;
  auto ids = Ids(r);
  EXPECT_EQ(ids.size(), 4u);
  for (std::int64_t id : {hidden, pending}) {
    EXPECT_EQ(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  }
  for (std::int64_t id : {five_a, five_b, four, two}) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  }
  const json::object& item = r.body.at("data").at(0).as_object();
  EXPECT_FALSE(item.contains("status"));
  EXPECT_FALSE(item.contains("user_id"));
  EXPECT_TRUE(item.at("verified_purchase").as_bool());
  EXPECT_EQ(item.at("author").at("name").as_string(), "Usuario P.");

  const json::object& summary = r.body.at("summary").as_object();
  EXPECT_EQ(summary.at("reviews_count").as_int64(), 4);
  EXPECT_DOUBLE_EQ(summary.at("rating_avg").to_number<double>(), 4.0);
  const json::object& d = summary.at("distribution").as_object();
  EXPECT_EQ(d.at("1").as_int64(), 0);
  EXPECT_EQ(d.at("2").as_int64(), 1);
  EXPECT_EQ(d.at("3").as_int64(), 0);
  EXPECT_EQ(d.at("4").as_int64(), 1);
  EXPECT_EQ(d.at("5").as_int64(), 2);
  EXPECT_EQ(r.body.at("pagination").at("total").as_int64(), 4);

  // The product row holds the same figures.
  EXPECT_EQ(Scalar("SELECT reviews_count FROM products WHERE id = ?", {product}), 4);

  // A product without reviews: an empty page and an empty summary.
  auto none = Get(ReviewsPath(FreshProduct()));
  ASSERT_EQ(none.status, 200);
  EXPECT_TRUE(none.body.at("data").as_array().empty());
  EXPECT_TRUE(none.body.at("summary").at("rating_avg").is_null());
  EXPECT_EQ(none.body.at("summary").at("reviews_count").as_int64(), 0);
  EXPECT_EQ(none.body.at("summary").at("distribution").at("5").as_int64(), 0);
  EXPECT_EQ(none.body.at("pagination").at("pages").as_int64(), 0);
}

TEST_F(ReviewsHttpTest, ListReviews_AverageIsRoundedToTwoDecimals) {
  const std::int64_t product = FreshProduct();
  Review(product, 5);
  Review(product, 4);
  Review(product, 4);
  auto r = Get(ReviewsPath(product));
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_DOUBLE_EQ(r.body.at("summary").at("rating_avg").to_number<double>(), 4.33);
  auto avg = store_->app().db().Read([&](db::UnitOfWork& uow) -> Result<double> {
    return uow.QueryOne("SELECT rating_avg FROM products WHERE id = ?", {product})->Real(0);
  });
  ASSERT_TRUE(avg);
  EXPECT_DOUBLE_EQ(*avg, 4.33);
}

TEST_F(ReviewsHttpTest, ListReviews_SortOrders) {
  const std::int64_t product = FreshProduct();
  // rating, created_at, helpful_count
  const std::int64_t a = Review(product, 3);
  const std::int64_t b = Review(product, 5);
  const std::int64_t c = Review(product, 1);
  const std::int64_t d = Review(product, 4);
  auto set = [](std::int64_t id, const char* created_at, int helpful) {
    Exec("UPDATE reviews SET created_at = ?, helpful_count = ? WHERE id = ?",
         {std::string(created_at), std::int64_t{helpful}, id});
  };
  set(a, "2024-05-01 10:00:00", 7);
  set(b, "2024-05-03 10:00:00", 0);
  set(c, "2024-05-02 10:00:00", 2);
  set(d, "2024-05-04 10:00:00", 2);

  auto order = [&](const std::string& query) {
    auto r = Get(ReviewsPath(product) + query);
    EXPECT_EQ(r.status, 200) << query << " " << r.raw;
    return r.status == 200 ? Ids(r) : std::vector<std::int64_t>{};
  };
  EXPECT_EQ(order(""), (std::vector<std::int64_t>{d, b, c, a})) << "newest by default";
  EXPECT_EQ(order("?sort=newest"), (std::vector<std::int64_t>{d, b, c, a}));
  EXPECT_EQ(order("?sort=oldest"), (std::vector<std::int64_t>{a, c, b, d}));
  EXPECT_EQ(order("?sort=rating_desc"), (std::vector<std::int64_t>{b, d, a, c}));
  EXPECT_EQ(order("?sort=rating_asc"), (std::vector<std::int64_t>{c, a, d, b}));
  EXPECT_EQ(order("?sort=helpful"), (std::vector<std::int64_t>{a, d, c, b}))
      << "most helpful first, ties newest first";
  auto created = Get(ReviewsPath(product) + "?sort=oldest");
  EXPECT_EQ(created.body.at("data").at(0).at("created_at").as_string(), "2024-05-01T10:00:00Z");

  auto bad = Get(ReviewsPath(product) + "?sort=best&page=0&limit=500");
  ASSERT_EQ(bad.status, 422) << bad.raw;
  EXPECT_EQ(FieldCodes(bad),
            (std::vector<std::string>{"page:invalid", "limit:out_of_range", "sort:invalid"}));
  EXPECT_EQ(FieldCodes(Get(ReviewsPath(product) + "?page=abc")),
            (std::vector<std::string>{"page:invalid"}));
}

TEST_F(ReviewsHttpTest, ListReviews_Paginates) {
  const std::int64_t product = FreshProduct();
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(Review(product, 1 + i));
  // Same second: newest first falls back to the id, highest first.
  std::vector<std::int64_t> seen;
  for (int page = 1; page <= 3; ++page) {
    auto r = Get(ReviewsPath(product) + "?limit=2&page=" + std::to_string(page));
    ASSERT_EQ(r.status, 200) << r.raw;
    const json::object& p = r.body.at("pagination").as_object();
    EXPECT_EQ(p.at("page").as_int64(), page);
    EXPECT_EQ(p.at("limit").as_int64(), 2);
    EXPECT_EQ(p.at("total").as_int64(), 5);
    EXPECT_EQ(p.at("pages").as_int64(), 3);
    EXPECT_EQ(r.body.at("data").as_array().size(), page < 3 ? 2u : 1u);
    for (std::int64_t id : Ids(r)) seen.push_back(id);
  }
  EXPECT_EQ(seen, (std::vector<std::int64_t>{ids[4], ids[3], ids[2], ids[1], ids[0]}));
  auto past = Get(ReviewsPath(product) + "?limit=2&page=4");
  ASSERT_EQ(past.status, 200);
  EXPECT_TRUE(past.body.at("data").as_array().empty());
  EXPECT_EQ(past.body.at("summary").at("reviews_count").as_int64(), 5);
}

// --- The catalog's figures ---------------------------------------------------------------------

TEST_F(ReviewsHttpTest, ProductDetail_ShowsTheNewRatingRightAfterPosting) {
  const std::int64_t product = FreshProduct();
  const std::string detail = "/api/v1/products/" + std::to_string(product);
  ASSERT_EQ(Get(detail).status, 200);
  auto cached = Get(detail);
  ASSERT_EQ(cached.http.Header("x-cache"), "hit") << "the detail is cached before the review";
  EXPECT_TRUE(cached.body.at("rating").is_null());
  EXPECT_EQ(cached.body.at("reviews_count").as_int64(), 0);

  Review(product, 5);
  auto after = Get(detail);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.body.at("reviews_count").as_int64(), 1);
  EXPECT_DOUBLE_EQ(after.body.at("rating").to_number<double>(), 5.0);

  Review(product, 4);
  after = Get(detail);
  EXPECT_EQ(after.body.at("reviews_count").as_int64(), 2);
  EXPECT_DOUBLE_EQ(after.body.at("rating").to_number<double>(), 4.5);
  // The list shows the same figures (rated products sort first, and few are rated).
  auto list = Get("/api/v1/products?sort=rating&limit=100");
  bool found = false;
  for (const auto& p : list.body.at("data").as_array()) {
    if (p.at("id").as_int64() != product) continue;
    found = true;
    EXPECT_EQ(p.at("reviews_count").as_int64(), 2);
  }
  EXPECT_TRUE(found);
}

TEST_F(ReviewsHttpTest, ConcurrentReviews_CountEveryOneAndOnlyOncePerCustomer) {
  const std::int64_t product = FreshProduct();
  std::vector<TestUser> buyers;
  for (int i = 0; i < 6; ++i) buyers.push_back(Buyer({product}));
  std::vector<int> statuses(buyers.size() + 4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < buyers.size(); ++i) {
    threads.emplace_back([&, i] {
      statuses[i] = Post(product, Body(1 + static_cast<int>(i % 5)), buyers[i]).status;
    });
  }
  // The first buyer also tries four more times at once: one review stands.
  for (std::size_t i = buyers.size(); i < statuses.size(); ++i) {
    threads.emplace_back([&, i] { statuses[i] = Post(product, Body(5), buyers[0]).status; });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 6);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409), 4);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM reviews WHERE product_id = ?", {product}), 6);
  EXPECT_EQ(Scalar("SELECT reviews_count FROM products WHERE id = ?", {product}), 6)
      << "every writer recounted after the ones before it";
  auto list = Get(ReviewsPath(product));
  EXPECT_EQ(list.body.at("summary").at("reviews_count").as_int64(), 6);
}

// --- Moderation ----------------------------------------------------------------------------------

TEST_F(ReviewsHttpTest, Moderation_HidingDropsTheCountAndPublishingRestoresIt) {
  const std::int64_t product = FreshProduct();
  const std::string detail = "/api/v1/products/" + std::to_string(product);
  Review(product, 5);
  const std::int64_t low = Review(product, 1);
  ASSERT_EQ(Get(detail).body.at("reviews_count").as_int64(), 2);
  ASSERT_EQ(Get(detail).http.Header("x-cache"), "hit");

  auto hide = Moderate(low, "hidden");
  ASSERT_EQ(hide.status, 200) << hide.raw;
  EXPECT_EQ(hide.body.at("status").as_string(), "hidden");
  EXPECT_EQ(hide.body.at("id").as_int64(), low);
  EXPECT_EQ(Text("SELECT status FROM reviews WHERE id = ?", {low}), "rejected");

  auto after = Get(detail);
  EXPECT_EQ(after.body.at("reviews_count").as_int64(), 1);
  EXPECT_DOUBLE_EQ(after.body.at("rating").to_number<double>(), 5.0);
  auto list = Get(ReviewsPath(product));
  EXPECT_EQ(list.body.at("summary").at("reviews_count").as_int64(), 1);
  EXPECT_EQ(list.body.at("summary").at("distribution").at("1").as_int64(), 0);

  auto publish = Moderate(low, "published");
  ASSERT_EQ(publish.status, 200) << publish.raw;
  EXPECT_EQ(Text("SELECT status FROM reviews WHERE id = ?", {low}), "approved");
  after = Get(detail);
  EXPECT_EQ(after.body.at("reviews_count").as_int64(), 2);
  EXPECT_DOUBLE_EQ(after.body.at("rating").to_number<double>(), 3.0);
}

TEST_F(ReviewsHttpTest, Moderation_IsAuditedInTheSameChange) {
  const std::int64_t product = FreshProduct();
  const std::int64_t review = Review(product, 2);
  ASSERT_EQ(Moderate(review, "hidden").status, 200);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'review.moderate' AND "
                   "entity = 'review' AND entity_id = ? AND actor_user_id = ?",
                   {std::to_string(review), manager_->id}),
            1);
  // Setting the status it already has changes and records nothing.
  ASSERT_EQ(Moderate(review, "hidden").status, 200);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'review.moderate' AND "
                   "entity_id = ?",
                   {std::to_string(review)}),
            1);

  auto log = Get("/api/v1/admin/audit-log?action=review.moderate&entity_id=" +
                     std::to_string(review),
                 admin_);
  ASSERT_EQ(log.status, 200) << log.raw;
  ASSERT_EQ(log.body.at("data").as_array().size(), 1u);
  const json::object& entry = log.body.at("data").at(0).as_object();
  EXPECT_EQ(entry.at("actor_role").as_string(), "manager");
  EXPECT_EQ(entry.at("details").at("product_id").as_int64(), product);
  EXPECT_EQ(entry.at("details").at("changes").at("status").at("from").as_string(), "published");
  EXPECT_EQ(entry.at("details").at("changes").at("status").at("to").as_string(), "hidden");
}

TEST_F(ReviewsHttpTest, Moderation_ValidatesTheStatusAndTheId) {
  const std::int64_t review = Review(FreshProduct(), 4);
  const std::string path = "/api/v1/admin/reviews/" + std::to_string(review);
  for (const char* body : {R"({})", R"({"status": "approved"})", R"({"status": "pending"})",
                           R"({"status": 1})"}) {
    auto r = Call("PATCH", path, body, manager_);
    EXPECT_EQ(r.status, 422) << body << " " << r.raw;
    EXPECT_TRUE(NamesField(r, "status")) << body;
  }
  EXPECT_EQ(Moderate(999999999, "hidden").status, 404);
  EXPECT_EQ(Call("PATCH", "/api/v1/admin/reviews/abc", R"({"status": "hidden"})", manager_).status,
            404);
  EXPECT_EQ(Text("SELECT status FROM reviews WHERE id = ?", {review}), "approved");
}

TEST_F(ReviewsHttpTest, StaffList_FiltersByStatusAndProduct) {
  const std::int64_t product = FreshProduct();
  const std::int64_t shown = Review(product, 5);
  const std::int64_t hidden = Review(product, 1);
  ASSERT_EQ(Moderate(hidden, "hidden").status, 200);
  const std::string base = "/api/v1/admin/reviews?product_id=" + std::to_string(product);

  auto all = Get(base, manager_);
  ASSERT_EQ(all.status, 200) << all.raw;
  EXPECT_EQ(Ids(all), (std::vector<std::int64_t>{hidden, shown}));
  EXPECT_EQ(all.body.at("pagination").at("total").as_int64(), 2);
  const json::object& item = all.body.at("data").at(0).as_object();
  EXPECT_EQ(item.at("status").as_string(), "hidden");
  EXPECT_EQ(item.at("product_id").as_int64(), product);
  EXPECT_TRUE(item.contains("user_id"));
  EXPECT_TRUE(item.at("order_id").is_int64());

  auto only_hidden = Get(base + "&status=hidden", manager_);
  EXPECT_EQ(Ids(only_hidden), (std::vector<std::int64_t>{hidden}));
  auto only_published = Get(base + "&status=published", admin_);
  EXPECT_EQ(Ids(only_published), (std::vector<std::int64_t>{shown}));
  EXPECT_TRUE(Get(base + "&status=pending", manager_).body.at("data").as_array().empty());

  auto everything = Get("/api/v1/admin/reviews?limit=1", manager_);
  ASSERT_EQ(everything.status, 200);
  EXPECT_GE(everything.body.at("pagination").at("total").as_int64(), 2);
  EXPECT_EQ(everything.body.at("data").as_array().size(), 1u);

  auto bad = Get("/api/v1/admin/reviews?status=approved&product_id=-1&limit=0", manager_);
  ASSERT_EQ(bad.status, 422) << bad.raw;
  EXPECT_EQ(FieldCodes(bad), (std::vector<std::string>{"limit:out_of_range", "status:invalid",
                                                       "product_id:invalid"}));
}

TEST_F(ReviewsHttpTest, StaffRoutes_NeedManagerOrAbove) {
  const std::int64_t review = Review(FreshProduct(), 3);
  TestUser customer = store_->CreateUser(http::Role::kCustomer);
  auto list = Get("/api/v1/admin/reviews", &customer);
  EXPECT_EQ(list.status, 403) << list.raw;
  auto patch = Moderate(review, "hidden", &customer);
  EXPECT_EQ(patch.status, 403) << patch.raw;
  EXPECT_EQ(Get("/api/v1/admin/reviews").status, 401);
  EXPECT_EQ(Moderate(review, "hidden", nullptr).status, 401);
  EXPECT_EQ(Text("SELECT status FROM reviews WHERE id = ?", {review}), "approved");
  EXPECT_EQ(Get("/api/v1/admin/reviews", admin_).status, 200);
}

}  // namespace
}  // namespace moderno::testing
