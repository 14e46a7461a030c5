// Staff two-factor sign-in over real sockets on both databases: enrolment confirmed by a code,
// the second step of sign-in with a code or a recovery code (each used once), lockout after
// wrong codes, disabling with password and code, STAFF_2FA=required, and the audit log.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "fake_clock.hpp"
#include "http_suite.hpp"
#include "platform/crypto/totp.hpp"
#include "platform/time/time.hpp"

namespace moderno::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using Headers = std::vector<std::pair<std::string, std::string>>;

std::string Body(std::initializer_list<std::pair<const char*, std::string>> fields) {
  json::object o;
  for (const auto& [k, v] : fields) o[k] = v;
  return json::serialize(o);
}

class TwoFactorHttpTest : public HttpSuite {
 protected:
  void Start(bool required) {
    StoreOptions o;
    o.clocks = clock_.clocks();
    o.configure = [required](config::Config& c) { c.staff_2fa_required = required; };
    StartStore(o, [](TestStore& store) {
      store.app().router().Add(
          "GET", "/test/staff", [](http::Request&) { return http::JsonResponse(200, "{}"); },
          {.access = http::Staff(http::Role::kManager)});
    });
  }
  void TearDown() override { StopStore(); }

  HttpResult Post(const std::string& path, const std::string& body, Headers headers = {}) {
    HttpClient c(store_->port());
    return c.Request("POST", path, headers, body);
  }
  HttpResult Get(const std::string& path, Headers headers = {}) {
    HttpClient c(store_->port());
    return c.Get(path, headers);
  }
  static Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

  // The code the user's app shows now (the store runs on the same fake clock).
  std::string CodeNow() const {
    const auto now = time::UnixSeconds(clock_.clocks().system());
    return crypto::TotpCode(key_, crypto::TotpStep(now));
  }
  // Enrols `u` (setup, then enable with the current code); returns the recovery codes.
  std::vector<std::string> Enrol(const TestUser& u) {
    auto setup = Post("/api/v1/me/2fa/setup", "", u.auth());
    EXPECT_EQ(setup.status, 200) << setup.body;
    auto s = Json(setup);
    EXPECT_TRUE(s.contains("secret")) << setup.body;
    key_ = *crypto::Base32Decode(std::string(s["secret"].as_string()));
    EXPECT_NE(std::string(s["otpauth_uri"].as_string()).find("secret=" + std::string(s["secret"].as_string())),
              std::string::npos);
    auto enabled = Post("/api/v1/me/2fa/enable", Body({{"code", CodeNow()}}), u.auth());
    EXPECT_EQ(enabled.status, 200) << enabled.body;
    std::vector<std::string> codes;
    const json::object body = Json(enabled);
    for (const auto& c : body.at("recovery_codes").as_array()) codes.emplace_back(c.as_string());
    clock_.Advance(30s);  // the next code the app shows
    return codes;
  }
  // The password step: the challenge token (the body must not carry any session token).
  std::string Challenge(const TestUser& u) {
    auto r = Post("/api/v1/auth/login", Body({{"email", u.email}, {"password", u.password}}));
    EXPECT_EQ(r.status, 200) << r.body;
    auto b = Json(r);
    EXPECT_TRUE(b["two_factor_required"].as_bool());
    EXPECT_FALSE(b.contains("access_token"));
    EXPECT_FALSE(b.contains("refresh_token"));
    return std::string(b["challenge_token"].as_string());
  }
  std::int64_t Audits(const std::string& action, std::int64_t user_id) {
    return store_->Scalar("SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity_id = ?",
                          {action, std::to_string(user_id)});
  }

  FakeClock clock_;
  std::string key_;
};

TEST_F(TwoFactorHttpTest, EnrolThenSignInWithACodeOrARecoveryCodeEachUsedOnce) {
  Start(false);
  auto manager = store_->CreateUser(http::Role::kManager, "gerente@tienda.cl");
  auto status = Json(Get("/api/v1/me/2fa", manager.auth()));
  EXPECT_FALSE(status["enabled"].as_bool());
  EXPECT_FALSE(status["required"].as_bool());

  // A wrong first code does not turn it on.
  auto setup = Json(Post("/api/v1/me/2fa/setup", "", manager.auth()));
  EXPECT_NE(std::string(setup["otpauth_uri"].as_string()).find("otpauth://totp/eCommerce%20Moderno:gerente@tienda.cl"),
            std::string::npos);
  auto wrong = Post("/api/v1/me/2fa/enable", Body({{"code", "000000"}}), manager.auth());
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(Json(wrong)["errors"].as_array()[0].as_object().at("field").as_string(), "code");
  EXPECT_FALSE(Json(Get("/api/v1/me/2fa", manager.auth()))["enabled"].as_bool());
  // The secret is stored sealed, never in clear.
  const std::string stored = store_->Text("SELECT totp_secret FROM users WHERE id = ?", {manager.id});
  EXPECT_TRUE(stored.starts_with("v1:")) << stored;
  EXPECT_EQ(stored.find(std::string(setup["secret"].as_string())), std::string::npos);

  const auto recovery = Enrol(manager);
  ASSERT_EQ(recovery.size(), 10u);
  status = Json(Get("/api/v1/me/2fa", manager.auth()));
  EXPECT_TRUE(status["enabled"].as_bool());
  EXPECT_EQ(status["recovery_codes_left"].as_int64(), 10);
  EXPECT_EQ(Audits("user.2fa_enable", manager.id), 1);
  EXPECT_EQ(Post("/api/v1/me/2fa/setup", "", manager.auth()).status, 409) << "already on";

  // The password alone gives no session; the code completes it, once.
  const std::string code = CodeNow();
  std::string challenge = Challenge(manager);
  auto done = Post("/api/v1/auth/login/2fa", Body({{"challenge_token", challenge}, {"code", code}}));
  ASSERT_EQ(done.status, 200) << done.body;
  const std::string access(Json(done)["access_token"].as_string());
  EXPECT_EQ(Get("/test/staff", Bearer(access)).status, 200);
  EXPECT_EQ(Post("/api/v1/auth/login/2fa", Body({{"challenge_token", challenge}, {"code", code}})).status, 401)
      << "a challenge is used once";
  auto replay = Post("/api/v1/auth/login/2fa", Body({{"challenge_token", Challenge(manager)}, {"code", code}}));
  EXPECT_EQ(replay.status, 422) << "the same code is not accepted twice";

  // A recovery code works once, in any case and without its dash.
  std::string typed = recovery[3];
  typed.erase(typed.find('-'), 1);
  for (auto& ch : typed) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  auto by_recovery = Post("/api/v1/auth/login/2fa", Body({{"challenge_token", Challenge(manager)}, {"recovery_code", typed}}));
  EXPECT_EQ(by_recovery.status, 200) << by_recovery.body;
  auto again = Post("/api/v1/auth/login/2fa", Body({{"challenge_token", Challenge(manager)}, {"recovery_code", recovery[3]}}));
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(Json(Get("/api/v1/me/2fa", manager.auth()))["recovery_codes_left"].as_int64(), 9);
  EXPECT_EQ(store_->Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'user.login' AND entity_id = ? "
                           "AND details LIKE '%recovery_code%'", {std::to_string(manager.id)}), 1);

  // Neither or both factors is a 422 naming the field; an unknown challenge a 401.
  auto neither = Post("/api/v1/auth/login/2fa", Body({{"challenge_token", Challenge(manager)}}));
  EXPECT_EQ(neither.status, 422);
  EXPECT_EQ(Post("/api/v1/auth/login/2fa", Body({{"challenge_token", "nope"}, {"code", CodeNow()}})).status, 401);
}

TEST_F(TwoFactorHttpTest, ChallengeExpiresAndWrongCodesLockTheAccount) {
  Start(false);
  auto manager = store_->CreateUser(http::Role::kManager);
  Enrol(manager);
  const std::string stale = Challenge(manager);
  clock_.Advance(6min);
  EXPECT_EQ(Post("/api/v1/auth/login/2fa", Body({{"challenge_token", stale}, {"code", CodeNow()}})).status, 401)
      << "a challenge lives 5 minutes";

  const std::string challenge = Challenge(manager);
  for (int i = 0; i < 5; ++i) {
    auto r = Post("/api/v1/auth/login/2fa", Body({{"challenge_token", challenge}, {"code", "123456"}}));
    EXPECT_EQ(r.status, 422) << i << r.body;
  }
  auto locked = Post("/api/v1/auth/login/2fa", Body({{"challenge_token", challenge}, {"code", CodeNow()}}));
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_EQ(Json(locked)["type"].as_string().find("account_locked") != std::string::npos, true);
  EXPECT_EQ(Post("/api/v1/auth/login", Body({{"email", manager.email}, {"password", manager.password}})).status, 429);
}

TEST_F(TwoFactorHttpTest, DisablingNeedsThePasswordAndACode) {
  Start(false);
  auto admin = store_->CreateUser(http::Role::kAdmin);
  Enrol(admin);
  auto no_password = Post("/api/v1/me/2fa/disable", Body({{"password", "Mala#Clave123"}, {"code", CodeNow()}}), admin.auth());
  EXPECT_EQ(no_password.status, 422);
  EXPECT_EQ(Json(no_password)["errors"].as_array()[0].as_object().at("field").as_string(), "password");
  auto no_code = Post("/api/v1/me/2fa/disable", Body({{"password", admin.password}, {"code", "000000"}}), admin.auth());
  EXPECT_EQ(no_code.status, 422);
  EXPECT_TRUE(Json(Get("/api/v1/me/2fa", admin.auth()))["enabled"].as_bool());

  auto off = Post("/api/v1/me/2fa/disable", Body({{"password", admin.password}, {"code", CodeNow()}}), admin.auth());
  EXPECT_EQ(off.status, 204) << off.body;
  EXPECT_FALSE(Json(Get("/api/v1/me/2fa", admin.auth()))["enabled"].as_bool());
  EXPECT_EQ(store_->Scalar("SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?", {admin.id}), 0);
  EXPECT_EQ(Audits("user.2fa_disable", admin.id), 1);
  auto plain = Json(Post("/api/v1/auth/login", Body({{"email", admin.email}, {"password", admin.password}})));
  EXPECT_TRUE(plain.contains("access_token")) << "the password alone signs in again";
}

TEST_F(TwoFactorHttpTest, RegeneratedRecoveryCodesReplaceTheOldOnes) {
  Start(false);
  auto manager = store_->CreateUser(http::Role::kManager);
  const auto old_codes = Enrol(manager);
  auto fresh = Post("/api/v1/me/2fa/recovery-codes", Body({{"code", CodeNow()}}), manager.auth());
  ASSERT_EQ(fresh.status, 200) << fresh.body;
  const std::string new_code(Json(fresh)["recovery_codes"].as_array()[0].as_string());
  EXPECT_EQ(Post("/api/v1/auth/login/2fa", Body({{"challenge_token", Challenge(manager)}, {"recovery_code", old_codes[0]}})).status, 422);
  EXPECT_EQ(Post("/api/v1/auth/login/2fa", Body({{"challenge_token", Challenge(manager)}, {"recovery_code", new_code}})).status, 200);
  EXPECT_EQ(Audits("user.2fa_recovery_codes", manager.id), 1);
}

TEST_F(TwoFactorHttpTest, RequiredPolicyHoldsAdminsAtTheSetupUntilTheyEnrol) {
  Start(true);
  auto admin = store_->CreateUser(http::Role::kAdmin);
  auto manager = store_->CreateUser(http::Role::kManager);
  auto customer = store_->CreateUser(http::Role::kCustomer);
  auto session = Json(Post("/api/v1/auth/login", Body({{"email", admin.email}, {"password", admin.password}})));
  EXPECT_TRUE(session["two_factor_setup_required"].as_bool());
  const std::string token(session["access_token"].as_string());
  auto blocked = Get("/test/staff", Bearer(token));
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(Json(blocked)["type"].as_string().find("two_factor_setup_required") != std::string::npos, true);
  EXPECT_EQ(Get("/api/v1/admin/users", Bearer(token)).status, 403);
  EXPECT_TRUE(Json(Get("/api/v1/me/2fa", Bearer(token)))["required"].as_bool());

  // Managers are not held; customers have no second factor to set up.
  EXPECT_EQ(Get("/test/staff", manager.auth()).status, 200);
  EXPECT_EQ(Post("/api/v1/me/2fa/setup", "", customer.auth()).status, 403);

  TestUser signed_in = admin;
  signed_in.access_token = token;
  Enrol(signed_in);
  EXPECT_EQ(Get("/test/staff", Bearer(token)).status, 200) << "the same session passes once enrolled";
  auto refused = Post("/api/v1/me/2fa/disable", Body({{"password", admin.password}, {"code", CodeNow()}}), Bearer(token));
  EXPECT_EQ(refused.status, 409) << "the policy keeps it on";
}

}  // namespace
}  // namespace moderno::testing
