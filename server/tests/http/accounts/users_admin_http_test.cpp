// Staff management of accounts over HTTP: listing, role changes by the right roles only,
// deactivation ending sessions at once, and the audit trail.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http_suite.hpp"

namespace moderno::testing {
namespace {

namespace json = boost::json;

class UsersAdminTest : public HttpSuite {
 protected:
  void SetUp() override {
    StartStore();
    admin_ = store_->CreateUser(http::Role::kAdmin);
    super_ = store_->CreateUser(http::Role::kSuperAdmin);
  }
  HttpResult Patch(const TestUser& as, std::int64_t id, const std::string& body) {
    HttpClient c(store_->port());
    return c.Request("PATCH", "/api/v1/admin/users/" + std::to_string(id), as.auth(), body);
  }
  HttpResult Get(const TestUser& as, const std::string& path) {
    HttpClient c(store_->port());
    return c.Get(path, as.auth());
  }
  void TearDown() override { StopStore(); }
  TestUser admin_, super_;
};

TEST_F(UsersAdminTest, ListsAndFiltersUsers) {
  store_->CreateUser(http::Role::kCustomer, "maria.soto@correo.cl");
  store_->CreateUser(http::Role::kManager);
  auto all = json::parse(Get(admin_, "/api/v1/admin/users?limit=2").body).as_object();
  EXPECT_EQ(all["data"].as_array().size(), 2u);
  EXPECT_EQ(all["pagination"].at("total").as_int64(), 4);
  auto managers = json::parse(Get(admin_, "/api/v1/admin/users?role=manager").body).as_object();
  ASSERT_EQ(managers["data"].as_array().size(), 1u);
  EXPECT_EQ(managers["data"].as_array()[0].at("role").as_string(), "manager");
  auto found = json::parse(Get(admin_, "/api/v1/admin/users?search=SOTO").body).as_object();
  ASSERT_EQ(found["data"].as_array().size(), 1u);
  EXPECT_EQ(found["data"].as_array()[0].at("email").as_string(), "maria.soto@correo.cl");
  EXPECT_EQ(found.find("password_hash"), found.end());
  EXPECT_EQ(Get(admin_, "/api/v1/admin/users?role=king").status, 422);
  EXPECT_EQ(Get(admin_, "/api/v1/admin/users?limit=500").status, 422);
  EXPECT_EQ(Get(admin_, "/api/v1/admin/users/999999").status, 404);
}

TEST_F(UsersAdminTest, AdminsPromoteToManagerOnlySuperAdminsGrantAdmin) {
  auto customer = store_->CreateUser(http::Role::kCustomer);
  auto promoted = Patch(admin_, customer.id, R"({"role":"manager"})");
  ASSERT_EQ(promoted.status, 200) << promoted.body;
  EXPECT_EQ(json::parse(promoted.body).at("role").as_string(), "manager");
  EXPECT_EQ(Patch(admin_, customer.id, R"({"role":"admin"})").status, 403);
  EXPECT_EQ(Patch(admin_, super_.id, R"({"is_active":false})").status, 403);
  EXPECT_EQ(Patch(super_, customer.id, R"({"role":"admin"})").status, 200);
  EXPECT_EQ(Patch(super_, super_.id, R"({"role":"customer"})").status, 409) << "no self-demotion";
  EXPECT_EQ(Patch(super_, customer.id, R"({"role":"emperor"})").status, 422);
  EXPECT_EQ(Patch(super_, customer.id, R"({})").status, 422);
  // The old token carries the old role: it stops working at once.
  HttpClient c(store_->port());
  EXPECT_EQ(c.Get("/api/v1/admin/users", customer.auth()).status, 401);
}

TEST_F(UsersAdminTest, DeactivationEndsSessionsAndIsAudited) {
  auto customer = store_->CreateUser(http::Role::kCustomer);
  auto r = Patch(admin_, customer.id, R"({"is_active":false})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(json::parse(r.body).at("is_active").as_bool());
  HttpClient c(store_->port());
  auto refresh = c.Request("POST", "/api/v1/auth/refresh", {},
                           R"({"refresh_token":")" + customer.refresh_token + R"("})");
  EXPECT_EQ(refresh.status, 401);
  auto login = c.Request("POST", "/api/v1/auth/login", {},
                         R"({"email":")" + customer.email + R"(","password":")" + customer.password + R"("})");
  EXPECT_EQ(login.status, 401);
  auto audited = store_->app().db().Read([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
    return uow.QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'user.update' AND entity_id = ? "
                        "AND actor_user_id = ?", {std::to_string(customer.id), admin_.id})->Int(0);
  });
  ASSERT_TRUE(audited) << audited.error().internal;
  EXPECT_EQ(*audited, 1);
}

}  // namespace
}  // namespace moderno::testing
