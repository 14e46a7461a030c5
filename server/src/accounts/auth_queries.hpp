#pragma once
// SQL of authentication; the same text for both dialects.
#include <string_view>

namespace moderno::accounts::sql {

inline constexpr std::string_view kUserForLogin =
    "SELECT id, password_hash, name, role, is_active, email_verified, locked_until, "
    "password_changed_at, token_version, created_at, totp_enabled_at IS NOT NULL FROM users WHERE email = ?";
inline constexpr std::string_view kUserById =
    "SELECT id, email, name, role, is_active, email_verified, password_changed_at, "
    "token_version, created_at, password_hash, totp_enabled_at IS NOT NULL FROM users WHERE id = ?";
inline constexpr std::string_view kUserIdByEmail = "SELECT id FROM users WHERE email = ?";
// Who a verify/reset email goes to, and in which language.
inline constexpr std::string_view kUserForMail = "SELECT email, name, locale FROM users WHERE id = ?";
// One query per authenticated request: the user's current state and whether the token was
// revoked. Reading it from the database (not a cache) makes revocation immediate on every node.
inline constexpr std::string_view kAuthState =
    "SELECT u.role, u.is_active, u.token_version, u.password_changed_at, "
    "(SELECT COUNT(*) FROM revoked_tokens r WHERE r.jti = ?), u.totp_enabled_at IS NOT NULL "
    "FROM users u WHERE u.id = ?";

inline constexpr std::string_view kInsertUser =
    "INSERT INTO users (email, password_hash, name, phone, role, email_verified, "
    "password_changed_at) VALUES (?, ?, ?, ?, 'customer', 0, ?)";
inline constexpr std::string_view kInsertHistory =
    "INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)";
inline constexpr std::string_view kRecentHashes =
    "SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?";
inline constexpr std::string_view kSetPassword =
    "UPDATE users SET password_hash = ?, password_changed_at = ?, token_version = token_version + 1, "
    "locked_until = NULL, updated_at = ? WHERE id = ?";

inline constexpr std::string_view kInsertAttempt =
    "INSERT INTO login_attempts (user_id, email, ip, succeeded, created_at) VALUES (?, ?, ?, ?, ?)";
// Attempts are ordered by id: timestamps have one-second resolution.
inline constexpr std::string_view kLastSuccess =
    "SELECT COALESCE(MAX(id), 0) FROM login_attempts WHERE email = ? AND succeeded = 1";
inline constexpr std::string_view kFailuresSince =
    "SELECT COUNT(*) FROM login_attempts WHERE email = ? AND succeeded = 0 AND created_at > ? "
    "AND id > ?";
inline constexpr std::string_view kLock = "UPDATE users SET locked_until = ? WHERE id = ?";

inline constexpr std::string_view kInsertRefresh =
    "INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, ip, user_agent, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
inline constexpr std::string_view kRefreshByHash =
    "SELECT id, user_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens "
    "WHERE token_hash = ?";
inline constexpr std::string_view kUseRefresh =
    "UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL";
inline constexpr std::string_view kRevokeFamily =
    "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL";
inline constexpr std::string_view kRevokeUserRefresh =
    "UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL";
inline constexpr std::string_view kBumpTokenVersion =
    "UPDATE users SET token_version = token_version + 1, updated_at = ? WHERE id = ?";

inline constexpr std::string_view kIsRevoked = "SELECT COUNT(*) FROM revoked_tokens WHERE jti = ?";
inline constexpr std::string_view kRevokeJti =
    "INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES (?, ?, ?)";

inline constexpr std::string_view kInsertEmailToken =
    "INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at, created_at) "
    "VALUES (?, ?, ?, ?, ?)";
inline constexpr std::string_view kEmailToken =
    "SELECT id, user_id, expires_at, used_at FROM email_tokens WHERE token_hash = ? AND purpose = ?";
inline constexpr std::string_view kUseEmailToken =
    "UPDATE email_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL";
inline constexpr std::string_view kVerifyEmail =
    "UPDATE users SET email_verified = 1, updated_at = ? WHERE id = ?";

}  // namespace moderno::accounts::sql
