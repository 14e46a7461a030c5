#pragma once
// The base of the HTTP suites: a server on port 0 over a fresh store (see TestStore), and the
// calls and SQL checks every suite makes, declared once.
//
// A store for the whole suite (the usual case):
//
//   class CouponsHttpTest : public HttpSuite {
//    protected:
//     static void SetUpTestSuite() {
//       StoreOptions o;                      // optional
//       StartStore(o, [](TestStore& s) {     // optional: routes added before it serves
//         s.app().router().Add("GET", "/test/x", ...);
//       });
//       admin_ = new TestUser(store().CreateUser(http::Role::kAdmin));
//     }
//     static void TearDownTestSuite() {
//       delete admin_;
//       StopStore();
//     }
//     static inline TestUser* admin_ = nullptr;
//   };
//   TEST_F(CouponsHttpTest, ListsCoupons) {
//     Reply r = Call("GET", "/api/v1/admin/coupons", "", admin_);
//     EXPECT_EQ(Scalar("SELECT COUNT(*) FROM coupons"), 0);
//   }
//
// A fresh store per test: StartStore in SetUp and StopStore in TearDown. One store runs at a
// time (gtest runs the suites one after another); a test that needs a second store of its own
// builds a TestStore directly.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api.hpp"
#include "http_client.hpp"
#include "test_store.hpp"

namespace moderno::testing {

class HttpSuite : public ::testing::Test {
 protected:
  // Builds the store with `options`, lets `before_start` add routes or data, and starts serving.
  static void StartStore(StoreOptions options = {}, const std::function<void(TestStore&)>& before_start = {}) {
    store_ = std::make_unique<TestStore>(std::move(options));
    if (before_start) before_start(*store_);
    store_->Start();
  }
  // Stops the server and drops the store and its database.
  static void StopStore() { store_.reset(); }
  // The running store.
  static TestStore& store() { return *store_; }
  // The port the server listens on.
  static std::uint16_t port() { return store_->port(); }

  // One JSON request on a fresh connection (see CallApi); `as` adds its bearer token.
  static Reply Call(const std::string& method, const std::string& target, const std::string& body = "",
                    const TestUser* as = nullptr, Headers headers = {}) {
    return CallApi(store_->port(), method, target, body, as, std::move(headers));
  }
  // The same with a JSON object body.
  static Reply Call(const std::string& method, const std::string& target, const boost::json::object& body,
                    const TestUser* as = nullptr, Headers headers = {}) {
    return CallApi(store_->port(), method, target, boost::json::serialize(body), as, std::move(headers));
  }

  // Runs one SQL statement in its own write transaction (a failure fails the test).
  static void Exec(const std::string& sql, const std::vector<db::Value>& params = {}) { store_->Exec(sql, params); }
  // The first column of the first row as an integer; -1 when there is no row.
  static std::int64_t Scalar(const std::string& sql, const std::vector<db::Value>& params = {}) {
    return store_->Scalar(sql, params);
  }
  // The first column of the first row as text; "<none>" when there is no row.
  static std::string Text(const std::string& sql, const std::vector<db::Value>& params = {}) {
    return store_->Text(sql, params);
  }

  // The body of a raw reply as a JSON object; empty when it is not one.
  static boost::json::object Json(const HttpResult& r) {
    boost::system::error_code ec;
    auto v = boost::json::parse(r.body, ec);
    return ec || !v.is_object() ? boost::json::object{} : v.as_object();
  }
  // "field:code" of every validation error of a reply.
  static std::vector<std::string> FieldCodes(const Reply& r) { return testing::FieldCodes(r); }
  static std::vector<std::string> FieldCodes(const HttpResult& r) {
    Reply parsed;
    parsed.body = Json(r);
    return testing::FieldCodes(parsed);
  }

  static inline std::unique_ptr<TestStore> store_;
};

}  // namespace moderno::testing
