// Walks every route the app registers that needs a role, with no token and with a token of
// every role, and checks 401 / 403 / allowed. New staff routes are covered without editing
// this test.
#include <gtest/gtest.h>

#include <regex>

#include "http_client.hpp"
#include "test_store.hpp"

namespace moderno::testing {
namespace {

TEST(RoleMatrix, EveryStaffRouteChecksTokenAndRole) {
  TestStore store;
  store.Start();
  std::map<http::Role, TestUser> users;
  for (http::Role r : {http::Role::kCustomer, http::Role::kManager, http::Role::kAdmin,
                       http::Role::kSuperAdmin}) {
    users.emplace(r, store.CreateUser(r));
  }
  int checked = 0;
  for (const http::Route& route : store.app().router().routes()) {
    const http::Access& access = route.options.access;
    if (access.kind != http::Access::Kind::kAuthenticated || access.min_role == http::Role::kCustomer) {
      continue;
    }
    // Path parameters get a value that exists nowhere: the check must come before the lookup.
    const std::string path = std::regex_replace(route.pattern, std::regex(R"(\{[^}]+\})"), "999999");
    const std::string body = route.method == "GET" || route.method == "DELETE" ? "" : "{}";
    {
      HttpClient c(store.port());
      EXPECT_EQ(c.Request(route.method, path, {}, body).status, 401) << route.method << " " << path;
    }
    for (const auto& [role, user] : users) {
      HttpClient c(store.port());
      const int status = c.Request(route.method, path, user.auth(), body).status;
      if (role < access.min_role) {
        EXPECT_EQ(status, 403) << route.method << " " << path << " as " << http::RoleName(role);
      } else {
        EXPECT_NE(status, 401) << route.method << " " << path << " as " << http::RoleName(role);
        EXPECT_NE(status, 403) << route.method << " " << path << " as " << http::RoleName(role);
      }
    }
    ++checked;
  }
  EXPECT_GE(checked, 3) << "the admin routes are registered";
}

}  // namespace
}  // namespace moderno::testing
