#pragma once
// SQL of the staff user management (the same on both dialects).
#include <string_view>

namespace moderno::accounts::admin_sql {

inline constexpr std::string_view kColumns =
    "SELECT id, email, name, role, is_active, email_verified, created_at, updated_at FROM users";
inline constexpr std::string_view kCount = "SELECT COUNT(*) FROM users";
inline constexpr std::string_view kWhereId = " WHERE id = ?";
inline constexpr std::string_view kPageOrder = " ORDER BY id LIMIT ? OFFSET ?";
inline constexpr std::string_view kSetRole = "UPDATE users SET role = ?, updated_at = ? WHERE id = ?";
inline constexpr std::string_view kSetActive = "UPDATE users SET is_active = ?, updated_at = ? WHERE id = ?";

}  // namespace moderno::accounts::admin_sql
