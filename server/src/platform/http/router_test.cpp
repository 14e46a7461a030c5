#include "platform/http/router.hpp"

#include <gtest/gtest.h>

namespace moderno::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&) { return TextResponse(200, name, "text/plain"); };
}

TEST(Router, MatchesLiteralAndParameterisedPatterns) {
  Router r;
  r.Add("GET", "/api/v1/products", Named("list"));
  r.Add("GET", "/api/v1/products/{id}", Named("get"));
  Match m = r.Find("GET", "/api/v1/products/abc-123");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/products/{id}");
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0].second, "abc-123");
  EXPECT_EQ(r.Find("GET", "/api/v1/products").route->pattern, "/api/v1/products");
}

TEST(Router, LiteralBeatsParameter) {
  Router r;
  r.Add("GET", "/api/v1/things/{id}", Named("param"));
  r.Add("GET", "/api/v1/things/special", Named("literal"));
  EXPECT_EQ(r.Find("GET", "/api/v1/things/special").route->pattern, "/api/v1/things/special");
}

TEST(Router, ReportsAllowedMethodsWhenOnlyTheMethodDiffers) {
  Router r;
  r.Add("GET", "/api/v1/products", Named("list"));
  r.Add("POST", "/api/v1/products", Named("create"));
  Match m = r.Find("DELETE", "/api/v1/products");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "POST"}));
}

TEST(Router, HeadUsesGetRoutes) {
  Router r;
  r.Add("GET", "/health", Named("health"));
  EXPECT_NE(r.Find("HEAD", "/health").route, nullptr);
}

TEST(Router, UnknownPathMatchesNothing) {
  Router r;
  r.Add("GET", "/api/v1/products/{id}", Named("get"));
  Match m = r.Find("GET", "/api/v1/products/1/extra");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.allowed.empty());
}

}  // namespace
}  // namespace moderno::http

