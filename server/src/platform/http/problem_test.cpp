#include "platform/http/problem.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "platform/http/pipeline.hpp"

namespace moderno::http {
namespace {

TEST(Problem, MapsEveryCodeToItsStatus) {
  EXPECT_EQ(StatusFor(Errc::kMalformed), 400);
  EXPECT_EQ(StatusFor(Errc::kInvalidArgument), 422);
  EXPECT_EQ(StatusFor(Errc::kUnauthenticated), 401);
  EXPECT_EQ(StatusFor(Errc::kPermissionDenied), 403);
  EXPECT_EQ(StatusFor(Errc::kNotFound), 404);
  EXPECT_EQ(StatusFor(Errc::kMethodNotAllowed), 405);
  EXPECT_EQ(StatusFor(Errc::kAlreadyExists), 409);
  EXPECT_EQ(StatusFor(Errc::kConflict), 409);
  EXPECT_EQ(StatusFor(Errc::kPayloadTooLarge), 413);
  EXPECT_EQ(StatusFor(Errc::kResourceExhausted), 429);
  EXPECT_EQ(StatusFor(Errc::kUnavailable), 503);
  EXPECT_EQ(StatusFor(Errc::kInternal), 500);
}

TEST(Problem, ValidationBodyListsFieldsAndNeverInternals) {
  Request req;
  req.path = "/api/v1/products";
  req.request_id = "abc";
  Error e{Errc::kInvalidArgument, "bad", "SELECT secret", {{"limit", "out_of_range", "1-100"}}, {}};
  Response r = Problem(e, req);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.Get("Content-Type").value(), "application/problem+json");
  auto body = boost::json::parse(r.body).as_object();
  EXPECT_EQ(body["status"].as_int64(), 422);
  EXPECT_EQ(body["request_id"].as_string(), "abc");
  EXPECT_EQ(body["instance"].as_string(), "/api/v1/products");
  EXPECT_EQ(body["errors"].as_array()[0].as_object()["field"].as_string(), "limit");
  EXPECT_EQ(r.body.find("SELECT secret"), std::string::npos);
}

TEST(Problem, InternalErrorsHideTheirDetail) {
  Request req;
  Response r = Problem(Error{Errc::kInternal, "stack trace here", "more", {}, {}}, req);
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("stack trace"), std::string::npos);
}

TEST(RequestId, AcceptsSafeIdsOnly) {
  EXPECT_TRUE(IsValidRequestId("req-123_abc.def:9"));
  EXPECT_FALSE(IsValidRequestId(""));
  EXPECT_FALSE(IsValidRequestId("has space"));
  EXPECT_FALSE(IsValidRequestId("line\nbreak"));
  EXPECT_FALSE(IsValidRequestId(std::string(129, 'a')));
  EXPECT_EQ(NewRequestId().size(), 16u);
  EXPECT_NE(NewRequestId(), NewRequestId());
}

TEST(ParseTarget, DecodesPathAndQuery) {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  ASSERT_TRUE(ParseTarget("/api/v1/products?search=cami%C3%B3n+rojo&page=2&flag", path, query));
  EXPECT_EQ(path, "/api/v1/products");
  ASSERT_EQ(query.size(), 3u);
  EXPECT_EQ(query[0].second, "camión rojo");
  EXPECT_EQ(query[1], (std::pair<std::string, std::string>{"page", "2"}));
  EXPECT_EQ(query[2].first, "flag");
  EXPECT_FALSE(ParseTarget("http://evil.example/x", path, query));
}

}  // namespace
}  // namespace moderno::http
