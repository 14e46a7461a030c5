#include "platform/http/json_body.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace moderno::http {
namespace {

Request WithBody(std::string body) {
  Request req;
  req.method = "POST";
  req.body = std::move(body);
  return req;
}

TEST(JsonBody, ReadsAnObjectAndRefusesOtherJson) {
  auto ok = ParseJsonObject(WithBody(R"({"name":"Camión","quantity":2,"weight":1.5e3})"));
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->at("quantity").as_int64(), 2);
  for (const char* bad : {"[1,2]", "{\"name\":", "", "nul"}) {
    auto r = ParseJsonObject(WithBody(bad));
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, Errc::kMalformed) << bad;
  }
}

// Found by the json_body fuzzer (server/fuzz/corpus/json_body/crash-number-overflows-double.json):
// Boost.JSON read the number as infinity, which it serialises as `Infinity`, not JSON.
TEST(JsonBody, RefusesANumberTooLargeForADouble) {
  for (const char* body : {R"({"items":[{"sku":"A","quantity":1}],"n":1.5e3,"big":184e37445})",
                           R"({"a":[[{"b":-1e400}]]})"}) {
    auto r = ParseJsonObject(WithBody(body));
    ASSERT_FALSE(r.has_value()) << body;
    EXPECT_EQ(r.error().code, Errc::kMalformed);
    EXPECT_EQ(r.error().type, "malformed_json");
  }
  // The largest doubles are still numbers, and what is accepted serialises as JSON again.
  auto big = ParseJsonObject(WithBody(R"({"big":1.7976931348623157e308,"huge":18446744073709551616})"));
  ASSERT_TRUE(big.has_value());
  boost::system::error_code ec;
  boost::json::parse(boost::json::serialize(*big), ec);
  EXPECT_FALSE(ec) << boost::json::serialize(*big);
}

}  // namespace
}  // namespace moderno::http
