// The OpenAPI document served by the binary describes every route the app registers, with
// the role and authentication each one really needs.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cctype>

#include "http_client.hpp"
#include "test_store.hpp"

namespace moderno::testing {
namespace {

namespace json = boost::json;

TEST(OpenApi, DescribesEveryRegisteredRoute) {
  TestStore store;
  store.Start();
  HttpClient c(store.port());
  auto r = c.Get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  boost::system::error_code ec;
  json::value doc = json::parse(r.body, ec);
  ASSERT_FALSE(ec) << "the document is valid JSON";
  const json::object& paths = doc.at("paths").as_object();
  int described = 0;
  for (const http::Route& route : store.app().router().routes()) {
    if (route.pattern.starts_with("/test/")) continue;
    std::string method = route.method;
    for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto path = paths.find(route.pattern);
    ASSERT_NE(path, paths.end()) << route.pattern << " is not in docs/openapi.json";
    auto op = path->value().as_object().find(method);
    ASSERT_NE(op, path->value().as_object().end()) << route.method << " " << route.pattern;
    const json::object& operation = op->value().as_object();
    // A route that needs a token must say so, one where a token is optional lists the empty
    // requirement beside the bearer one, and a public one lists none.
    bool bearer = false, anonymous = false;
    if (operation.contains("security")) {
      for (const auto& requirement : operation.at("security").as_array()) {
        (requirement.as_object().empty() ? anonymous : bearer) = true;
      }
    }
    switch (route.options.access.kind) {
      case http::Access::Kind::kAuthenticated:
        EXPECT_TRUE(bearer && !anonymous) << route.method << " " << route.pattern;
        break;
      case http::Access::Kind::kOptional:
        EXPECT_TRUE(bearer && anonymous) << route.method << " " << route.pattern << " (token optional)";
        break;
      case http::Access::Kind::kPublic:
        EXPECT_FALSE(bearer) << route.method << " " << route.pattern;
        break;
    }
    ++described;
  }
  EXPECT_GE(described, 20);
}

}  // namespace
}  // namespace moderno::testing
