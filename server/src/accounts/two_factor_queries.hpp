#pragma once
// SQL of staff two-factor sign-in (the same text for both dialects).
#include <string_view>

namespace moderno::accounts::sql {

// A user's second factor: the sealed secret (pending while totp_enabled_at is NULL), the last
// TOTP step accepted, and what disabling needs (role, password hash, email for the URI).
inline constexpr std::string_view kTwoFactorState =
    "SELECT totp_secret, totp_enabled_at, totp_last_step, role, password_hash, email "
    "FROM users WHERE id = ?";
inline constexpr std::string_view kSetPendingSecret =
    "UPDATE users SET totp_secret = ?, totp_last_step = 0 WHERE id = ? AND totp_enabled_at IS NULL";
inline constexpr std::string_view kEnableTotp =
    "UPDATE users SET totp_enabled_at = ?, totp_last_step = ? "
    "WHERE id = ? AND totp_enabled_at IS NULL AND totp_secret = ?";
// A step is accepted once: the update fails when a later (or the same) step was used.
inline constexpr std::string_view kUseTotpStep =
    "UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?";
inline constexpr std::string_view kDisableTotp =
    "UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = 0 WHERE id = ?";

inline constexpr std::string_view kDeleteRecoveryCodes = "DELETE FROM recovery_codes WHERE user_id = ?";
inline constexpr std::string_view kInsertRecoveryCodes =
    "INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES ";
inline constexpr std::string_view kRecoveryCodesLeft =
    "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL";
inline constexpr std::string_view kUseRecoveryCode =
    "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL";

// The second step of a sign-in.
inline constexpr std::string_view kInsertChallenge =
    "INSERT INTO login_challenges (user_id, token_hash, expires_at, ip, created_at) VALUES (?, ?, ?, ?, ?)";
inline constexpr std::string_view kChallengeByHash =
    "SELECT c.id, c.user_id, c.attempts, c.expires_at, c.used_at, u.email, u.locked_until "
    "FROM login_challenges c JOIN users u ON u.id = c.user_id WHERE c.token_hash = ?";
// Counts an attempt while the challenge has some left; 0 rows: it is used up.
inline constexpr std::string_view kChallengeAttempt =
    "UPDATE login_challenges SET attempts = attempts + 1 WHERE id = ? AND used_at IS NULL AND attempts < ?";
inline constexpr std::string_view kUseChallenge =
    "UPDATE login_challenges SET used_at = ? WHERE id = ? AND used_at IS NULL";

}  // namespace moderno::accounts::sql
