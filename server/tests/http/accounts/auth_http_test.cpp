// Authentication over real sockets on both databases: registration, verification, sign-in,
// rotation and reuse detection, logout, recovery, token rejection, roles, staff password
// expiry, lockout and rate limits.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "accounts/tokens.hpp"
#include "fake_clock.hpp"
#include "http_suite.hpp"
#include "platform/crypto/cipher.hpp"

namespace moderno::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

std::string Body(std::initializer_list<std::pair<const char*, std::string>> fields) {
  json::object o;
  for (const auto& [k, v] : fields) o[k] = v;
  return json::serialize(o);
}

class AuthHttpTest : public HttpSuite {
 protected:
  void SetUp() override {
    StoreOptions o;
    o.clocks = clock_.clocks();
    StartStore(o, [](TestStore& store) {
      store.app().router().Add(
          "GET", "/test/staff", [](http::Request& req) {
            return http::JsonResponse(200, "{\"user_id\":" + std::to_string(req.principal->user_id) + "}");
          },
          {.access = http::Staff(http::Role::kManager)});
      store.app().router().Add(
          "GET", "/test/me", [](http::Request& req) {
            return http::JsonResponse(200, "{\"user_id\":" + std::to_string(req.principal->user_id) + "}");
          },
          {.access = http::SignedIn()});
    });
  }
  void TearDown() override { StopStore(); }
  HttpResult Post(const std::string& path, const std::string& body,
                  std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpClient c(store_->port());
    return c.Request("POST", path, headers, body);
  }
  HttpResult Get(const std::string& path, std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpClient c(store_->port());
    return c.Get(path, headers);
  }
  static std::vector<std::pair<std::string, std::string>> Bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
  }
  // The token in the newest mail to `to` (the mail folder of the store's data dir).
  std::string TokenFromMail(const std::string& to) {
    namespace fs = std::filesystem;
    store_->app().jobs().RunDue();  // mail is sent by email jobs
    std::string newest_name, token;
    for (const auto& e : fs::directory_iterator(store_->database().dir() / "mail")) {
      std::ifstream in(e.path());
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string text = ss.str();
      if (text.find("To: " + to + "\r\n") == std::string::npos) continue;
      std::smatch m;
      if (e.path().filename().string() > newest_name &&
          std::regex_search(text, m, std::regex("Token: ([A-Za-z0-9_-]+)"))) {
        newest_name = e.path().filename().string();
        token = m[1];
      }
    }
    return token;
  }
  int MailsTo(const std::string& to) {
    namespace fs = std::filesystem;
    store_->app().jobs().RunDue();  // mail is sent by email jobs
    int n = 0;
    if (!fs::exists(store_->database().dir() / "mail")) return 0;
    for (const auto& e : fs::directory_iterator(store_->database().dir() / "mail")) {
      std::ifstream in(e.path());
      std::stringstream ss;
      ss << in.rdbuf();
      if (ss.str().find("To: " + to + "\r\n") != std::string::npos) ++n;
    }
    return n;
  }
  json::object Login(const std::string& email, const std::string& password, int want = 200) {
    auto r = Post("/api/v1/auth/login", Body({{"email", email}, {"password", password}}));
    EXPECT_EQ(r.status, want) << r.body;
    return Json(r);
  }

  FakeClock clock_;
};

TEST_F(AuthHttpTest, RegisterVerifyAndLogin) {
  auto r = Post("/api/v1/auth/register", Body({{"email", "  Ana.Perez@Correo.CL "},
                                                {"password", "Secreto#2026"},
                                                {"name", "Ana Pérez"},
                                                {"phone", "+56912345678"}}));
  ASSERT_EQ(r.status, 201) << r.body;
  auto user = Json(r);
  EXPECT_EQ(user["email"].as_string(), "ana.perez@correo.cl");
  EXPECT_EQ(user["role"].as_string(), "customer");
  EXPECT_FALSE(user["email_verified"].as_bool());
  EXPECT_EQ(r.body.find("password"), std::string::npos) << "no password field ever leaves the server";
  EXPECT_EQ(r.body.find("Secreto"), std::string::npos);

  // The phone is stored encrypted.
  auto phone = store_->app().db().Read([&](db::UnitOfWork& uow) -> Result<std::string> {
    return uow.QueryOne("SELECT phone FROM users WHERE email = ?", {std::string("ana.perez@correo.cl")})->Str(0);
  });
  ASSERT_TRUE(phone);
  EXPECT_TRUE(phone->starts_with("v1:"));
  EXPECT_EQ(*store_->app().cipher().Decrypt(*phone), "+56912345678");

  const std::string token = TokenFromMail("ana.perez@correo.cl");
  ASSERT_FALSE(token.empty()) << "a verification email was written";
  auto v = Post("/api/v1/auth/verify-email", Body({{"token", token}}));
  EXPECT_EQ(v.status, 200) << v.body;
  EXPECT_EQ(Post("/api/v1/auth/verify-email", Body({{"token", token}})).status, 422) << "single use";

  auto session = Login("ANA.PEREZ@correo.cl", "Secreto#2026");
  EXPECT_EQ(session["token_type"].as_string(), "Bearer");
  EXPECT_EQ(session["expires_in"].as_int64(), 3600);
  EXPECT_TRUE(session["user"].at("email_verified").as_bool());
  EXPECT_FALSE(session["password_change_required"].as_bool());
  auto me = Get("/test/me", Bearer(std::string(session["access_token"].as_string())));
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(Json(me)["user_id"].as_int64(), user["id"].as_int64());
  auto logins = store_->app().db().Read([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
    return uow.QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'user.login' AND actor_user_id = ?",
                        {user["id"].as_int64()})->Int(0);
  });
  EXPECT_EQ(*logins, 1) << "sign-ins are in the audit log";
}

TEST_F(AuthHttpTest, RegistrationValidationAndDuplicates) {
  auto weak = Post("/api/v1/auth/register", Body({{"email", "x@correo.cl"}, {"password", "abc"}, {"name", "X"}}));
  EXPECT_EQ(weak.status, 422);
  auto codes = FieldCodes(weak);
  for (const char* c : {"password:too_short", "password:missing_uppercase", "password:missing_digit",
                        "password:missing_symbol"}) {
    EXPECT_NE(std::find(codes.begin(), codes.end(), c), codes.end()) << c;
  }
  auto bad = Post("/api/v1/auth/register", Body({{"email", "not-an-email"}, {"password", "Secreto#2026"},
                                                 {"name", ""}, {"phone", "12"}}));
  EXPECT_EQ(bad.status, 422);
  codes = FieldCodes(bad);
  for (const char* c : {"email:invalid", "name:required", "phone:invalid"}) {
    EXPECT_NE(std::find(codes.begin(), codes.end(), c), codes.end()) << c;
  }
  EXPECT_EQ(Post("/api/v1/auth/register", "{not json").status, 400);
  EXPECT_EQ(Post("/api/v1/auth/register", "[1,2]").status, 400);
  const std::string ok = Body({{"email", "dup@correo.cl"}, {"password", "Secreto#2026"}, {"name", "D"}});
  EXPECT_EQ(Post("/api/v1/auth/register", ok).status, 201);
  auto dup = Post("/api/v1/auth/register",
                  Body({{"email", "DUP@correo.cl"}, {"password", "Secreto#2026"}, {"name", "D"}}));
  EXPECT_EQ(dup.status, 409);
}

TEST_F(AuthHttpTest, WrongPasswordAndUnknownEmailLookTheSame) {
  auto u = store_->CreateUser(http::Role::kCustomer);
  auto wrong = Post("/api/v1/auth/login", Body({{"email", u.email}, {"password", "Otra#Clave99"}}));
  auto unknown = Post("/api/v1/auth/login", Body({{"email", "nadie@correo.cl"}, {"password", "Otra#Clave99"}}));
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(Json(wrong)["detail"], Json(unknown)["detail"]);
  EXPECT_EQ(Json(wrong)["type"], Json(unknown)["type"]);
}

TEST_F(AuthHttpTest, RefreshRotatesAndReuseRevokesTheFamily) {
  auto u = store_->CreateUser(http::Role::kCustomer);
  auto first = Post("/api/v1/auth/refresh", Body({{"refresh_token", u.refresh_token}}));
  ASSERT_EQ(first.status, 200) << first.body;
  auto next_refresh = std::string(Json(first)["refresh_token"].as_string());
  EXPECT_NE(next_refresh, u.refresh_token);
  EXPECT_EQ(Get("/test/me", Bearer(std::string(Json(first)["access_token"].as_string()))).status, 200);
  // The old token again: theft assumed, the whole family dies, including the newest token.
  EXPECT_EQ(Post("/api/v1/auth/refresh", Body({{"refresh_token", u.refresh_token}})).status, 401);
  EXPECT_EQ(Post("/api/v1/auth/refresh", Body({{"refresh_token", next_refresh}})).status, 401);
  EXPECT_EQ(Post("/api/v1/auth/refresh", Body({{"refresh_token", "made-up"}})).status, 401);
  // A refresh token expires after 7 days.
  auto v = store_->CreateUser(http::Role::kCustomer);
  clock_.Advance(std::chrono::hours(24 * 7 + 1));
  EXPECT_EQ(Post("/api/v1/auth/refresh", Body({{"refresh_token", v.refresh_token}})).status, 401);
}

TEST_F(AuthHttpTest, LogoutRevokesTheAccessTokenAndTheRefreshToken) {
  auto u = store_->CreateUser(http::Role::kCustomer);
  EXPECT_EQ(Get("/test/me", u.auth()).status, 200);
  auto out = Post("/api/v1/auth/logout", Body({{"refresh_token", u.refresh_token}}), u.auth());
  EXPECT_EQ(out.status, 204) << out.body;
  auto after = Get("/test/me", u.auth());
  EXPECT_EQ(after.status, 401);
  EXPECT_NE(after.Header("www-authenticate").find("Bearer"), std::string::npos);
  EXPECT_EQ(Post("/api/v1/auth/refresh", Body({{"refresh_token", u.refresh_token}})).status, 401);
  EXPECT_EQ(Post("/api/v1/auth/logout", "{}").status, 401) << "logout needs a token";
}

TEST_F(AuthHttpTest, ForgotAndResetPassword) {
  auto u = store_->CreateUser(http::Role::kCustomer);
  const int before = MailsTo("nadie@correo.cl");
  EXPECT_EQ(Post("/api/v1/auth/forgot-password", Body({{"email", "nadie@correo.cl"}})).status, 202);
  EXPECT_EQ(MailsTo("nadie@correo.cl"), before) << "no mail for unknown accounts";
  EXPECT_EQ(Post("/api/v1/auth/forgot-password", Body({{"email", u.email}})).status, 202);
  const std::string token = TokenFromMail(u.email);
  ASSERT_FALSE(token.empty());

  auto reused = Post("/api/v1/auth/reset-password", Body({{"token", token}, {"password", u.password}}));
  EXPECT_EQ(reused.status, 422) << "the current password is in the history";
  auto weak = Post("/api/v1/auth/reset-password", Body({{"token", token}, {"password", "short"}}));
  EXPECT_EQ(weak.status, 422);
  auto done = Post("/api/v1/auth/reset-password", Body({{"token", token}, {"password", "Nueva#Clave2027"}}));
  EXPECT_EQ(done.status, 204) << done.body;
  EXPECT_EQ(Post("/api/v1/auth/reset-password", Body({{"token", token}, {"password", "Otra#Clave2028"}})).status,
            422) << "single use";
  EXPECT_EQ(Get("/test/me", u.auth()).status, 401) << "a reset ends every session";
  EXPECT_EQ(Post("/api/v1/auth/refresh", Body({{"refresh_token", u.refresh_token}})).status, 401);
  Login(u.email, u.password, 401);
  Login(u.email, "Nueva#Clave2027");

  // Reset tokens last 30 minutes.
  EXPECT_EQ(Post("/api/v1/auth/forgot-password", Body({{"email", u.email}})).status, 202);
  const std::string late = TokenFromMail(u.email);
  clock_.Advance(31min);
  EXPECT_EQ(Post("/api/v1/auth/reset-password", Body({{"token", late}, {"password", "Tarde#Clave2029"}})).status, 422);
}

TEST_F(AuthHttpTest, TokensAreRejectedForEveryReason) {
  auto u = store_->CreateUser(http::Role::kCustomer);
  auto claims = accounts::VerifyAccessToken(u.access_token, "wrong-secret-wrong-secret-wrong!", 0);
  EXPECT_FALSE(claims);
  // Tampered: flip the last signature character.
  std::string tampered = u.access_token;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(Get("/test/me", Bearer(tampered)).status, 401);
  // alg "none" with the same payload and no signature.
  const auto dot1 = u.access_token.find('.');
  const auto dot2 = u.access_token.find('.', dot1 + 1);
  std::string none = crypto::Base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + "." +
                     u.access_token.substr(dot1 + 1, dot2 - dot1 - 1) + ".";
  EXPECT_EQ(Get("/test/me", Bearer(none)).status, 401);
  EXPECT_EQ(Get("/test/me", Bearer("garbage")).status, 401);
  EXPECT_EQ(Get("/test/me").status, 401);

  // Deactivated, then role changed: 401 at once.
  auto v = store_->CreateUser(http::Role::kCustomer);
  ASSERT_TRUE(store_->app().db().Write([&](db::UnitOfWork& uow) -> Result<int> {
    uow.Exec("UPDATE users SET is_active = 0 WHERE id = ?", {v.id});
    return 0;
  }));
  EXPECT_EQ(Get("/test/me", v.auth()).status, 401);
  auto w = store_->CreateUser(http::Role::kManager);
  EXPECT_EQ(Get("/test/staff", w.auth()).status, 200);
  ASSERT_TRUE(store_->app().db().Write([&](db::UnitOfWork& uow) -> Result<int> {
    uow.Exec("UPDATE users SET role = 'customer' WHERE id = ?", {w.id});
    return 0;
  }));
  EXPECT_EQ(Get("/test/staff", w.auth()).status, 401);

  // Expired after an hour.
  auto x = store_->CreateUser(http::Role::kCustomer);
  clock_.Advance(3601s);
  EXPECT_EQ(Get("/test/me", x.auth()).status, 401);
}

TEST_F(AuthHttpTest, RolesAreCheckedPerRoute) {
  auto customer = store_->CreateUser(http::Role::kCustomer);
  auto manager = store_->CreateUser(http::Role::kManager);
  auto admin = store_->CreateUser(http::Role::kAdmin);
  EXPECT_EQ(Get("/test/staff").status, 401);
  auto denied = Get("/test/staff", customer.auth());
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(Json(denied)["status"].as_int64(), 403);
  EXPECT_EQ(Get("/test/staff", manager.auth()).status, 200);
  EXPECT_EQ(Get("/test/staff", admin.auth()).status, 200);
}

TEST_F(AuthHttpTest, ExpiredStaffPasswordMustBeChangedFirst) {
  auto manager = store_->CreateUser(http::Role::kManager);
  clock_.Advance(std::chrono::hours(24 * 91));
  auto session = Login(manager.email, manager.password);
  ASSERT_TRUE(session["password_change_required"].as_bool());
  const std::string token(session["access_token"].as_string());
  auto blocked = Get("/test/staff", Bearer(token));
  EXPECT_EQ(blocked.status, 403);
  EXPECT_NE(Json(blocked)["type"].as_string().find("password_change_required"), std::string::npos);

  HttpClient c(store_->port());
  auto same = c.Request("PUT", "/api/v1/me/password", Bearer(token),
                        Body({{"current_password", manager.password}, {"new_password", manager.password}}));
  EXPECT_EQ(same.status, 422) << "a password from the history is refused";
  auto wrong = c.Request("PUT", "/api/v1/me/password", Bearer(token),
                         Body({{"current_password", "Mala#Clave123"}, {"new_password", "Nueva#Clave2027"}}));
  EXPECT_EQ(wrong.status, 422);
  auto changed = c.Request("PUT", "/api/v1/me/password", Bearer(token),
                           Body({{"current_password", manager.password}, {"new_password", "Nueva#Clave2027"}}));
  ASSERT_EQ(changed.status, 200) << changed.body;
  auto fresh = Json(changed);
  EXPECT_FALSE(fresh["password_change_required"].as_bool());
  EXPECT_EQ(Get("/test/staff", Bearer(std::string(fresh["access_token"].as_string()))).status, 200);
  EXPECT_EQ(Get("/test/staff", Bearer(token)).status, 401) << "older sessions end on a change";
}

TEST_F(AuthHttpTest, FiveFailuresLockTheAccountForFifteenMinutes) {
  auto u = store_->CreateUser(http::Role::kCustomer);
  for (int i = 0; i < 5; ++i) Login(u.email, "Mala#Clave123", 401);
  auto locked = Post("/api/v1/auth/login", Body({{"email", u.email}, {"password", u.password}}));
  EXPECT_EQ(locked.status, 429) << "even the right password is refused while locked";
  EXPECT_EQ(Json(locked)["type"].as_string().find("account_locked") != std::string::npos, true);
  const int retry = std::stoi(locked.Header("retry-after"));
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, 15 * 60 + 1);
  clock_.Advance(std::chrono::seconds(retry + 1));
  Login(u.email, u.password);
  // Failures before a success do not count towards the next lockout.
  for (int i = 0; i < 4; ++i) Login(u.email, "Mala#Clave123", 401);
  Login(u.email, u.password);
}

TEST(AuthRateLimit, AuthEndpointsAllowFivePerMinutePerClient) {
  FakeClock clock;
  StoreOptions o;
  o.clocks = clock.clocks();
  o.rate_limits["auth"] = {5, std::chrono::seconds(60)};
  o.trusted_proxies = "127.0.0.1";
  TestStore store(o);
  store.Start();
  auto login = [&](const std::string& ip) {
    HttpClient c(store.port());
    return c.Request("POST", "/api/v1/auth/login", {{"X-Forwarded-For", ip}},
                     R"({"email":"nadie@correo.cl","password":"Mala#Clave123"})");
  };
  for (int i = 0; i < 5; ++i) {
    auto r = login("203.0.113.7");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.Header("ratelimit-limit"), "5");
    EXPECT_EQ(r.Header("ratelimit-remaining"), std::to_string(4 - i));
  }
  auto refused = login("203.0.113.7");
  EXPECT_EQ(refused.status, 429);
  EXPECT_FALSE(refused.Header("retry-after").empty());
  EXPECT_EQ(refused.Header("ratelimit-remaining"), "0");
  EXPECT_EQ(login("198.51.100.9").status, 401) << "another client has its own budget";
  clock.Advance(13s);  // one token back (5 per 60 s)
  EXPECT_EQ(login("203.0.113.7").status, 401);
  EXPECT_EQ(login("203.0.113.7").status, 429);
}

TEST(AuthRateLimit, ForwardedForIsIgnoredFromUntrustedPeers) {
  StoreOptions o;
  o.rate_limits["auth"] = {2, std::chrono::seconds(60)};
  TestStore store(o);  // no trusted proxies
  store.Start();
  for (int i = 0; i < 2; ++i) {
    HttpClient c(store.port());
    c.Request("POST", "/api/v1/auth/login", {{"X-Forwarded-For", "10.9.9." + std::to_string(i)}}, "{}");
  }
  HttpClient c(store.port());
  auto r = c.Request("POST", "/api/v1/auth/login", {{"X-Forwarded-For", "10.9.9.99"}}, "{}");
  EXPECT_EQ(r.status, 429) << "a client cannot pick a fresh address by sending a header";
}

}  // namespace
}  // namespace moderno::testing
