#include "accounts/two_factor.hpp"

#include <sodium.h>

#include <cctype>

#include "accounts/password.hpp"
#include "accounts/two_factor_queries.hpp"
#include "platform/crypto/totp.hpp"
#include "platform/db/batch.hpp"
#include "platform/log/log.hpp"

namespace moderno::accounts {
namespace {

constexpr int kRecoveryCodes = 10;
constexpr std::size_t kSecretBytes = 20;  // 160 bits, as RFC 4226 recommends

// "k3f9a-7qx2m": ten base32 characters (50 bits), grouped for reading aloud.
std::string NewRecoveryCode() {
  unsigned char bytes[7];
  randombytes_buf(bytes, sizeof bytes);
  std::string b32 = crypto::Base32Encode(std::string_view(reinterpret_cast<char*>(bytes), sizeof bytes));
  std::string code;
  for (std::size_t i = 0; i < 10; ++i) {
    if (i == 5) code += '-';
    code += static_cast<char>(std::tolower(static_cast<unsigned char>(b32[i])));
  }
  return code;
}

// What is stored and compared: lower case without separators.
std::string RecoveryHash(std::string_view code) {
  std::string norm;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    norm += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return crypto::Sha256Hex("recovery:" + norm);
}

std::unexpected<Error> WrongCode(const SecondFactor& f) {
  if (!f.recovery_code.empty()) {
    return Invalid({{"recovery_code", "incorrect", "is not an unused recovery code of this account"}});
  }
  return Invalid({{"code", "incorrect", "is not the current code of your authenticator app"}});
}

// The audit entry of a change of the user's own second factor.
void Record(db::UnitOfWork& uow, audit::AuditEntry actor, std::string_view action, std::int64_t user_id) {
  audit::RecordChange(uow, std::move(actor), action, "user", user_id, "");
}

}  // namespace

bool TwoFactorRequired(http::Role role, const TwoFactorPolicy& policy) {
  return policy.required_for_admins && role >= http::Role::kAdmin;
}

std::optional<FactorKind> ConsumeSecondFactor(db::UnitOfWork& uow, const crypto::Cipher& cipher,
                                              std::int64_t user_id, const SecondFactor& factor,
                                              std::int64_t unix_now) {
  auto row = uow.QueryOne(sql::kTwoFactorState, {user_id});
  if (!row || row->IsNull(0) || row->IsNull(1)) return std::nullopt;
  if (!factor.recovery_code.empty()) {
    const auto used = uow.Exec(sql::kUseRecoveryCode, {time::ToSql(std::chrono::system_clock::time_point(
                                                           std::chrono::seconds(unix_now))),
                                                       user_id, RecoveryHash(factor.recovery_code)});
    if (used.affected != 1) return std::nullopt;
    return FactorKind::kRecoveryCode;
  }
  auto secret = cipher.Decrypt(row->Str(0));
  if (!secret) return std::nullopt;
  auto step = crypto::VerifyTotp(*secret, factor.code, unix_now, row->Int(2));
  if (!step) return std::nullopt;
  // Two requests racing with the same code: only one moves the last step.
  if (uow.Exec(sql::kUseTotpStep, {*step, user_id, *step}).affected != 1) return std::nullopt;
  return FactorKind::kTotp;
}

TwoFactorService::TwoFactorService(db::Database& db, const crypto::Cipher& cipher, TwoFactorPolicy policy,
                                   time::SystemClock now)
    : db_(db), cipher_(cipher), policy_(std::move(policy)), now_(std::move(now)) {
  if (!now_) now_ = [] { return std::chrono::system_clock::now(); };
}

std::int64_t TwoFactorService::UnixNow() const { return time::UnixSeconds(now_()); }

Result<TwoFactorStatus> TwoFactorService::Status(const http::Principal& who) {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<TwoFactorStatus> {
    auto row = uow.QueryOne(sql::kTwoFactorState, {who.user_id});
    if (!row) return Fail(Errc::kNotFound, "The account no longer exists.");
    TwoFactorStatus s;
    s.enabled = !row->IsNull(1);
    if (s.enabled) s.enabled_at = time::IsoFromSql(row->Str(1));
    s.recovery_codes_left = s.enabled ? uow.QueryOne(sql::kRecoveryCodesLeft, {who.user_id})->Int(0) : 0;
    s.required = TwoFactorRequired(who.role, policy_);
    return s;
  });
}

Result<TwoFactorSetup> TwoFactorService::Setup(const http::Principal& who) {
  unsigned char raw[kSecretBytes];
  randombytes_buf(raw, sizeof raw);
  const std::string key(reinterpret_cast<char*>(raw), sizeof raw);
  sodium_memzero(raw, sizeof raw);
  TwoFactorSetup setup;
  setup.secret = crypto::Base32Encode(key);
  const std::string sealed = cipher_.Encrypt(key);
  return db_.Write([&](db::UnitOfWork& uow) -> Result<TwoFactorSetup> {
    auto row = uow.QueryOne(sql::kTwoFactorState, {who.user_id});
    if (!row) return Fail(Errc::kNotFound, "The account no longer exists.");
    if (!row->IsNull(1)) {
      return Fail(Errc::kConflict, "Two-factor sign-in is already on; turn it off first to change the app.");
    }
    uow.Exec(sql::kSetPendingSecret, {sealed, who.user_id});
    setup.otpauth_uri = crypto::OtpauthUri(policy_.issuer, row->Str(5), setup.secret);
    return setup;
  });
}

std::vector<std::string> TwoFactorService::WriteRecoveryCodes(db::UnitOfWork& uow, std::int64_t user_id) {
  uow.Exec(sql::kDeleteRecoveryCodes, {user_id});
  std::vector<std::string> codes;
  std::vector<std::vector<db::Value>> rows;
  const std::string now = time::ToSql(now_());
  for (int i = 0; i < kRecoveryCodes; ++i) {
    codes.push_back(NewRecoveryCode());
    rows.push_back({user_id, RecoveryHash(codes.back()), now});
  }
  db::InsertMany(uow, sql::kInsertRecoveryCodes, 3, rows);
  return codes;
}

Result<std::vector<std::string>> TwoFactorService::Enable(const http::Principal& who, const std::string& code,
                                                          audit::AuditEntry actor) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<std::vector<std::string>> {
    auto row = uow.QueryOne(sql::kTwoFactorState, {who.user_id});
    if (!row) return Fail(Errc::kNotFound, "The account no longer exists.");
    if (!row->IsNull(1)) return Fail(Errc::kConflict, "Two-factor sign-in is already on.");
    if (row->IsNull(0)) {
      return Fail(Errc::kConflict, "Start with POST /api/v1/me/2fa/setup to get a secret.");
    }
    auto secret = cipher_.Decrypt(row->Str(0));
    if (!secret) return std::unexpected(secret.error());
    auto step = crypto::VerifyTotp(*secret, code, UnixNow(), 0);
    if (!step) return WrongCode({code, ""});
    if (uow.Exec(sql::kEnableTotp, {time::ToSql(now_()), *step, who.user_id, row->Str(0)}).affected != 1) {
      return Fail(Errc::kConflict, "The secret changed meanwhile; start the setup again.");
    }
    auto codes = WriteRecoveryCodes(uow, who.user_id);
    Record(uow, std::move(actor), "user.2fa_enable", who.user_id);
    log::Security("2fa_enabled", {{"user_id", static_cast<long long>(who.user_id)}});
    return codes;
  });
}

Result<void> TwoFactorService::Disable(const http::Principal& who, const std::string& password,
                                       const SecondFactor& factor, audit::AuditEntry actor) {
  if (TwoFactorRequired(who.role, policy_)) {
    return Fail(Errc::kConflict, "Two-factor sign-in is required for your role (STAFF_2FA=required).");
  }
  auto row = db_.Read([&](db::UnitOfWork& uow) -> Result<std::optional<db::Row>> {
    return uow.QueryOne(sql::kTwoFactorState, {who.user_id});
  });
  if (!row) return std::unexpected(row.error());
  if (!*row) return Fail(Errc::kNotFound, "The account no longer exists.");
  if ((*row)->IsNull(1)) return Fail(Errc::kConflict, "Two-factor sign-in is not on.");
  // argon2id runs outside the transaction, as at sign-in.
  if (!VerifyPassword((*row)->Str(4), password)) {
    return Invalid({{"password", "incorrect", "is not your current password"}});
  }
  auto done = db_.Write([&](db::UnitOfWork& uow) -> Result<bool> {
    if (!ConsumeSecondFactor(uow, cipher_, who.user_id, factor, UnixNow())) return false;
    uow.Exec(sql::kDisableTotp, {who.user_id});
    uow.Exec(sql::kDeleteRecoveryCodes, {who.user_id});
    Record(uow, std::move(actor), "user.2fa_disable", who.user_id);
    return true;
  });
  if (!done) return std::unexpected(done.error());
  if (!*done) return WrongCode(factor);
  log::Security("2fa_disabled", {{"user_id", static_cast<long long>(who.user_id)}});
  return {};
}

Result<std::vector<std::string>> TwoFactorService::RegenerateRecoveryCodes(const http::Principal& who,
                                                                           const SecondFactor& factor,
                                                                           audit::AuditEntry actor) {
  auto done = db_.Write([&](db::UnitOfWork& uow) -> Result<std::optional<std::vector<std::string>>> {
    if (!ConsumeSecondFactor(uow, cipher_, who.user_id, factor, UnixNow())) {
      return std::optional<std::vector<std::string>>();
    }
    auto codes = WriteRecoveryCodes(uow, who.user_id);
    Record(uow, std::move(actor), "user.2fa_recovery_codes", who.user_id);
    return std::optional(std::move(codes));
  });
  if (!done) return std::unexpected(done.error());
  if (!*done) return WrongCode(factor);
  return std::move(**done);
}

}  // namespace moderno::accounts
