#pragma once
// Users: the table exists from the foundation on; staff accounts are created from the CLI.
#include <cstdint>
#include <string>

#include "platform/db/db.hpp"

namespace moderno::accounts {

// The roles, least to most privileged.
inline constexpr const char* kRoles[] = {"customer", "manager", "admin", "super_admin"};

struct NewUser {
  std::string email;
  std::string password;
  std::string name;
  std::string role = "customer";
  bool email_verified = false;  // staff created by an operator are trusted
};

// Lower-cases and trims an email address.
std::string NormalizeEmail(const std::string& email);

// Validates and inserts a user with an argon2id hash; returns the new id.
// 422 for a bad email, name, role or weak password; 409 when the email is taken.
Result<std::int64_t> CreateUser(db::Database& db, const NewUser& user);

}  // namespace moderno::accounts
