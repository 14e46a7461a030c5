#include "accounts/auth_service.hpp"

#include <boost/json.hpp>
#include <regex>

#include "accounts/auth_queries.hpp"
#include "accounts/password.hpp"
#include "accounts/tokens.hpp"
#include "accounts/two_factor_queries.hpp"
#include "accounts/users.hpp"
#include "platform/audit/audit.hpp"
#include "platform/log/log.hpp"
#include "platform/mail/email_job.hpp"

namespace moderno::accounts {
namespace {

constexpr const char* kInvalidLogin = "Invalid email or password.";

// A hash to verify against when the email is unknown, so that both cases take the same time.
const std::string& DummyHash() {
  static const std::string hash = HashPassword("Dummy-password-1!");
  return hash;
}

std::unexpected<Error> Unauthenticated(std::string detail) {
  return Fail(Errc::kUnauthenticated, std::move(detail));
}

std::unexpected<Error> BadToken(const char* field = "token") {
  return Invalid({{field, "invalid", "the token is invalid, expired or already used"}});
}

}  // namespace

AuthService::AuthService(db::Database& db, jobs::Queue& jobs, const crypto::Cipher& cipher,
                         AuthConfig config, time::SystemClock now)
    : db_(db), jobs_(jobs), cipher_(cipher), config_(std::move(config)), now_(std::move(now)) {
  if (!now_) now_ = [] { return std::chrono::system_clock::now(); };
}

bool AuthService::PasswordExpired(const std::string& role, const std::string& changed_at) const {
  auto r = http::ParseRole(role);
  if (!r || *r < http::Role::kManager) return false;
  auto changed = time::FromSql(changed_at);
  return !changed || now_() - *changed > config_.staff_password_max_age;
}

bool AuthService::TwoFactorMissing(const std::string& role, bool enabled) const {
  auto r = http::ParseRole(role);
  return r && !enabled && TwoFactorRequired(*r, config_.two_factor);
}

Session AuthService::IssueSession(db::UnitOfWork& uow, const Account& a, const std::string& family,
                                  const ClientInfo& client) {
  Session s;
  s.refresh_token = crypto::RandomToken(32);
  uow.Exec(sql::kInsertRefresh, {a.view.id, family, crypto::Sha256Hex(s.refresh_token),
                                 In(config_.refresh_ttl), client.ip, client.user_agent.substr(0, 255),
                                 Now()});
  AccessClaims claims;
  claims.user_id = a.view.id;
  claims.role = a.view.role;
  claims.jti = crypto::RandomToken(16);
  claims.issued_at = time::UnixSeconds(now_());
  claims.expires_at = claims.issued_at + config_.access_ttl.count();
  claims.version = a.token_version;
  s.access_token = SignAccessToken(claims, config_.jwt_secret);
  s.expires_in = config_.access_ttl.count();
  s.user = a.view;
  s.password_change_required = PasswordExpired(a.view.role, a.password_changed_at);
  s.two_factor_setup_required = TwoFactorMissing(a.view.role, a.two_factor);
  return s;
}

Result<UserView> AuthService::Register(const Registration& r) {
  static const std::regex kEmail(R"(^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$)");
  static const std::regex kPhone(R"(^\+?[0-9]{8,15}$)");
  const std::string email = NormalizeEmail(r.email);
  std::vector<FieldError> errors;
  if (email.size() > 255 || !std::regex_match(email, kEmail)) {
    errors.push_back({"email", "invalid", "must be a valid email address"});
  }
  if (r.name.empty()) errors.push_back({"name", "required", "name is required"});
  else if (r.name.size() > 255) errors.push_back({"name", "too_long", "must be at most 255 characters"});
  if (r.phone && !std::regex_match(*r.phone, kPhone)) {
    errors.push_back({"phone", "invalid", "must be 8 to 15 digits, optionally after +"});
  }
  auto weak = CheckPasswordPolicy(r.password);
  errors.insert(errors.end(), weak.begin(), weak.end());
  if (!errors.empty()) return Invalid(std::move(errors));

  const std::string hash = HashPassword(r.password);
  auto created = db_.Write([&](db::UnitOfWork& uow) -> Result<UserView> {
    if (uow.QueryOne(sql::kUserIdByEmail, {email})) {
      return Fail(Errc::kAlreadyExists, "An account with this email already exists.");
    }
    const std::string now = Now();
    db::Value phone = r.phone ? db::Value(cipher_.Encrypt(*r.phone)) : db::Value(db::kNull);
    const auto id = uow.Exec(sql::kInsertUser, {email, hash, r.name, phone, now}).last_insert_id;
    uow.Exec(sql::kInsertHistory, {id, hash, now});
    MailToken(uow, id, "verify");
    return UserView{id, email, r.name, "customer", false, true, time::IsoFromSql(now)};
  });
  if (!created && created.error().code == Errc::kAlreadyExists && created.error().detail.empty()) {
    created.error().detail = "An account with this email already exists.";
  }
  return created;
}

void AuthService::MailToken(db::UnitOfWork& uow, std::int64_t user_id, const std::string& purpose) {
  auto user = uow.QueryOne(sql::kUserForMail, {user_id});
  if (!user) return;
  const std::string token = crypto::RandomToken(32);
  const auto ttl = purpose == "reset" ? config_.reset_ttl : config_.verify_ttl;
  uow.Exec(sql::kInsertEmailToken, {user_id, purpose, crypto::Sha256Hex(token), In(ttl), Now()});
  mail::EmailJob job;
  job.template_name = purpose == "reset" ? "password_reset" : "verify_email";
  job.to = user->Str(0);
  job.locale = user->Str(2) == "en" ? "en" : "es";
  job.vars = boost::json::object{{"name", user->Str(1)}, {"minutes", static_cast<std::int64_t>(ttl.count() / 60)}};
  // The token is sealed: the jobs table (visible to staff) never holds it in clear.
  const std::string link = config_.public_url + (purpose == "reset" ? "/restablecer?token=" : "/verificar?token=") + token;
  job.sealed_vars = cipher_.Encrypt(boost::json::serialize(boost::json::object{{"token", token}, {"link", link}}));
  jobs_.Enqueue(uow, mail::kEmailJobKind, mail::ToPayload(job));
}

Result<SignIn> AuthService::Login(const std::string& raw_email, const std::string& password,
                                  const ClientInfo& client) {
  const std::string email = NormalizeEmail(raw_email);
  auto found = db_.Read([&](db::UnitOfWork& uow) -> Result<std::optional<db::Row>> {
    return uow.QueryOne(sql::kUserForLogin, {email});
  });
  if (!found) return std::unexpected(found.error());
  const std::optional<db::Row>& row = *found;

  if (row) {
    if (auto locked = Locked(*row, 6, email, client); !locked) return std::unexpected(locked.error());
  }
  // Verified outside any transaction: argon2id takes tens of milliseconds.
  const bool password_ok = VerifyPassword(row ? row->Str(1) : DummyHash(), password) && row;
  const bool allowed = password_ok && row->Bool(4);

  auto outcome = db_.Write([&](db::UnitOfWork& uow) -> Result<std::optional<SignIn>> {
    if (!allowed) {
      RecordFailure(uow, row ? std::optional(row->Int(0)) : std::nullopt, email, client.ip);
      return std::optional<SignIn>();
    }
    Account a;
    a.view = {row->Int(0), email, row->Str(2), row->Str(3), row->Bool(5), true, time::IsoFromSql(row->Str(9))};
    a.password_changed_at = row->Str(7);
    a.token_version = row->Int(8);
    a.two_factor = row->Bool(10);
    SignIn in;
    // The attempt counts as a success only once the second step is passed.
    if (a.two_factor) in.challenge = NewChallenge(uow, a.view.id, client);
    else in.session = SignedIn(uow, a, client, "password");
    return std::optional(std::move(in));
  });
  if (!outcome) return std::unexpected(outcome.error());
  if (!*outcome) {
    log::Security("login_failed", {{"email", email}, {"ip", client.ip}});
    return Unauthenticated(kInvalidLogin);
  }
  if ((*outcome)->session) {
    log::Security("login", {{"user_id", static_cast<long long>((*outcome)->session->user.id)}, {"ip", client.ip}});
  } else {
    log::Security("login_second_step", {{"user_id", static_cast<long long>(row->Int(0))}, {"ip", client.ip}});
  }
  return std::move(**outcome);
}

Result<void> AuthService::Locked(const db::Row& row, std::size_t column, const std::string& email,
                                 const ClientInfo& client) const {
  if (row.IsNull(column)) return {};
  auto until = time::FromSql(row.Str(column));
  if (!until || *until <= now_()) return {};
  Error e;
  e.code = Errc::kResourceExhausted;
  e.type = "account_locked";
  e.retry_after_seconds =
      static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(*until - now_()).count() + 1);
  e.detail = "Too many failed sign-ins; the account is locked for " + std::to_string(e.retry_after_seconds) + " s.";
  log::Security("login_locked", {{"email", email}, {"ip", client.ip}});
  return std::unexpected(e);
}

void AuthService::RecordFailure(db::UnitOfWork& uow, std::optional<std::int64_t> user_id, const std::string& email,
                                const std::string& ip) {
  uow.Exec(sql::kInsertAttempt, {user_id ? db::Value(*user_id) : db::Value(db::kNull), email, ip,
                                 std::int64_t{0}, Now()});
  if (!user_id) return;
  // Failures count within the window and after the last success.
  const std::string since = time::ToSql(now_() - config_.lockout_window);
  const auto last_success = uow.QueryOne(sql::kLastSuccess, {email})->Int(0);
  const auto failures = uow.QueryOne(sql::kFailuresSince, {email, since, last_success})->Int(0);
  if (failures >= config_.lockout_failures) {
    uow.Exec(sql::kLock, {In(config_.lockout_duration), *user_id});
    log::Security("lockout", {{"email", email}, {"ip", ip}, {"failures", static_cast<long long>(failures)}});
  }
}

Session AuthService::SignedIn(db::UnitOfWork& uow, const Account& a, const ClientInfo& client,
                              std::string_view method) {
  uow.Exec(sql::kInsertAttempt, {a.view.id, a.view.email, client.ip, std::int64_t{1}, Now()});
  audit::AuditEntry entry;
  entry.actor_user_id = a.view.id;
  entry.actor_role = a.view.role;
  entry.action = "user.login";
  entry.entity = "user";
  entry.entity_id = std::to_string(a.view.id);
  entry.ip = client.ip;
  entry.details_json = boost::json::serialize(boost::json::object{{"method", method}});
  audit::RecordAudit(uow, entry);
  return IssueSession(uow, a, crypto::RandomToken(16), client);
}

TwoFactorChallenge AuthService::NewChallenge(db::UnitOfWork& uow, std::int64_t user_id, const ClientInfo& client) {
  TwoFactorChallenge c;
  c.token = crypto::RandomToken(32);
  c.expires_in = config_.challenge_ttl.count();
  uow.Exec(sql::kInsertChallenge, {user_id, crypto::Sha256Hex(c.token), In(config_.challenge_ttl), client.ip, Now()});
  return c;
}

Result<Session> AuthService::CompleteLogin(const std::string& challenge, const SecondFactor& factor,
                                           const ClientInfo& client) {
  enum class Outcome { kOk, kBadChallenge, kWrongCode, kLocked };
  Session session;
  std::string email;
  Error locked;
  auto outcome = db_.Write([&](db::UnitOfWork& uow) -> Result<Outcome> {
    auto c = uow.QueryOne(sql::kChallengeByHash, {crypto::Sha256Hex(challenge)});
    if (!c) return Outcome::kBadChallenge;
    const std::int64_t user_id = c->Int(1);
    email = c->Str(5);
    auto expires = time::FromSql(c->Str(3));
    if (!c->IsNull(4) || !expires || *expires <= now_()) return Outcome::kBadChallenge;
    if (auto l = Locked(*c, 6, email, client); !l) {
      locked = l.error();
      return Outcome::kLocked;
    }
    if (uow.Exec(sql::kChallengeAttempt, {c->Int(0), std::int64_t{config_.challenge_attempts}}).affected != 1) {
      return Outcome::kBadChallenge;
    }
    auto kind = ConsumeSecondFactor(uow, cipher_, user_id, factor, time::UnixSeconds(now_()));
    if (!kind) {
      RecordFailure(uow, user_id, email, client.ip);
      return Outcome::kWrongCode;
    }
    auto u = uow.QueryOne(sql::kUserById, {user_id});
    if (!u || !u->Bool(4) || uow.Exec(sql::kUseChallenge, {Now(), c->Int(0)}).affected != 1) {
      return Outcome::kBadChallenge;
    }
    session = SignedIn(uow, AccountOf(*u), client, *kind == FactorKind::kTotp ? "totp" : "recovery_code");
    return Outcome::kOk;
  });
  if (!outcome) return std::unexpected(outcome.error());
  switch (*outcome) {
    case Outcome::kOk:
      log::Security("login", {{"user_id", static_cast<long long>(session.user.id)}, {"ip", client.ip}});
      return session;
    case Outcome::kLocked: return std::unexpected(locked);
    case Outcome::kWrongCode:
      log::Security("login_second_step_failed", {{"email", email}, {"ip", client.ip}});
      if (!factor.recovery_code.empty()) {
        return Invalid({{"recovery_code", "incorrect", "is not an unused recovery code of this account"}});
      }
      return Invalid({{"code", "incorrect", "is not the current code of your authenticator app"}});
    case Outcome::kBadChallenge: break;
  }
  return Unauthenticated("The sign-in challenge is invalid, expired or used up; sign in again.");
}

AuthService::Account AuthService::AccountOf(const db::Row& u) const {
  Account a;
  a.view = {u.Int(0), u.Str(1), u.Str(2), u.Str(3), u.Bool(5), u.Bool(4), time::IsoFromSql(u.Str(8))};
  a.password_changed_at = u.Str(6);
  a.token_version = u.Int(7);
  a.two_factor = u.Bool(10);
  return a;
}

Result<Session> AuthService::Refresh(const std::string& refresh_token, const ClientInfo& client) {
  enum class Outcome { kOk, kUnknown, kReused, kExpired, kInactive };
  Session session;
  std::int64_t reused_user = 0;
  auto outcome = db_.Write([&](db::UnitOfWork& uow) -> Result<Outcome> {
    auto t = uow.QueryOne(sql::kRefreshByHash, {crypto::Sha256Hex(refresh_token)});
    if (!t) return Outcome::kUnknown;
    const std::int64_t id = t->Int(0);
    const std::string family = t->Str(2);
    const std::string now = Now();
    // A token presented twice was stolen or replayed: the whole family dies.
    if (!t->IsNull(4) || !t->IsNull(5) || uow.Exec(sql::kUseRefresh, {now, id}).affected != 1) {
      uow.Exec(sql::kRevokeFamily, {now, family});
      reused_user = t->Int(1);
      return Outcome::kReused;
    }
    auto expires = time::FromSql(t->Str(3));
    if (!expires || *expires <= now_()) return Outcome::kExpired;
    auto u = uow.QueryOne(sql::kUserById, {t->Int(1)});
    if (!u || !u->Bool(4)) return Outcome::kInactive;
    session = IssueSession(uow, AccountOf(*u), family, client);
    return Outcome::kOk;
  });
  if (!outcome) return std::unexpected(outcome.error());
  switch (*outcome) {
    case Outcome::kOk: return session;
    case Outcome::kReused:
      log::Security("refresh_token_reuse", {{"user_id", static_cast<long long>(reused_user)}, {"ip", client.ip}});
      return Unauthenticated("The refresh token was already used; every session of this sign-in was revoked.");
    case Outcome::kUnknown:
    case Outcome::kExpired:
    case Outcome::kInactive: break;
  }
  return Unauthenticated("The refresh token is invalid or expired.");
}

Result<void> AuthService::Logout(const http::Principal& who, const std::optional<std::string>& refresh_token) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    if (uow.QueryOne(sql::kIsRevoked, {who.jti})->Int(0) == 0) {
      uow.Exec(sql::kRevokeJti, {who.jti, who.user_id,
                                 time::ToSql(std::chrono::system_clock::time_point(
                                     std::chrono::seconds(who.expires_at)))});
    }
    if (refresh_token) {
      auto t = uow.QueryOne(sql::kRefreshByHash, {crypto::Sha256Hex(*refresh_token)});
      if (t && t->Int(1) == who.user_id) uow.Exec(sql::kRevokeFamily, {Now(), t->Str(2)});
    }
    return {};
  });
}

Result<void> AuthService::ForgotPassword(const std::string& raw_email) {
  const std::string email = NormalizeEmail(raw_email);
  auto mailed = db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    auto found = uow.QueryOne(sql::kUserForLogin, {email});
    if (found && found->Bool(4)) MailToken(uow, found->Int(0), "reset");
    return {};
  });
  if (!mailed) log::Error("password reset not mailed", {{"email", email}, {"error", mailed.error().internal}});
  log::Security("password_reset_requested", {{"email", email}});
  return {};
}

Result<void> AuthService::CheckHistory(std::int64_t user_id, const std::string& password,
                                       const std::string& field) {
  auto hashes = db_.Read([&](db::UnitOfWork& uow) -> Result<db::Rows> {
    return uow.Query(sql::kRecentHashes, {user_id, std::int64_t{config_.password_history}});
  });
  if (!hashes) return std::unexpected(hashes.error());
  for (const db::Row& h : *hashes) {
    if (VerifyPassword(h.Str(0), password)) {
      return Invalid({{field, "reused", "must differ from your last " +
                                            std::to_string(config_.password_history) + " passwords"}});
    }
  }
  return {};
}

Result<void> AuthService::ResetPassword(const std::string& token, const std::string& password) {
  auto weak = CheckPasswordPolicy(password);
  if (!weak.empty()) return Invalid(std::move(weak));
  auto t = db_.Read([&](db::UnitOfWork& uow) -> Result<std::optional<db::Row>> {
    return uow.QueryOne(sql::kEmailToken, {crypto::Sha256Hex(token), std::string("reset")});
  });
  if (!t) return std::unexpected(t.error());
  auto expires = *t ? time::FromSql((*t)->Str(2)) : std::nullopt;
  if (!*t || !(*t)->IsNull(3) || !expires || *expires <= now_()) return BadToken();
  const std::int64_t user_id = (*t)->Int(1);
  if (auto h = CheckHistory(user_id, password, "password"); !h) return h;
  const std::string hash = HashPassword(password);
  auto done = db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    if (uow.Exec(sql::kUseEmailToken, {Now(), (*t)->Int(0)}).affected != 1) return BadToken();
    uow.Exec(sql::kSetPassword, {hash, Now(), Now(), user_id});
    uow.Exec(sql::kInsertHistory, {user_id, hash, Now()});
    uow.Exec(sql::kRevokeUserRefresh, {Now(), user_id});
    return {};
  });
  if (done) log::Security("password_reset", {{"user_id", static_cast<long long>(user_id)}});
  return done;
}

Result<void> AuthService::VerifyEmail(const std::string& token) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    auto t = uow.QueryOne(sql::kEmailToken, {crypto::Sha256Hex(token), std::string("verify")});
    auto expires = t ? time::FromSql(t->Str(2)) : std::nullopt;
    if (!t || !t->IsNull(3) || !expires || *expires <= now_()) return BadToken();
    if (uow.Exec(sql::kUseEmailToken, {Now(), t->Int(0)}).affected != 1) return BadToken();
    uow.Exec(sql::kVerifyEmail, {Now(), t->Int(1)});
    return {};
  });
}

Result<Session> AuthService::ChangePassword(const http::Principal& who, const std::string& current,
                                            const std::string& next, const ClientInfo& client) {
  auto u = db_.Read([&](db::UnitOfWork& uow) -> Result<std::optional<db::Row>> {
    return uow.QueryOne(sql::kUserById, {who.user_id});
  });
  if (!u) return std::unexpected(u.error());
  if (!*u) return Unauthenticated("The account no longer exists.");
  if (!VerifyPassword((*u)->Str(9), current)) {
    return Invalid({{"current_password", "incorrect", "is not your current password"}});
  }
  auto weak = CheckPasswordPolicy(next, "new_password");
  if (!weak.empty()) return Invalid(std::move(weak));
  if (auto h = CheckHistory(who.user_id, next, "new_password"); !h) return std::unexpected(h.error());
  const std::string hash = HashPassword(next);
  return db_.Write([&](db::UnitOfWork& uow) -> Result<Session> {
    const std::string now = Now();
    uow.Exec(sql::kSetPassword, {hash, now, now, who.user_id});
    uow.Exec(sql::kInsertHistory, {who.user_id, hash, now});
    uow.Exec(sql::kRevokeUserRefresh, {now, who.user_id});
    return IssueSession(uow, AccountOf(*uow.QueryOne(sql::kUserById, {who.user_id})), crypto::RandomToken(16),
                        client);
  });
}

Result<http::Principal> AuthService::Authenticate(std::string_view token) {
  auto claims = VerifyAccessToken(token, config_.jwt_secret, time::UnixSeconds(now_()), config_.jwt_previous_secrets);
  if (!claims) return std::unexpected(claims.error());
  auto state = db_.Read([&](db::UnitOfWork& uow) -> Result<std::optional<db::Row>> {
    return uow.QueryOne(sql::kAuthState, {claims->jti, claims->user_id});
  });
  if (!state) return std::unexpected(state.error());
  const auto& row = *state;
  if (!row) return Unauthenticated("The account no longer exists.");
  if (!row->Bool(1)) return Unauthenticated("The account is deactivated.");
  if (row->Int(4) > 0) return Unauthenticated("The access token was revoked.");
  if (row->Int(2) != claims->version) return Unauthenticated("The session was ended; sign in again.");
  if (row->Str(0) != claims->role) return Unauthenticated("The account's role changed; sign in again.");
  auto role = http::ParseRole(claims->role);
  if (!role) return Unauthenticated("Unknown role.");
  http::Principal p;
  p.user_id = claims->user_id;
  p.role = *role;
  p.jti = claims->jti;
  p.expires_at = claims->expires_at;
  p.password_change_required = PasswordExpired(claims->role, row->Str(3));
  p.two_factor_setup_required = TwoFactorMissing(claims->role, row->Bool(5));
  return p;
}

void AuthService::RevokeAllSessions(db::UnitOfWork& uow, std::int64_t user_id) {
  uow.Exec(sql::kBumpTokenVersion, {Now(), user_id});
  uow.Exec(sql::kRevokeUserRefresh, {Now(), user_id});
}

}  // namespace moderno::accounts
