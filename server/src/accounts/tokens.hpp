#pragma once
// Access tokens: JWT signed with HS256. Only HS256 is accepted; "none" and every other
// algorithm are rejected before the signature is even looked at.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/error.hpp"

namespace moderno::accounts {

struct AccessClaims {
  std::int64_t user_id = 0;  // "sub"
  std::string role;
  std::string jti;
  std::int64_t issued_at = 0;   // "iat", unix seconds
  std::int64_t expires_at = 0;  // "exp"
  std::int64_t version = 0;     // "ver": users.token_version when issued
};

// header.payload.signature, base64url.
std::string SignAccessToken(const AccessClaims& claims, std::string_view secret);

// The claims of a well-formed, correctly signed, unexpired HS256 token; kUnauthenticated with
// the reason otherwise.
Result<AccessClaims> VerifyAccessToken(std::string_view token, std::string_view secret,
                                       std::int64_t now_unix);

}  // namespace moderno::accounts
