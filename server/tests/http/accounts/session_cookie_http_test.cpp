// Browser sessions over real sockets: the refresh token in an HttpOnly, SameSite=Strict cookie
// scoped to /api/v1/auth (Secure behind TLS), refresh and logout by that cookie only from the
// shop's own Origin, and API clients still receiving their tokens in the JSON body.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http_suite.hpp"

namespace moderno::testing {
namespace {

namespace json = boost::json;
using Hdrs = std::vector<std::pair<std::string, std::string>>;

class SessionCookieHttpTest : public HttpSuite {
 protected:
  void SetUp() override {
    StoreOptions o;
    o.configure = [this](config::Config& c) { c.behind_tls = behind_tls_; };
    StartStore(o);
    user_ = store().CreateUser(http::Role::kCustomer);
  }
  void TearDown() override { StopStore(); }
  // As a browser sends it: Host names the port too.
  HttpResult Post(const std::string& path, const std::string& body, Hdrs headers = {}) {
    HttpClient c(port());
    headers.emplace_back("Host", "127.0.0.1:" + std::to_string(port()));
    return c.Request("POST", path, headers, body);
  }
  std::string Origin() const { return "http://127.0.0.1:" + std::to_string(port()); }
  // The value of the refresh cookie a response sets ("" when it sets none).
  static std::string CookieSet(const HttpResult& r) {
    const std::string h = r.Header("set-cookie");
    const std::string prefix = "moderno_refresh=";
    if (h.rfind(prefix, 0) != 0) return "";
    return h.substr(prefix.size(), h.find(';') - prefix.size());
  }
  HttpResult LoginInBrowser() {
    return Post("/api/v1/auth/login",
                json::serialize(json::object{{"email", user_.email}, {"password", user_.password}}),
                {{"X-Session", "cookie"}});
  }
  HttpResult RefreshByCookie(const std::string& cookie, Hdrs extra) {
    extra.emplace_back("Cookie", "moderno_refresh=" + cookie);
    return Post("/api/v1/auth/refresh", "", extra);
  }

  bool behind_tls_ = false;
  TestUser user_;
};

TEST_F(SessionCookieHttpTest, BrowsersGetTheRefreshTokenOnlyInAnHttpOnlyStrictCookie) {
  auto r = LoginInBrowser();
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = Json(r);
  EXPECT_FALSE(body.contains("refresh_token")) << r.body;
  EXPECT_FALSE(body.at("access_token").as_string().empty());
  const std::string set = r.Header("set-cookie");
  EXPECT_FALSE(CookieSet(r).empty()) << set;
  EXPECT_NE(set.find("; Path=/api/v1/auth"), std::string::npos) << set;
  EXPECT_NE(set.find("; HttpOnly"), std::string::npos) << set;
  EXPECT_NE(set.find("; SameSite=Strict"), std::string::npos) << set;
  EXPECT_NE(set.find("; Max-Age=604800"), std::string::npos) << set;
  EXPECT_EQ(set.find("Secure"), std::string::npos) << "plain HTTP: " << set;
  EXPECT_EQ(set.find(std::string(body.at("access_token").as_string())), std::string::npos);

  // API clients are unchanged: both tokens in the body, no cookie.
  auto api = Post("/api/v1/auth/login", json::serialize(json::object{{"email", user_.email}, {"password", user_.password}}));
  ASSERT_EQ(api.status, 200);
  EXPECT_TRUE(Json(api).contains("refresh_token"));
  EXPECT_EQ(api.Header("set-cookie"), "");
}

TEST_F(SessionCookieHttpTest, TheCookieRefreshesFromTheShopsOriginAndRotates) {
  const std::string first = CookieSet(LoginInBrowser());
  ASSERT_FALSE(first.empty());
  auto r = RefreshByCookie(first, {{"Origin", Origin()}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(Json(r).contains("refresh_token"));
  const std::string second = CookieSet(r);
  ASSERT_FALSE(second.empty());
  EXPECT_NE(second, first);
  HttpClient c(port());
  EXPECT_EQ(c.Get("/api/v1/me", {{"Authorization", "Bearer " + std::string(Json(r).at("access_token").as_string())}}).status, 200);
  // The rotated-away cookie is a replay: the whole family dies and the cookie is cleared.
  auto replay = RefreshByCookie(first, {{"Origin", Origin()}});
  EXPECT_EQ(replay.status, 401);
  EXPECT_NE(replay.Header("set-cookie").find("Max-Age=0"), std::string::npos) << replay.Header("set-cookie");
  EXPECT_EQ(RefreshByCookie(second, {{"Origin", Origin()}}).status, 401);
}

TEST_F(SessionCookieHttpTest, AnotherOriginOrNoneCannotUseTheCookie) {
  const std::string cookie = CookieSet(LoginInBrowser());
  ASSERT_FALSE(cookie.empty());
  auto foreign = RefreshByCookie(cookie, {{"Origin", "https://evil.example"}});
  EXPECT_EQ(foreign.status, 403) << foreign.body;
  EXPECT_NE(foreign.body.find("origin_mismatch"), std::string::npos) << foreign.body;
  EXPECT_EQ(RefreshByCookie(cookie, {}).status, 403) << "no Origin";
  auto same_host_other_port = RefreshByCookie(cookie, {{"Origin", "http://127.0.0.1:1"}});
  EXPECT_EQ(same_host_other_port.status, 403);
  // Nothing was used up: the shop's own page still refreshes with it.
  EXPECT_EQ(RefreshByCookie(cookie, {{"Origin", Origin()}}).status, 200);
}

TEST_F(SessionCookieHttpTest, LogoutRevokesTheCookiesFamilyAndClearsIt) {
  auto login = LoginInBrowser();
  const std::string cookie = CookieSet(login);
  const std::string access(Json(login).at("access_token").as_string());
  auto foreign = Post("/api/v1/auth/logout", "",
                      {{"Authorization", "Bearer " + access}, {"Cookie", "moderno_refresh=" + cookie},
                       {"Origin", "https://evil.example"}});
  EXPECT_EQ(foreign.status, 403);
  auto out = Post("/api/v1/auth/logout", "",
                  {{"Authorization", "Bearer " + access}, {"Cookie", "moderno_refresh=" + cookie}, {"Origin", Origin()}});
  ASSERT_EQ(out.status, 204) << out.body;
  const std::string cleared = out.Header("set-cookie");
  EXPECT_EQ(cleared.rfind("moderno_refresh=;", 0), 0u) << cleared;
  EXPECT_NE(cleared.find("Max-Age=0"), std::string::npos) << cleared;
  EXPECT_EQ(RefreshByCookie(cookie, {{"Origin", Origin()}}).status, 401) << "the family was revoked";
}

TEST_F(SessionCookieHttpTest, AChangedPasswordReplacesTheCookie) {
  auto login = LoginInBrowser();
  const std::string access(Json(login).at("access_token").as_string());
  HttpClient c(port());
  auto r = c.Request("PUT", "/api/v1/me/password",
                     {{"Authorization", "Bearer " + access}, {"X-Session", "cookie"},
                      {"Host", "127.0.0.1:" + std::to_string(port())}},
                     json::serialize(json::object{{"current_password", user_.password}, {"new_password", "Otra-Clave-2026!x"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(Json(r).contains("refresh_token"));
  EXPECT_FALSE(CookieSet(r).empty());
  EXPECT_EQ(RefreshByCookie(CookieSet(r), {{"Origin", Origin()}}).status, 200);
}

class SecureSessionCookieHttpTest : public SessionCookieHttpTest {
 protected:
  void SetUp() override {
    behind_tls_ = true;
    SessionCookieHttpTest::SetUp();
  }
};

TEST_F(SecureSessionCookieHttpTest, BehindTlsTheCookieIsSecure) {
  auto r = LoginInBrowser();
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.Header("set-cookie").find("; Secure"), std::string::npos) << r.Header("set-cookie");
}

}  // namespace
}  // namespace moderno::testing
