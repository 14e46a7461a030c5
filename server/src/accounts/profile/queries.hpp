#pragma once
// SQL of the profile, addresses and privacy operations; the same text serves both dialects
// unless a constant says otherwise. Every statement on addresses names the owner
// (user_id = ?), so that another customer's id behaves as a missing one.
#include <string_view>

namespace moderno::accounts::profile::sql {

// ---- users ----

inline constexpr std::string_view kProfile =
    "SELECT id, email, name, phone, role, email_verified, is_active, password_changed_at, "
    "created_at, updated_at, locale FROM users WHERE id = ?";

inline constexpr std::string_view kEmail = "SELECT email FROM users WHERE id = ?";

inline constexpr std::string_view kPasswordHash =
    "SELECT password_hash FROM users WHERE id = ? AND is_active = 1";

inline constexpr std::string_view kUpdateName =
    "UPDATE users SET name = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?";

inline constexpr std::string_view kUpdateLocale =
    "UPDATE users SET locale = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?";

inline constexpr std::string_view kUpdatePhone =
    "UPDATE users SET phone = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?";

// Serialises the address writes of one user (count limit, default switching). SQLite has a
// single writer already, so a plain read is enough there.
inline constexpr std::string_view kLockUserSqlite = "SELECT id FROM users WHERE id = ?";
inline constexpr std::string_view kLockUserMysql = "SELECT id FROM users WHERE id = ? FOR UPDATE";

// Erasure: the row stays (orders will reference it) with nothing personal left. The password
// hash condition makes the erasure fail if the password changed since it was verified;
// token_version + 1 kills every access token already issued.
inline constexpr std::string_view kAnonymiseUser =
    "UPDATE users SET email = ?, name = ?, phone = NULL, password_hash = ?, is_active = 0, "
    "email_verified = 0, token_version = token_version + 1, updated_at = CURRENT_TIMESTAMP "
    "WHERE id = ? AND password_hash = ?";

// SQLite keeps deleted and overwritten bytes in free page space unless told to zero them; an
// erasure must not leave the old email readable in the database file. The setting belongs to
// the connection (the writer), so it stays on for later writes too.
inline constexpr std::string_view kSecureDeleteSqlite = "PRAGMA secure_delete = ON";

// ---- addresses ----

inline constexpr std::string_view kSelectAddresses =
    "SELECT id, user_id, label, recipient_name, street, number, apartment, comuna, city, region, "
    "postal_code, country, phone, is_default_shipping, is_default_billing, created_at, updated_at "
    "FROM addresses";

inline constexpr std::string_view kAddressesOfUser = " WHERE user_id = ? ORDER BY id";

inline constexpr std::string_view kAddressOfUser = " WHERE id = ? AND user_id = ?";

inline constexpr std::string_view kCountAddresses =
    "SELECT COUNT(*) FROM addresses WHERE user_id = ?";

inline constexpr std::string_view kInsertAddress =
    "INSERT INTO addresses (user_id, label, recipient_name, street, number, apartment, comuna, "
    "city, region, postal_code, country, phone, is_default_shipping, is_default_billing) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

inline constexpr std::string_view kUpdateAddress =
    "UPDATE addresses SET label = ?, recipient_name = ?, street = ?, number = ?, apartment = ?, "
    "comuna = ?, city = ?, region = ?, postal_code = ?, country = ?, phone = ?, "
    "is_default_shipping = ?, is_default_billing = ?, updated_at = CURRENT_TIMESTAMP "
    "WHERE id = ? AND user_id = ?";

// A new default clears the old one; `id <> ?` keeps the address being saved.
inline constexpr std::string_view kClearDefaultShipping =
    "UPDATE addresses SET is_default_shipping = 0, updated_at = CURRENT_TIMESTAMP "
    "WHERE user_id = ? AND id <> ? AND is_default_shipping = 1";
inline constexpr std::string_view kClearDefaultBilling =
    "UPDATE addresses SET is_default_billing = 0, updated_at = CURRENT_TIMESTAMP "
    "WHERE user_id = ? AND id <> ? AND is_default_billing = 1";

inline constexpr std::string_view kDeleteAddress =
    "DELETE FROM addresses WHERE id = ? AND user_id = ?";

inline constexpr std::string_view kDeleteAddressesOfUser =
    "DELETE FROM addresses WHERE user_id = ?";

// ---- other rows about the user (export and erasure) ----

inline constexpr std::string_view kReviewsOfUser =
    "SELECT r.id, r.product_id, p.name, r.order_id, r.rating, r.title, r.comment, "
    "r.is_verified_purchase, r.status, r.helpful_count, r.created_at, r.updated_at "
    "FROM reviews r JOIN products p ON p.id = r.product_id WHERE r.user_id = ? ORDER BY r.id";

// Sessions and account security (migration 0002): never the token or password hashes.
inline constexpr std::string_view kSessionsOfUser =
    "SELECT created_at, expires_at, used_at, revoked_at, ip, user_agent FROM refresh_tokens "
    "WHERE user_id = ? ORDER BY id";
inline constexpr std::string_view kLoginAttemptsOfUser =
    "SELECT created_at, ip, succeeded FROM login_attempts WHERE user_id = ? OR email = ? "
    "ORDER BY id";
inline constexpr std::string_view kEmailTokensOfUser =
    "SELECT purpose, created_at, expires_at, used_at FROM email_tokens WHERE user_id = ? "
    "ORDER BY id";
inline constexpr std::string_view kPasswordHistoryOfUser =
    "SELECT created_at FROM password_history WHERE user_id = ? ORDER BY id";
inline constexpr std::string_view kRevokedTokensOfUser =
    "SELECT expires_at FROM revoked_tokens WHERE user_id = ? ORDER BY expires_at";

// The audit log (migration 0003): what the user did, and what staff did to the account
// (without naming the staff member).
inline constexpr std::string_view kAuditByUser =
    "SELECT action, entity, entity_id, details, ip, created_at FROM audit_log "
    "WHERE actor_user_id = ? ORDER BY id";
inline constexpr std::string_view kAuditAboutUser =
    "SELECT action, entity, entity_id, details, created_at FROM audit_log "
    "WHERE entity = 'user' AND entity_id = ? AND (actor_user_id IS NULL OR actor_user_id <> ?) "
    "ORDER BY id";

// Erasure. revoked_tokens stay until they expire: they hold no personal data and still
// reject the revoked access tokens.
inline constexpr std::string_view kDeleteRefreshTokens =
    "DELETE FROM refresh_tokens WHERE user_id = ?";
inline constexpr std::string_view kDeleteEmailTokens = "DELETE FROM email_tokens WHERE user_id = ?";
inline constexpr std::string_view kDeletePasswordHistory =
    "DELETE FROM password_history WHERE user_id = ?";
inline constexpr std::string_view kDeleteLoginAttempts =
    "DELETE FROM login_attempts WHERE user_id = ? OR email = ?";

// ---- key rotation: every encrypted column, a page at a time in id order ----

inline constexpr std::string_view kUserPhonesPage =
    "SELECT id, phone FROM users WHERE id > ? AND phone IS NOT NULL ORDER BY id LIMIT 500";
// updated_at is assigned to itself so that MySQL's ON UPDATE does not touch it: a new key is
// not a change of the customer's data.
inline constexpr std::string_view kSetUserPhone =
    "UPDATE users SET phone = ?, updated_at = updated_at WHERE id = ?";

inline constexpr std::string_view kAddressSecretsPage =
    "SELECT id, recipient_name, street, number, apartment, phone FROM addresses WHERE id > ? "
    "ORDER BY id LIMIT 500";
inline constexpr std::string_view kSetAddressSecrets =
    "UPDATE addresses SET recipient_name = ?, street = ?, number = ?, apartment = ?, phone = ?, "
    "updated_at = updated_at WHERE id = ?";

}  // namespace moderno::accounts::profile::sql
