#pragma once
// Password hashing (argon2id, libsodium interactive limits) and the password policy (seed 7.2).
#include <string>
#include <vector>

#include "platform/error.hpp"

namespace moderno::accounts {

// Every rule the password breaks (empty when it is acceptable), as field errors on `field`.
std::vector<FieldError> CheckPasswordPolicy(const std::string& password,
                                            const std::string& field = "password");

// An argon2id hash string (includes salt and parameters).
std::string HashPassword(const std::string& password);

// True when the password matches the hash; constant-time in the password.
bool VerifyPassword(const std::string& hash, const std::string& password);

}  // namespace moderno::accounts
