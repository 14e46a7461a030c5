#pragma once
// Staff two-factor sign-in: TOTP (RFC 6238) enrolment confirmed by a first code, ten single-use
// recovery codes, disabling with the password and a code, and the policy STAFF_2FA=required
// (admin and super_admin must enrol before using staff routes). The second step of sign-in
// itself is AuthService::CompleteLogin; both check codes through ConsumeSecondFactor.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/audit/audit.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/db/db.hpp"
#include "platform/http/auth.hpp"
#include "platform/time/time.hpp"

namespace moderno::accounts {

struct TwoFactorPolicy {
  bool required_for_admins = false;  // STAFF_2FA=required
  std::string issuer = "eCommerce Moderno";  // the name authenticator apps show
};

// True when `role` must have a second factor under `policy`.
bool TwoFactorRequired(http::Role role, const TwoFactorPolicy& policy);

// What the caller gives as second factor: a 6-digit code from the app, or a recovery code.
struct SecondFactor {
  std::string code;
  std::string recovery_code;
};
enum class FactorKind { kTotp, kRecoveryCode };

// Checks `factor` for `user_id` inside `uow` and consumes it (the TOTP step, or the recovery
// code); nullopt when it does not match, was already used or the user has no second factor.
std::optional<FactorKind> ConsumeSecondFactor(db::UnitOfWork& uow, const crypto::Cipher& cipher,
                                              std::int64_t user_id, const SecondFactor& factor,
                                              std::int64_t unix_now);

struct TwoFactorStatus {
  bool enabled = false;
  std::string enabled_at;  // ISO 8601, empty when not enabled
  std::int64_t recovery_codes_left = 0;
  bool required = false;   // the policy requires it for this user's role
};

// A secret waiting for its first code.
struct TwoFactorSetup {
  std::string secret;       // base32, to type in by hand
  std::string otpauth_uri;  // what the QR code carries
};

class TwoFactorService {
 public:
  TwoFactorService(db::Database& db, const crypto::Cipher& cipher, TwoFactorPolicy policy,
                   time::SystemClock now);

  Result<TwoFactorStatus> Status(const http::Principal& who);
  // A new pending secret (replacing an earlier pending one); 409 when already enabled.
  Result<TwoFactorSetup> Setup(const http::Principal& who);
  // Confirms the pending secret with a code from the app; returns the recovery codes (shown
  // once). 409 when nothing is pending or it is already enabled; 422 for a wrong code.
  Result<std::vector<std::string>> Enable(const http::Principal& who, const std::string& code,
                                          audit::AuditEntry actor);
  // Needs the password and a code (or a recovery code). 409 when the policy requires it.
  Result<void> Disable(const http::Principal& who, const std::string& password, const SecondFactor& factor,
                       audit::AuditEntry actor);
  // New recovery codes (the old ones stop working), after a code.
  Result<std::vector<std::string>> RegenerateRecoveryCodes(const http::Principal& who, const SecondFactor& factor,
                                                           audit::AuditEntry actor);

  const TwoFactorPolicy& policy() const { return policy_; }

 private:
  std::vector<std::string> WriteRecoveryCodes(db::UnitOfWork& uow, std::int64_t user_id);
  std::int64_t UnixNow() const;

  db::Database& db_;
  const crypto::Cipher& cipher_;
  TwoFactorPolicy policy_;
  time::SystemClock now_;
};

}  // namespace moderno::accounts
