#pragma once
// Sign-up, sign-in, sessions and password recovery; also the verifier of access tokens.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "accounts/two_factor.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/db/db.hpp"
#include "platform/http/auth.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/time/time.hpp"

namespace moderno::accounts {

struct AuthConfig {
  std::string jwt_secret;
  std::vector<std::string> jwt_previous_secrets;  // rolled-out signing secrets, still verified
  std::chrono::seconds access_ttl{3600};
  std::chrono::seconds refresh_ttl{7 * 24 * 3600};
  std::chrono::seconds reset_ttl{30 * 60};
  std::chrono::seconds verify_ttl{48 * 3600};
  int lockout_failures = 5;
  std::chrono::seconds lockout_window{15 * 60};
  std::chrono::seconds lockout_duration{15 * 60};
  std::chrono::seconds staff_password_max_age{90 * 24 * 3600};
  int password_history = 5;
  std::string public_url = "http://127.0.0.1:8080";  // for links in emails
  std::chrono::seconds challenge_ttl{5 * 60};  // the second step of a two-factor sign-in
  int challenge_attempts = 5;
  TwoFactorPolicy two_factor;
};

// What a client sees of an account.
struct UserView {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  std::string role;
  bool email_verified = false;
  bool is_active = true;
  std::string created_at;
};

struct Session {
  std::string access_token;
  std::string refresh_token;
  std::int64_t expires_in = 0;  // seconds
  UserView user;
  bool password_change_required = false;
  // STAFF_2FA=required and this admin has no second factor yet: staff routes answer 403
  // two_factor_setup_required until it is set up at /api/v1/me/2fa.
  bool two_factor_setup_required = false;
};

// A correct password of an account with two-factor sign-in: the token that the second step
// (POST /api/v1/auth/login/2fa) presents with a code.
struct TwoFactorChallenge {
  std::string token;
  std::int64_t expires_in = 0;  // seconds
};

// What a correct password gives: a session, or the challenge of the second step.
struct SignIn {
  std::optional<Session> session;
  std::optional<TwoFactorChallenge> challenge;
};

struct Registration {
  std::string email;
  std::string password;
  std::string name;
  std::optional<std::string> phone;
};

// Where a request came from, for the login history and refresh tokens.
struct ClientInfo {
  std::string ip;
  std::string user_agent;
};

class AuthService : public http::Authenticator {
 public:
  // Verification and reset mails are `email` jobs enqueued on `jobs` with their token.
  AuthService(db::Database& db, jobs::Queue& jobs, const crypto::Cipher& cipher,
              AuthConfig config, time::SystemClock now);

  Result<UserView> Register(const Registration& r);
  // Wrong email and wrong password give the same 401 in the same time; 5 failures in 15
  // minutes lock the account for 15 minutes (429 account_locked with Retry-After).
  // With two-factor sign-in on, a correct password gives a challenge instead of a session.
  Result<SignIn> Login(const std::string& email, const std::string& password, const ClientInfo& client);
  // The second step: the challenge and a code (or a recovery code). A wrong code counts as a
  // failed sign-in towards the lockout; a challenge takes 5 tries and lives 5 minutes.
  Result<Session> CompleteLogin(const std::string& challenge, const SecondFactor& factor, const ClientInfo& client);
  // Rotates the refresh token; presenting a used one revokes its whole family.
  Result<Session> Refresh(const std::string& refresh_token, const ClientInfo& client);
  // Revokes the access token's jti and, when given, the refresh token's family.
  Result<void> Logout(const http::Principal& who, const std::optional<std::string>& refresh_token);
  // Always succeeds (no account enumeration); mails a 30-minute single-use token when the
  // account exists.
  Result<void> ForgotPassword(const std::string& email);
  Result<void> ResetPassword(const std::string& token, const std::string& password);
  Result<void> VerifyEmail(const std::string& token);
  // Changes the password and returns a new session (every older session is revoked).
  Result<Session> ChangePassword(const http::Principal& who, const std::string& current,
                                 const std::string& next, const ClientInfo& client);

  Result<http::Principal> Authenticate(std::string_view token) override;

  // Ends every session of a user inside a unit of work (role change, deactivation, reset).
  void RevokeAllSessions(db::UnitOfWork& uow, std::int64_t user_id);

 private:
  struct Account {
    UserView view;
    std::string password_changed_at;
    std::int64_t token_version = 0;
    bool two_factor = false;
  };
  Session IssueSession(db::UnitOfWork& uow, const Account& account, const std::string& family,
                       const ClientInfo& client);
  Result<void> CheckHistory(std::int64_t user_id, const std::string& password, const std::string& field);
  std::string Now() const { return time::ToSql(now_()); }
  std::string In(std::chrono::seconds d) const { return time::ToSql(now_() + d); }
  bool PasswordExpired(const std::string& role, const std::string& changed_at) const;
  bool TwoFactorMissing(const std::string& role, bool enabled) const;
  // A 429 account_locked when the row's `column` (locked_until) is in the future.
  Result<void> Locked(const db::Row& row, std::size_t column, const std::string& email, const ClientInfo& client) const;
  // An account from a kUserById row.
  Account AccountOf(const db::Row& u) const;
  // Records a failed sign-in of `email` and locks the account after too many (in `uow`).
  void RecordFailure(db::UnitOfWork& uow, std::optional<std::int64_t> user_id, const std::string& email,
                     const std::string& ip);
  // The login audit entry, the success in the attempts and a new session family.
  Session SignedIn(db::UnitOfWork& uow, const Account& a, const ClientInfo& client, std::string_view method);
  TwoFactorChallenge NewChallenge(db::UnitOfWork& uow, std::int64_t user_id, const ClientInfo& client);
  // Stores a new verify/reset token and enqueues its email, in the caller's transaction.
  void MailToken(db::UnitOfWork& uow, std::int64_t user_id, const std::string& purpose);

  db::Database& db_;
  jobs::Queue& jobs_;
  const crypto::Cipher& cipher_;
  AuthConfig config_;
  time::SystemClock now_;
};

}  // namespace moderno::accounts
