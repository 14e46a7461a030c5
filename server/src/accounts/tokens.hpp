#pragma once
// Access tokens: JWT signed with HS256. Only HS256 is accepted; "none" and every other
// algorithm are rejected before the signature is even looked at. The header names the signing
// key ("kid"), so a new secret can be rolled in while tokens signed with the previous ones stay
// valid until they expire.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

// The public id of a signing secret: 16 hex digits of SHA-256 over a label and the secret.
std::string KeyId(std::string_view secret);

// header.payload.signature, base64url; the header's "kid" is KeyId(secret).
std::string SignAccessToken(const AccessClaims& claims, std::string_view secret);

// The claims of a well-formed, correctly signed, unexpired HS256 token; kUnauthenticated with
// the reason otherwise. The token's kid picks `secret` or one of `previous` (secrets rolled
// out, still accepted); a token without a kid is checked against `secret`.
Result<AccessClaims> VerifyAccessToken(std::string_view token, std::string_view secret,
                                       std::int64_t now_unix, const std::vector<std::string>& previous = {});

}  // namespace moderno::accounts
