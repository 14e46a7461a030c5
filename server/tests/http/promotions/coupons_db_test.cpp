// Coupon evaluation, redemption and release on the real backend (SQLite, and MariaDB through
// scripts/with-mariadb.sh): every refusal reason, the amounts of each type, scopes by product
// and by category (descendants included), rounding, and concurrent redemptions that never take
// more uses than the limits allow.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <numeric>
#include <thread>

#include "platform/db/migrate.hpp"
#include "promotions/coupons.hpp"
#include "test_store.hpp"

namespace moderno::testing {
namespace {

using promotions::AppliedCoupon;
using promotions::CouponLine;

constexpr std::string_view kNow = "2026-06-15 12:00:00";

// What a test coupon is made of; the defaults make an active, unlimited, unscoped coupon.
struct CouponSpec {
  std::string type = "percentage";
  std::int64_t value = 10;
  std::int64_t min_subtotal = 0;
  std::optional<std::string> starts_at;
  std::optional<std::string> ends_at;
  std::optional<std::int64_t> usage_limit;
  std::optional<std::int64_t> usage_limit_per_customer;
  std::int64_t times_used = 0;
  bool is_active = true;
  std::vector<std::int64_t> product_ids;
  std::vector<std::int64_t> category_ids;
};

// One database per suite (creating one per test is slow on MariaDB); every test makes its own
// coupons, users and orders.
class CouponDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tdb_ = new TestDatabase();
    db_ = new db::Database(tdb_->url(), 8);
    auto migrated = db::MigrateUp(*db_);
    ASSERT_TRUE(migrated) << migrated.error().detail << migrated.error().internal;
    // Electrónica > Audio > Audífonos, and Ropa beside them.
    electronics_ =
        Insert("INSERT INTO categories (name, slug) VALUES ('Electrónica', 'electronica')");
    audio_ = Insert("INSERT INTO categories (name, slug, parent_id) VALUES ('Audio', 'audio', ?)",
                    {electronics_});
    headphones_ = Insert(
        "INSERT INTO categories (name, slug, parent_id) VALUES ('Audífonos', 'audifonos', ?)",
        {audio_});
    clothes_ = Insert("INSERT INTO categories (name, slug) VALUES ('Ropa', 'ropa')");
    headphone_ = Product("audifono", headphones_);
    speaker_ = Product("parlante", audio_);
    tv_ = Product("televisor", electronics_);
    shirt_ = Product("polera", clothes_);
  }
  static void TearDownTestSuite() {
    delete db_;
    delete tdb_;
    db_ = nullptr;
    tdb_ = nullptr;
  }

  static std::int64_t Insert(const std::string& sql, const std::vector<db::Value>& params = {}) {
    auto r = db_->Write([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
      return uow.Exec(sql, params).last_insert_id;
    });
    EXPECT_TRUE(r) << r.error().internal;
    return r ? *r : 0;
  }
  static void Exec(const std::string& sql, const std::vector<db::Value>& params = {}) {
    auto r = db_->Write([&](db::UnitOfWork& uow) -> Result<void> {
      uow.Exec(sql, params);
      return {};
    });
    ASSERT_TRUE(r) << r.error().internal;
  }
  static std::int64_t Scalar(const std::string& sql, const std::vector<db::Value>& params = {}) {
    auto r = db_->Read([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
      return uow.QueryOne(sql, params)->Int(0);
    });
    EXPECT_TRUE(r) << r.error().internal;
    return r ? *r : -1;
  }
  static std::string Unique(const std::string& prefix) {
    static std::atomic<int> n{0};
    return prefix + std::to_string(++n);
  }
  static std::int64_t Product(const std::string& name, std::int64_t category_id) {
    return Insert(
        "INSERT INTO products (name, slug, sku, price, category_id) VALUES (?, ?, ?, ?, ?)",
        {name, name, "SKU-" + name, std::int64_t{1000}, category_id});
  }
  static std::int64_t User() {
    const std::string email = Unique("cliente") + "@prueba.cl";
    return Insert("INSERT INTO users (email, password_hash, name) VALUES (?, 'x', 'Cliente')",
                  {email});
  }
  // A minimal order of `user_id` (the redemption's order_id needs one).
  static std::int64_t Order(std::int64_t user_id) {
    return Insert(
        "INSERT INTO orders (order_number, user_id, payment_method, subtotal, total_amount, "
        "shipping_method, shipping_region, shipping_address) "
        "VALUES (?, ?, 'sandbox', 10000, 10000, 'standard', 'CL-RM', 'v1:cifrado')",
        {Unique("MOD-2026-T"), user_id});
  }
  // Creates a coupon with a fresh code; returns the code.
  static std::string Coupon(const CouponSpec& s, std::int64_t* id_out = nullptr) {
    const std::string code = Unique("CUPON");
    const std::int64_t id = Insert(
        "INSERT INTO coupons (code, type, value, min_subtotal, starts_at, ends_at, usage_limit, "
        "usage_limit_per_customer, times_used, is_active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {code, s.type, s.value, s.min_subtotal, db::Opt(s.starts_at), db::Opt(s.ends_at),
         db::Opt(s.usage_limit), db::Opt(s.usage_limit_per_customer), s.times_used,
         std::int64_t{s.is_active}});
    for (std::int64_t p : s.product_ids) {
      Exec("INSERT INTO coupon_products (coupon_id, product_id) VALUES (?, ?)", {id, p});
    }
    for (std::int64_t c : s.category_ids) {
      Exec("INSERT INTO coupon_categories (coupon_id, category_id) VALUES (?, ?)", {id, c});
    }
    if (id_out) *id_out = id;
    return code;
  }
  static Result<AppliedCoupon> Evaluate(const std::string& code,
                                        const std::vector<CouponLine>& lines,
                                        std::optional<std::int64_t> user_id = std::nullopt,
                                        std::string_view now = kNow) {
    return db_->Read(
        [&](db::UnitOfWork& uow) { return promotions::Evaluate(uow, code, user_id, lines, now); });
  }
  // Evaluates and redeems in one write transaction, as checkout does.
  static Result<AppliedCoupon> Redeem(const std::string& code, const std::vector<CouponLine>& lines,
                                      std::int64_t user_id, std::int64_t order_id) {
    return db_->Write([&](db::UnitOfWork& uow) -> Result<AppliedCoupon> {
      auto applied = promotions::Evaluate(uow, code, user_id, lines, kNow);
      if (!applied) return applied;
      auto redeemed = promotions::Redeem(uow, *applied, user_id, order_id);
      if (!redeemed) return std::unexpected(redeemed.error());
      return applied;
    });
  }
  static void Release(std::int64_t order_id) {
    auto r = db_->Write([&](db::UnitOfWork& uow) -> Result<void> {
      promotions::Release(uow, order_id);
      return {};
    });
    ASSERT_TRUE(r) << r.error().internal;
  }
  static std::int64_t TimesUsed(std::int64_t coupon_id) {
    return Scalar("SELECT times_used FROM coupons WHERE id = ?", {coupon_id});
  }
  static std::int64_t Redemptions(std::int64_t coupon_id) {
    return Scalar("SELECT COUNT(*) FROM coupon_redemptions WHERE coupon_id = ?", {coupon_id});
  }
  // The reason code of a refusal, or "" when the coupon applied.
  static std::string Why(const Result<AppliedCoupon>& r) {
    if (r) return "";
    EXPECT_EQ(r.error().code, Errc::kInvalidArgument) << r.error().internal;
    if (r.error().fields.size() != 1) return "?";
    EXPECT_EQ(r.error().fields[0].field, "coupon_code");
    EXPECT_FALSE(r.error().fields[0].message.empty());
    return r.error().fields[0].code;
  }
  static std::int64_t Sum(const std::vector<std::int64_t>& v) {
    return std::accumulate(v.begin(), v.end(), std::int64_t{0});
  }
  CouponLine Line(std::int64_t product_id, std::int64_t line_total) const {
    std::int64_t category = 0;
    if (product_id == headphone_) category = headphones_;
    if (product_id == speaker_) category = audio_;
    if (product_id == tv_) category = electronics_;
    if (product_id == shirt_) category = clothes_;
    return {product_id, category, line_total};
  }

  static inline TestDatabase* tdb_ = nullptr;
  static inline db::Database* db_ = nullptr;
  static inline std::int64_t electronics_ = 0, audio_ = 0, headphones_ = 0, clothes_ = 0;
  static inline std::int64_t headphone_ = 0, speaker_ = 0, tv_ = 0, shirt_ = 0;
};

// --- Amounts -------------------------------------------------------------------------------

TEST_F(CouponDbTest, Percentage_OfAllLinesRoundsDownAndSpreadsEveryPeso) {
  std::int64_t id = 0;
  const std::string code = Coupon({.type = "percentage", .value = 7}, &id);
  auto r = Evaluate(code, {Line(headphone_, 1999), Line(shirt_, 2999)});
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->coupon_id, id);
  EXPECT_EQ(r->code, code);
  EXPECT_EQ(r->type, "percentage");
  EXPECT_EQ(r->value, 7);
  EXPECT_FALSE(r->free_shipping);
  EXPECT_EQ(r->discount, 349) << "7% of 4998 is 349.86, rounded down";
  ASSERT_EQ(r->line_discounts.size(), 2u);
  EXPECT_EQ(Sum(r->line_discounts), r->discount);
  // 139.58 and 209.41: the leftover peso goes to the larger remainder.
  EXPECT_EQ(r->line_discounts[0], 140);
  EXPECT_EQ(r->line_discounts[1], 209);
}

TEST_F(CouponDbTest, Percentage_HundredTakesEverything) {
  const std::string code = Coupon({.type = "percentage", .value = 100});
  auto r = Evaluate(code, {Line(headphone_, 333), Line(shirt_, 667), Line(tv_, 1)});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->discount, 1001);
  EXPECT_EQ(r->line_discounts, (std::vector<std::int64_t>{333, 667, 1}));
}

TEST_F(CouponDbTest, Percentage_ThreeEqualLinesGetTheLeftoverInOrder) {
  const std::string code = Coupon({.type = "percentage", .value = 10});
  auto r = Evaluate(code, {Line(headphone_, 3333), Line(shirt_, 3333), Line(tv_, 3333)});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->discount, 999);
  EXPECT_EQ(r->line_discounts, (std::vector<std::int64_t>{333, 333, 333}));
  auto odd = Evaluate(code, {Line(headphone_, 5), Line(shirt_, 5), Line(tv_, 10)});
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->discount, 2);
  EXPECT_EQ(Sum(odd->line_discounts), 2);
  EXPECT_EQ(odd->line_discounts[2], 1) << "the largest line's exact share is a whole peso";
}

TEST_F(CouponDbTest, Fixed_IsCappedByTheEligibleTotalAndSpreadByLineTotals) {
  const std::string code = Coupon({.type = "fixed", .value = 1000});
  auto r = Evaluate(code, {Line(headphone_, 3000), Line(shirt_, 1000)});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->discount, 1000);
  EXPECT_EQ(r->line_discounts, (std::vector<std::int64_t>{750, 250}));

  const std::string big = Coupon({.type = "fixed", .value = 50000});
  auto capped = Evaluate(big, {Line(headphone_, 3000), Line(shirt_, 990)});
  ASSERT_TRUE(capped);
  EXPECT_EQ(capped->discount, 3990) << "never more than the lines are worth";
  EXPECT_EQ(capped->line_discounts, (std::vector<std::int64_t>{3000, 990}));
}

TEST_F(CouponDbTest, FreeShipping_TakesNothingOffTheLines) {
  const std::string code = Coupon({.type = "free_shipping", .value = 0});
  auto r = Evaluate(code, {Line(headphone_, 3000), Line(shirt_, 1000)});
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->free_shipping);
  EXPECT_EQ(r->discount, 0);
  EXPECT_EQ(r->line_discounts, (std::vector<std::int64_t>{0, 0}));
}

TEST_F(CouponDbTest, Code_IsTrimmedAndCaseInsensitive) {
  const std::string code = Coupon({});
  std::string messy = "  " + code + "\t";
  for (char& c : messy) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto r = Evaluate(messy, {Line(headphone_, 10000)});
  ASSERT_TRUE(r) << r.error().fields.at(0).message;
  EXPECT_EQ(r->code, code);
  EXPECT_EQ(r->discount, 1000);
}

// --- Scope -----------------------------------------------------------------------------------

TEST_F(CouponDbTest, ScopeByProduct_DiscountsOnlyListedProducts) {
  const std::string code = Coupon({.type = "percentage", .value = 10, .product_ids = {shirt_}});
  auto r = Evaluate(code, {Line(headphone_, 10000), Line(shirt_, 5000)});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->discount, 500);
  EXPECT_EQ(r->line_discounts, (std::vector<std::int64_t>{0, 500}));
}

TEST_F(CouponDbTest, ScopeByCategory_IncludesDescendantCategories) {
  // Electrónica covers Audio and Audífonos below it, not Ropa.
  const std::string code =
      Coupon({.type = "percentage", .value = 10, .category_ids = {electronics_}});
  auto r = Evaluate(
      code, {Line(headphone_, 10000), Line(shirt_, 5000), Line(tv_, 20000), Line(speaker_, 1000)});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->discount, 3100);
  EXPECT_EQ(r->line_discounts, (std::vector<std::int64_t>{1000, 0, 2000, 100}));
}

TEST_F(CouponDbTest, ScopeByChildCategory_CoversGrandchildrenButNotParents) {
  const std::string code = Coupon({.type = "fixed", .value = 900, .category_ids = {audio_}});
  auto r = Evaluate(code, {Line(tv_, 50000), Line(headphone_, 2000), Line(speaker_, 1000)});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->discount, 900);
  EXPECT_EQ(r->line_discounts, (std::vector<std::int64_t>{0, 600, 300}));
}

TEST_F(CouponDbTest, ScopeByProductAndCategory_EitherMakesALineEligible) {
  const std::string code = Coupon(
      {.type = "percentage", .value = 50, .product_ids = {shirt_}, .category_ids = {headphones_}});
  auto r = Evaluate(code, {Line(shirt_, 1000), Line(headphone_, 3000), Line(speaker_, 7000)});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->discount, 2000);
  EXPECT_EQ(r->line_discounts, (std::vector<std::int64_t>{500, 1500, 0}));
}

TEST_F(CouponDbTest, Refused_NotApplicableWhenNoLineIsInScope) {
  const std::string by_category = Coupon({.category_ids = {clothes_}});
  EXPECT_EQ(Why(Evaluate(by_category, {Line(headphone_, 10000), Line(tv_, 1000)})),
            "not_applicable");
  const std::string by_product = Coupon({.product_ids = {tv_}});
  EXPECT_EQ(Why(Evaluate(by_product, {Line(headphone_, 10000)})), "not_applicable");
  EXPECT_EQ(Why(Evaluate(by_product, {})), "not_applicable");
}

// --- Refusals --------------------------------------------------------------------------------

TEST_F(CouponDbTest, Refused_UnknownCode) {
  EXPECT_EQ(Why(Evaluate("NO-EXISTE-123", {Line(headphone_, 1000)})), "unknown");
  EXPECT_EQ(Why(Evaluate("   ", {Line(headphone_, 1000)})), "unknown");
  EXPECT_EQ(Why(Evaluate(std::string(500, 'X'), {Line(headphone_, 1000)})), "unknown");
}

TEST_F(CouponDbTest, Refused_Inactive) {
  const std::string code = Coupon({.is_active = false});
  EXPECT_EQ(Why(Evaluate(code, {Line(headphone_, 1000)})), "inactive");
}

TEST_F(CouponDbTest, Window_IsInclusiveAtBothEnds) {
  const std::string code =
      Coupon({.starts_at = "2026-06-01 00:00:00", .ends_at = "2026-06-30 23:59:59"});
  const std::vector<CouponLine> lines{Line(headphone_, 1000)};
  EXPECT_EQ(Why(Evaluate(code, lines, std::nullopt, "2026-05-31 23:59:59")), "not_started");
  EXPECT_EQ(Why(Evaluate(code, lines, std::nullopt, "2026-06-01 00:00:00")), "");
  EXPECT_EQ(Why(Evaluate(code, lines, std::nullopt, "2026-06-30 23:59:59")), "");
  EXPECT_EQ(Why(Evaluate(code, lines, std::nullopt, "2026-07-01 00:00:00")), "expired");
}

TEST_F(CouponDbTest, Refused_MinSubtotalComparesAllLinesAndSaysTheMinimum) {
  // Scoped to one product, but the minimum counts the whole cart.
  const std::string code = Coupon({.min_subtotal = 20000, .product_ids = {shirt_}});
  auto low = Evaluate(code, {Line(shirt_, 5000), Line(headphone_, 14999)});
  ASSERT_EQ(Why(low), "min_subtotal");
  EXPECT_NE(low.error().fields[0].message.find("$20.000"), std::string::npos)
      << low.error().fields[0].message;
  auto enough = Evaluate(code, {Line(shirt_, 5000), Line(headphone_, 15000)});
  ASSERT_TRUE(enough);
  EXPECT_EQ(enough->discount, 500);
}

TEST_F(CouponDbTest, Refused_ExhaustedWhenUsageLimitReached) {
  const std::string code = Coupon({.usage_limit = 3, .times_used = 3});
  EXPECT_EQ(Why(Evaluate(code, {Line(headphone_, 1000)})), "exhausted");
  const std::string left = Coupon({.usage_limit = 3, .times_used = 2});
  EXPECT_EQ(Why(Evaluate(left, {Line(headphone_, 1000)})), "");
}

TEST_F(CouponDbTest, Refused_PerCustomerLimitForThatCustomerOnly) {
  std::int64_t id = 0;
  const std::string code = Coupon({.usage_limit_per_customer = 1}, &id);
  const std::int64_t user = User();
  ASSERT_TRUE(Redeem(code, {Line(headphone_, 1000)}, user, Order(user)));
  EXPECT_EQ(Why(Evaluate(code, {Line(headphone_, 1000)}, user)), "per_customer_limit");
  EXPECT_EQ(Why(Evaluate(code, {Line(headphone_, 1000)}, User())), "") << "another customer";
  EXPECT_EQ(Why(Evaluate(code, {Line(headphone_, 1000)})), "") << "a guest is checked at Redeem";
}

// --- Redeem and Release ------------------------------------------------------------------------

TEST_F(CouponDbTest, Redeem_TakesAUseAndRecordsTheDiscount) {
  std::int64_t id = 0;
  const std::string code = Coupon({.type = "fixed", .value = 2500, .usage_limit = 10}, &id);
  const std::int64_t user = User();
  const std::int64_t order = Order(user);
  auto r = Redeem(code, {Line(headphone_, 10000)}, user, order);
  ASSERT_TRUE(r) << r.error().detail << r.error().internal;
  EXPECT_EQ(TimesUsed(id), 1);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM coupon_redemptions WHERE coupon_id = ? AND user_id = ? "
                   "AND order_id = ? AND discount_amount = 2500",
                   {id, user, order}),
            1);
}

TEST_F(CouponDbTest, Redeem_RefusesTheUseOverTheLimitAndRollsBack) {
  std::int64_t id = 0;
  const std::string code = Coupon({.usage_limit = 1}, &id);
  const std::int64_t user = User();
  auto applied = Evaluate(code, {Line(headphone_, 1000)});
  ASSERT_TRUE(applied);
  // Two orders evaluated while one use was left; only the first redemption takes it.
  auto take = [&](std::int64_t order) {
    return db_->Write(
        [&](db::UnitOfWork& uow) { return promotions::Redeem(uow, *applied, user, order); });
  };
  ASSERT_TRUE(take(Order(user)));
  auto second = take(Order(user));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, Errc::kInvalidArgument);
  EXPECT_EQ(second.error().fields.at(0).field, "coupon_code");
  EXPECT_EQ(second.error().fields.at(0).code, "exhausted");
  EXPECT_EQ(TimesUsed(id), 1);
  EXPECT_EQ(Redemptions(id), 1);
}

TEST_F(CouponDbTest, Redeem_EnforcesPerCustomerLimitForGuestsEvaluatedWithoutUser) {
  std::int64_t id = 0;
  const std::string code = Coupon({.usage_limit_per_customer = 2}, &id);
  const std::int64_t user = User();
  auto applied = Evaluate(code, {Line(headphone_, 1000)});  // as a guest
  ASSERT_TRUE(applied);
  auto take = [&](std::int64_t customer) {
    const std::int64_t order = Order(customer);
    return db_->Write(
        [&](db::UnitOfWork& uow) { return promotions::Redeem(uow, *applied, customer, order); });
  };
  ASSERT_TRUE(take(user));
  ASSERT_TRUE(take(user));
  auto third = take(user);
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().fields.at(0).code, "per_customer_limit");
  EXPECT_EQ(TimesUsed(id), 2) << "the refused use was rolled back";
  EXPECT_EQ(Redemptions(id), 2);
  ASSERT_TRUE(take(User())) << "another customer still may";
  EXPECT_EQ(TimesUsed(id), 3);
}

TEST_F(CouponDbTest, Release_GivesTheUseBackOnceAndIgnoresOrdersWithoutCoupon) {
  std::int64_t id = 0;
  const std::string code = Coupon({.usage_limit = 1, .usage_limit_per_customer = 1}, &id);
  const std::int64_t user = User();
  const std::int64_t order = Order(user);
  ASSERT_TRUE(Redeem(code, {Line(headphone_, 1000)}, user, order));
  EXPECT_EQ(Why(Evaluate(code, {Line(headphone_, 1000)}, User())), "exhausted");

  Release(order);
  EXPECT_EQ(TimesUsed(id), 0);
  EXPECT_EQ(Redemptions(id), 0);
  Release(order);        // cancelling twice gives back nothing more
  Release(Order(user));  // an order that used no coupon
  EXPECT_EQ(TimesUsed(id), 0);
  // The customer and everyone else may use it again.
  EXPECT_EQ(Why(Evaluate(code, {Line(headphone_, 1000)}, user)), "");
  ASSERT_TRUE(Redeem(code, {Line(headphone_, 1000)}, user, Order(user)));
  EXPECT_EQ(TimesUsed(id), 1);
}

// --- Concurrency -------------------------------------------------------------------------------

TEST_F(CouponDbTest, Concurrent_RedeemsNeverExceedUsageLimit) {
  std::int64_t id = 0;
  const std::string code = Coupon({.type = "fixed", .value = 1000, .usage_limit = 5}, &id);
  constexpr int kThreads = 16;
  std::vector<std::int64_t> users, orders;
  for (int i = 0; i < kThreads; ++i) {
    users.push_back(User());
    orders.push_back(Order(users.back()));
  }
  std::atomic<int> ok{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      auto r = Redeem(code, {Line(headphone_, 5000)}, users[i], orders[i]);
      if (r)
        ++ok;
      else if (r.error().code == Errc::kInvalidArgument &&
               r.error().fields.at(0).code == "exhausted")
        ++refused;
      else
        ++other;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 5);
  EXPECT_EQ(refused.load(), kThreads - 5);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(TimesUsed(id), 5);
  EXPECT_EQ(Redemptions(id), 5);
}

TEST_F(CouponDbTest, Concurrent_OneCustomerNeverExceedsPerCustomerLimit) {
  std::int64_t id = 0;
  const std::string code = Coupon({.usage_limit_per_customer = 1}, &id);
  constexpr int kThreads = 8;
  const std::int64_t user = User();
  std::vector<std::int64_t> orders;
  for (int i = 0; i < kThreads; ++i) orders.push_back(Order(user));
  std::atomic<int> ok{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      auto r = Redeem(code, {Line(headphone_, 5000)}, user, orders[i]);
      if (r)
        ++ok;
      else if (r.error().code == Errc::kInvalidArgument &&
               r.error().fields.at(0).code == "per_customer_limit")
        ++refused;
      else
        ++other;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(refused.load(), kThreads - 1);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(TimesUsed(id), 1);
  EXPECT_EQ(Redemptions(id), 1);
}

TEST_F(CouponDbTest, Concurrent_ManyCustomersWithPerCustomerLimitsAllSucceed) {
  // Per-customer counting must not make different customers fail one another (no deadlock
  // reaches the caller).
  std::int64_t id = 0;
  const std::string code = Coupon({.usage_limit = 12, .usage_limit_per_customer = 1}, &id);
  constexpr int kThreads = 12;
  std::vector<std::int64_t> users, orders;
  for (int i = 0; i < kThreads; ++i) {
    users.push_back(User());
    orders.push_back(Order(users.back()));
  }
  std::atomic<int> ok{0};
  std::vector<std::string> failures(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      auto r = Redeem(code, {Line(headphone_, 5000)}, users[i], orders[i]);
      if (r)
        ++ok;
      else
        failures[i] = r.error().detail + " " + r.error().internal;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), kThreads);
  for (const auto& f : failures) EXPECT_EQ(f, "");
  EXPECT_EQ(TimesUsed(id), kThreads);
  EXPECT_EQ(Redemptions(id), kThreads);
}

}  // namespace
}  // namespace moderno::testing
