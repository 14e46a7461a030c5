// The staff coupon routes over real sockets, on both databases: create, list, get, partial
// update and delete (or deactivate), the 422s that name each field, who may call them, and
// the audit records they write.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "http_suite.hpp"

namespace moderno::testing {
namespace {

namespace json = boost::json;


bool Names(const Reply& r, const std::string& field_code) {
  for (const std::string& fc : FieldCodes(r)) {
    if (fc == field_code) return true;
  }
  return false;
}

std::string Dump(const Reply& r) { return std::to_string(r.status) + " " + r.raw; }

class CouponAdminHttpTest : public HttpSuite {
 protected:
  static void SetUpTestSuite() {
    StartStore();
    manager_ = new TestUser(store_->CreateUser(http::Role::kManager));
    admin_ = new TestUser(store_->CreateUser(http::Role::kAdmin));
    super_admin_ = new TestUser(store_->CreateUser(http::Role::kSuperAdmin));
    customer_ = new TestUser(store_->CreateUser(http::Role::kCustomer));
    category_ = Insert("INSERT INTO categories (name, slug) VALUES ('Calzado', 'calzado')", {});
    product_ =
        Insert("INSERT INTO products (name, slug, sku, price, category_id) VALUES (?, ?, ?, ?, ?)",
               {std::string("Zapatilla"), std::string("zapatilla"), std::string("ZAP-1"),
                std::int64_t{49990}, category_});
  }
  static void TearDownTestSuite() {
    delete manager_;
    delete admin_;
    delete super_admin_;
    delete customer_;
    StopStore();
  }

  // As HttpSuite::Call, by the admin unless told otherwise.
  static Reply Call(const std::string& method, const std::string& target,
                    const std::string& body = "", const TestUser* as = admin_) {
    return HttpSuite::Call(method, target, body, as);
  }
  static Reply Call(const std::string& method, const std::string& target, const json::object& body,
                    const TestUser* as = admin_) {
    return HttpSuite::Call(method, target, body, as);
  }
  static std::int64_t Insert(const std::string& sql, const std::vector<db::Value>& params) {
    auto r = store_->app().db().Write([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
      return uow.Exec(sql, params).last_insert_id;
    });
    EXPECT_TRUE(r) << r.error().internal;
    return r ? *r : 0;
  }
  // The first column of the first row as text; "" when there is no row.
  static std::string Text(const std::string& sql, const std::vector<db::Value>& params) {
    auto r = store_->app().db().Read([&](db::UnitOfWork& uow) -> Result<std::string> {
      auto row = uow.QueryOne(sql, params);
      return row ? row->Str(0) : std::string();
    });
    EXPECT_TRUE(r) << r.error().internal;
    return r ? *r : "";
  }
  static std::string Unique(const std::string& prefix) {
    static int n = 0;
    return prefix + std::to_string(++n);
  }
  static std::string Path(std::int64_t id) { return "/api/v1/admin/coupons/" + std::to_string(id); }
  // Creates a 10% coupon (plus `extra`) and returns its JSON.
  static json::object Create(const std::string& code, json::object extra = {}) {
    json::object body{{"code", code}, {"type", "percentage"}, {"value", 10}};
    for (const auto& m : extra) body[m.key()] = m.value();
    auto r = Call("POST", "/api/v1/admin/coupons", body);
    EXPECT_EQ(r.status, 201) << Dump(r);
    return r.body;
  }
  // The details of the newest audit record for this coupon and action ("" when none).
  static std::string AuditDetails(std::int64_t id, const std::string& action) {
    return Text(
        "SELECT details FROM audit_log WHERE entity = 'coupon' AND entity_id = ? AND "
        "action = ? ORDER BY id DESC LIMIT 1",
        {std::to_string(id), action});
  }

  static inline TestUser* manager_ = nullptr;
  static inline TestUser* admin_ = nullptr;
  static inline TestUser* super_admin_ = nullptr;
  static inline TestUser* customer_ = nullptr;
  static inline std::int64_t category_ = 0;
  static inline std::int64_t product_ = 0;
};

TEST_F(CouponAdminHttpTest, Create_Returns201WithCanonicalCodeUtcWindowAndAudit) {
  json::object body{{"code", "  verano-2026_a "},
                    {"type", "percentage"},
                    {"value", 15},
                    {"min_subtotal", 20000},
                    {"starts_at", "2026-01-01T00:00:00-03:00"},
                    {"ends_at", "2026-02-28"},
                    {"usage_limit", 100},
                    {"usage_limit_per_customer", 1},
                    {"category_ids", json::array{category_}},
                    {"product_ids", json::array{product_, product_}}};
  auto r = Call("POST", "/api/v1/admin/coupons", body);
  ASSERT_EQ(r.status, 201) << Dump(r);
  const std::int64_t id = r.body.at("id").as_int64();
  EXPECT_EQ(r.http.Header("location"), Path(id));
  EXPECT_EQ(r.body.at("code").as_string(), "VERANO-2026_A");
  EXPECT_EQ(r.body.at("type").as_string(), "percentage");
  EXPECT_EQ(r.body.at("value").as_int64(), 15);
  EXPECT_EQ(r.body.at("min_subtotal").as_int64(), 20000);
  EXPECT_EQ(r.body.at("starts_at").as_string(), "2026-01-01T03:00:00Z");
  EXPECT_EQ(r.body.at("ends_at").as_string(), "2026-02-28T23:59:59Z")
      << "a date ends at its last second";
  EXPECT_EQ(r.body.at("usage_limit").as_int64(), 100);
  EXPECT_EQ(r.body.at("usage_limit_per_customer").as_int64(), 1);
  EXPECT_EQ(r.body.at("times_used").as_int64(), 0);
  EXPECT_TRUE(r.body.at("is_active").as_bool());
  EXPECT_EQ(r.body.at("category_ids").as_array(), (json::array{category_}));
  EXPECT_EQ(r.body.at("product_ids").as_array(), (json::array{product_}))
      << "duplicates are dropped";
  EXPECT_TRUE(r.body.at("created_at").as_string().ends_with("Z"));
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM coupons WHERE code = 'VERANO-2026_A'"), 1);

  const std::string details = AuditDetails(id, "coupon.create");
  EXPECT_NE(details.find("VERANO-2026_A"), std::string::npos) << details;
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'coupon.create' AND "
                   "entity_id = ? AND actor_user_id = ?",
                   {std::to_string(id), admin_->id}),
            1);
}

TEST_F(CouponAdminHttpTest, Create_FreeShippingNeedsNoValueAndDefaultsAreApplied) {
  auto r = Call("POST", "/api/v1/admin/coupons",
                json::object{{"code", Unique("ENVIO")}, {"type", "free_shipping"}});
  ASSERT_EQ(r.status, 201) << Dump(r);
  EXPECT_EQ(r.body.at("value").as_int64(), 0);
  EXPECT_EQ(r.body.at("min_subtotal").as_int64(), 0);
  EXPECT_TRUE(r.body.at("starts_at").is_null());
  EXPECT_TRUE(r.body.at("ends_at").is_null());
  EXPECT_TRUE(r.body.at("usage_limit").is_null());
  EXPECT_TRUE(r.body.at("usage_limit_per_customer").is_null());
  EXPECT_TRUE(r.body.at("category_ids").as_array().empty());
  EXPECT_TRUE(r.body.at("product_ids").as_array().empty());
}

TEST_F(CouponAdminHttpTest, Create_NamesEveryInvalidField) {
  auto r = Call("POST", "/api/v1/admin/coupons",
                json::object{{"code", "ab"},
                             {"type", "regalo"},
                             {"value", -1},
                             {"min_subtotal", "mucho"},
                             {"starts_at", "mañana"},
                             {"usage_limit", 0},
                             {"usage_limit_per_customer", -3},
                             {"category_ids", "todas"},
                             {"is_active", "si"},
                             {"valor", 10}});
  ASSERT_EQ(r.status, 422) << Dump(r);
  EXPECT_EQ(r.http.Header("content-type"), "application/problem+json");
  for (const char* fc :
       {"code:invalid", "type:invalid", "value:out_of_range", "min_subtotal:type",
        "starts_at:invalid", "usage_limit:out_of_range", "usage_limit_per_customer:out_of_range",
        "category_ids:type", "is_active:type", "valor:unknown"}) {
    EXPECT_TRUE(Names(r, fc)) << fc << " in " << r.raw;
  }
  auto missing = Call("POST", "/api/v1/admin/coupons", json::object{});
  ASSERT_EQ(missing.status, 422);
  EXPECT_TRUE(Names(missing, "code:required")) << missing.raw;
  EXPECT_TRUE(Names(missing, "type:required")) << missing.raw;
  auto bad_chars = Call("POST", "/api/v1/admin/coupons",
                        json::object{{"code", "DESC UENTO"}, {"type", "fixed"}, {"value", 1000}});
  EXPECT_TRUE(Names(bad_chars, "code:invalid")) << bad_chars.raw;
  auto too_long =
      Call("POST", "/api/v1/admin/coupons",
           json::object{{"code", std::string(41, 'A')}, {"type", "fixed"}, {"value", 1}});
  EXPECT_TRUE(Names(too_long, "code:invalid")) << too_long.raw;
  EXPECT_EQ(Call("POST", "/api/v1/admin/coupons", std::string("{nope")).status, 400);
}

TEST_F(CouponAdminHttpTest, Create_ChecksValueByTypeWindowAndIds) {
  auto check = [](json::object body, const char* field_code) {
    if (!body.contains("code")) body["code"] = Unique("VAL");
    auto r = Call("POST", "/api/v1/admin/coupons", body);
    EXPECT_EQ(r.status, 422) << field_code << ": " << Dump(r);
    EXPECT_TRUE(Names(r, field_code)) << field_code << " in " << r.raw;
  };
  check({{"type", "percentage"}, {"value", 101}}, "value:out_of_range");
  check({{"type", "percentage"}, {"value", 0}}, "value:out_of_range");
  check({{"type", "percentage"}}, "value:required");
  check({{"type", "fixed"}, {"value", 0}}, "value:out_of_range");
  check({{"type", "free_shipping"}, {"value", 500}}, "value:invalid");
  check({{"type", "fixed"},
         {"value", 5000},
         {"starts_at", "2026-03-01T00:00:00Z"},
         {"ends_at", "2026-03-01T00:00:00Z"}},
        "ends_at:before_start");
  check({{"type", "fixed"}, {"value", 5000}, {"category_ids", json::array{category_, 99999999}}},
        "category_ids:unknown");
  check({{"type", "fixed"}, {"value", 5000}, {"product_ids", json::array{99999998}}},
        "product_ids:unknown");
  check({{"type", "fixed"}, {"value", 5000}, {"product_ids", json::array{0}}}, "product_ids:type");

  Create("TOMADO-1");
  check({{"code", "tomado-1"}, {"type", "fixed"}, {"value", 5000}}, "code:taken");
  // Nothing half-written by the refused requests.
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM coupons WHERE code LIKE 'VAL%'"), 0);
}

TEST_F(CouponAdminHttpTest, List_NewestFirstFilteredAndPaginated) {
  const std::string prefix = Unique("LISTA");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(Create(prefix + "-" + std::to_string(i)).at("id").as_int64());
  }
  Call("PUT", Path(ids[1]), json::object{{"is_active", false}});
  // The same second for all three: ties are broken by id, newest first.
  auto all = Call("GET", "/api/v1/admin/coupons?q=" + prefix, "", manager_);
  ASSERT_EQ(all.status, 200) << Dump(all);
  ASSERT_EQ(all.body.at("data").as_array().size(), 3u);
  EXPECT_EQ(all.body.at("data").at(0).at("id").as_int64(), ids[2]);
  EXPECT_EQ(all.body.at("data").at(2).at("id").as_int64(), ids[0]);
  EXPECT_TRUE(all.body.at("data").at(0).as_object().contains("times_used"));
  EXPECT_EQ(all.body.at("pagination").at("total").as_int64(), 3);

  std::string lower = prefix;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto active = Call("GET", "/api/v1/admin/coupons?is_active=true&q=" + lower, "", manager_);
  ASSERT_EQ(active.status, 200);
  EXPECT_EQ(active.body.at("pagination").at("total").as_int64(), 2) << "q ignores case";
  auto inactive = Call("GET", "/api/v1/admin/coupons?is_active=false&q=" + prefix, "", manager_);
  ASSERT_EQ(inactive.body.at("data").as_array().size(), 1u);
  EXPECT_EQ(inactive.body.at("data").at(0).at("id").as_int64(), ids[1]);

  auto page2 = Call("GET", "/api/v1/admin/coupons?limit=2&page=2&q=" + prefix, "", manager_);
  ASSERT_EQ(page2.status, 200);
  EXPECT_EQ(page2.body.at("pagination").as_object(),
            (json::object{{"page", 2}, {"limit", 2}, {"total", 3}, {"pages", 2}}));
  ASSERT_EQ(page2.body.at("data").as_array().size(), 1u);
  EXPECT_EQ(page2.body.at("data").at(0).at("id").as_int64(), ids[0]);

  // '_' in q is a character, not a wildcard.
  auto underscore = Call("GET", "/api/v1/admin/coupons?q=" + prefix + "_", "", manager_);
  EXPECT_EQ(underscore.body.at("pagination").at("total").as_int64(), 0);

  auto bad = Call("GET", "/api/v1/admin/coupons?is_active=maybe&limit=0&page=x", "", manager_);
  ASSERT_EQ(bad.status, 422);
  EXPECT_TRUE(Names(bad, "is_active:invalid")) << bad.raw;
  EXPECT_TRUE(Names(bad, "limit:out_of_range")) << bad.raw;
  EXPECT_TRUE(Names(bad, "page:invalid")) << bad.raw;
}

TEST_F(CouponAdminHttpTest, Get_ReturnsTheCouponOr404) {
  const std::int64_t id = Create(Unique("VER")).at("id").as_int64();
  auto r = Call("GET", Path(id), "", manager_);
  ASSERT_EQ(r.status, 200) << Dump(r);
  EXPECT_EQ(r.body.at("id").as_int64(), id);
  EXPECT_EQ(Call("GET", Path(99999999), "", manager_).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/admin/coupons/abc", "", manager_).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/admin/coupons/0", "", manager_).status, 404);
}

TEST_F(CouponAdminHttpTest, Update_ChangesOnlyFieldsPresentAndAudits) {
  auto created = Create(Unique("CAMBIO"), {{"product_ids", json::array{product_}},
                                           {"ends_at", "2026-12-31T23:59:59Z"}});
  const std::int64_t id = created.at("id").as_int64();
  auto r = Call("PUT", Path(id), json::object{{"value", 25}, {"usage_limit", 50}});
  ASSERT_EQ(r.status, 200) << Dump(r);
  EXPECT_EQ(r.body.at("value").as_int64(), 25);
  EXPECT_EQ(r.body.at("usage_limit").as_int64(), 50);
  EXPECT_EQ(r.body.at("code"), created.at("code"));
  EXPECT_EQ(r.body.at("type").as_string(), "percentage");
  EXPECT_EQ(r.body.at("product_ids").as_array(), (json::array{product_}))
      << "lists stay unless sent";
  EXPECT_EQ(r.body.at("ends_at").as_string(), "2026-12-31T23:59:59Z");
  const std::string details = AuditDetails(id, "coupon.update");
  auto parsed = json::parse(details).as_object();
  EXPECT_EQ(parsed.at("changes").at("value").as_object(), (json::object{{"from", 10}, {"to", 25}}))
      << details;
  EXPECT_FALSE(parsed.at("changes").as_object().contains("code")) << details;

  // null clears nullable fields; empty lists clear the scope; the code is canonicalised.
  auto cleared = Call("PUT", Path(id),
                      json::object{{"ends_at", nullptr},
                                   {"usage_limit", nullptr},
                                   {"product_ids", json::array{}},
                                   {"category_ids", json::array{category_}},
                                   {"code", "renombrado-" + std::to_string(id)}});
  ASSERT_EQ(cleared.status, 200) << Dump(cleared);
  EXPECT_TRUE(cleared.body.at("ends_at").is_null());
  EXPECT_TRUE(cleared.body.at("usage_limit").is_null());
  EXPECT_TRUE(cleared.body.at("product_ids").as_array().empty());
  EXPECT_EQ(cleared.body.at("category_ids").as_array(), (json::array{category_}));
  EXPECT_EQ(cleared.body.at("code").as_string(), "RENOMBRADO-" + std::to_string(id));

  // Turning it into free shipping needs no value; into fixed, a value.
  auto free = Call("PUT", Path(id), json::object{{"type", "free_shipping"}});
  ASSERT_EQ(free.status, 200) << Dump(free);
  EXPECT_EQ(free.body.at("value").as_int64(), 0);
  auto fixed = Call("PUT", Path(id), json::object{{"type", "fixed"}});
  ASSERT_EQ(fixed.status, 422);
  EXPECT_TRUE(Names(fixed, "value:required")) << fixed.raw;
  auto fixed_ok = Call("PUT", Path(id), json::object{{"type", "fixed"}, {"value", 3990}});
  ASSERT_EQ(fixed_ok.status, 200) << Dump(fixed_ok);
  EXPECT_EQ(fixed_ok.body.at("value").as_int64(), 3990);
}

TEST_F(CouponAdminHttpTest, Update_RefusesInvalidChangesAndUnknownCoupons) {
  const std::int64_t id =
      Create(Unique("INVAL"), {{"starts_at", "2026-05-01T00:00:00Z"}}).at("id").as_int64();
  const std::string other = Create(Unique("OTRO")).at("code").as_string().c_str();
  auto r = Call("PUT", Path(id),
                json::object{{"value", 0},
                             {"ends_at", "2026-04-01"},
                             {"code", other},
                             {"min_subtotal", nullptr},
                             {"is_active", nullptr}});
  ASSERT_EQ(r.status, 422) << Dump(r);
  for (const char* fc : {"min_subtotal:required", "is_active:required"}) {
    EXPECT_TRUE(Names(r, fc)) << fc << " in " << r.raw;
  }
  // The checks against the stored coupon run once the body itself is valid.
  auto cross =
      Call("PUT", Path(id), json::object{{"value", 0}, {"ends_at", "2026-04-01"}, {"code", other}});
  ASSERT_EQ(cross.status, 422) << Dump(cross);
  for (const char* fc : {"value:out_of_range", "ends_at:before_start", "code:taken"}) {
    EXPECT_TRUE(Names(cross, fc)) << fc << " in " << cross.raw;
  }
  // usage_limit may not fall below the uses already taken.
  Insert("UPDATE coupons SET times_used = 3 WHERE id = ?", {id});
  auto below = Call("PUT", Path(id), json::object{{"usage_limit", 2}});
  ASSERT_EQ(below.status, 422);
  EXPECT_TRUE(Names(below, "usage_limit:below_times_used")) << below.raw;
  EXPECT_EQ(Call("PUT", Path(id), json::object{{"usage_limit", 3}}).status, 200);

  EXPECT_EQ(Call("PUT", Path(99999999), json::object{{"value", 5}}).status, 404);
  EXPECT_EQ(Call("PUT", "/api/v1/admin/coupons/-1", json::object{{"value", 5}}).status, 404);
}

TEST_F(CouponAdminHttpTest, Delete_RemovesAnUnusedCouponAndDeactivatesAUsedOne) {
  const std::int64_t unused =
      Create(Unique("BORRAR"), {{"product_ids", json::array{product_}}}).at("id").as_int64();
  auto r = Call("DELETE", Path(unused));
  ASSERT_EQ(r.status, 204) << Dump(r);
  EXPECT_EQ(Call("GET", Path(unused)).status, 404);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM coupon_products WHERE coupon_id = ?", {unused}), 0);
  EXPECT_NE(AuditDetails(unused, "coupon.delete").find("\"deleted\""), std::string::npos);
  EXPECT_EQ(Call("DELETE", Path(unused)).status, 404);

  const std::int64_t used = Create(Unique("USADO")).at("id").as_int64();
  Insert("UPDATE coupons SET times_used = 1 WHERE id = ?", {used});
  ASSERT_EQ(Call("DELETE", Path(used)).status, 204);
  auto after = Call("GET", Path(used));
  ASSERT_EQ(after.status, 200) << "a used coupon stays for its orders";
  EXPECT_FALSE(after.body.at("is_active").as_bool());
  EXPECT_EQ(after.body.at("times_used").as_int64(), 1);
  EXPECT_NE(AuditDetails(used, "coupon.delete").find("\"deactivated\""), std::string::npos);
}

TEST_F(CouponAdminHttpTest, Access_ManagersReadAdminsWriteCustomersNothing) {
  const std::int64_t id = Create(Unique("ROL")).at("id").as_int64();
  const json::object change{{"value", 12}};
  const json::object fresh{{"code", Unique("ROLNUEVO")}, {"type", "fixed"}, {"value", 1000}};
  // No token: 401 everywhere.
  EXPECT_EQ(Call("GET", "/api/v1/admin/coupons", "", nullptr).status, 401);
  EXPECT_EQ(Call("POST", "/api/v1/admin/coupons", fresh, nullptr).status, 401);
  EXPECT_EQ(Call("GET", Path(id), "", nullptr).status, 401);
  EXPECT_EQ(Call("PUT", Path(id), change, nullptr).status, 401);
  EXPECT_EQ(Call("DELETE", Path(id), "", nullptr).status, 401);
  // Customers: 403 everywhere.
  EXPECT_EQ(Call("GET", "/api/v1/admin/coupons", "", customer_).status, 403);
  EXPECT_EQ(Call("POST", "/api/v1/admin/coupons", fresh, customer_).status, 403);
  EXPECT_EQ(Call("GET", Path(id), "", customer_).status, 403);
  EXPECT_EQ(Call("PUT", Path(id), change, customer_).status, 403);
  EXPECT_EQ(Call("DELETE", Path(id), "", customer_).status, 403);
  // Managers read only.
  EXPECT_EQ(Call("GET", "/api/v1/admin/coupons", "", manager_).status, 200);
  EXPECT_EQ(Call("GET", Path(id), "", manager_).status, 200);
  EXPECT_EQ(Call("POST", "/api/v1/admin/coupons", fresh, manager_).status, 403);
  EXPECT_EQ(Call("PUT", Path(id), change, manager_).status, 403);
  EXPECT_EQ(Call("DELETE", Path(id), "", manager_).status, 403);
  EXPECT_EQ(Scalar("SELECT value FROM coupons WHERE id = ?", {id}), 10) << "nothing changed";
  // Admins and super admins write.
  EXPECT_EQ(Call("PUT", Path(id), change, admin_).status, 200);
  EXPECT_EQ(Call("POST", "/api/v1/admin/coupons", fresh, super_admin_).status, 201);
  EXPECT_EQ(Call("DELETE", Path(id), "", super_admin_).status, 204);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'coupon.delete' AND "
                   "entity_id = ? AND actor_role = 'super_admin'",
                   {std::to_string(id)}),
            1);
}

}  // namespace
}  // namespace moderno::testing
