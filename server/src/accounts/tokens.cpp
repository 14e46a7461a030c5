#include "accounts/tokens.hpp"

#include <boost/json.hpp>

#include "platform/crypto/cipher.hpp"

namespace moderno::accounts {
namespace json = boost::json;

namespace {

std::unexpected<Error> Reject(std::string why) {
  return Fail(Errc::kUnauthenticated, "The access token is invalid: " + why + ".");
}

std::int64_t IntClaim(const json::object& o, const char* name, bool& ok) {
  auto it = o.find(name);
  if (it == o.end() || !it->value().is_int64()) {
    ok = false;
    return 0;
  }
  return it->value().as_int64();
}
}  // namespace

std::string KeyId(std::string_view secret) {
  return crypto::Sha256Hex("moderno-jwt-kid:" + std::string(secret)).substr(0, 16);
}

std::string SignAccessToken(const AccessClaims& c, std::string_view secret) {
  json::object payload{{"sub", std::to_string(c.user_id)}, {"role", c.role}, {"jti", c.jti},
                       {"iat", c.issued_at},                {"exp", c.expires_at}, {"ver", c.version}};
  const json::object header{{"alg", "HS256"}, {"typ", "JWT"}, {"kid", KeyId(secret)}};
  std::string signing_input = crypto::Base64UrlEncode(json::serialize(header)) + "." +
                              crypto::Base64UrlEncode(json::serialize(payload));
  return signing_input + "." + crypto::Base64UrlEncode(crypto::HmacSha256(secret, signing_input));
}

Result<AccessClaims> VerifyAccessToken(std::string_view token, std::string_view secret,
                                       std::int64_t now, const std::vector<std::string>& previous) {
  if (token.size() > 4096) return Reject("too long");
  const auto first = token.find('.');
  const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return Reject("not a JWT");
  }
  auto header_raw = crypto::Base64UrlDecode(token.substr(0, first));
  if (!header_raw) return Reject("bad header encoding");
  boost::system::error_code ec;
  json::value header = json::parse(*header_raw, ec);
  if (ec || !header.is_object()) return Reject("bad header");
  auto alg = header.as_object().find("alg");
  // The algorithm is fixed by the server, never chosen by the token.
  if (alg == header.as_object().end() || !alg->value().is_string() ||
      alg->value().as_string() != "HS256") {
    return Reject("algorithm not allowed");
  }
  // The key the header names: the current one, or a previous one still accepted.
  std::string_view key = secret;
  if (auto kid = header.as_object().find("kid"); kid != header.as_object().end()) {
    if (!kid->value().is_string()) return Reject("bad key id");
    const std::string wanted(kid->value().as_string());
    bool found = wanted == KeyId(secret);
    for (const auto& old : previous) {
      if (!found && wanted == KeyId(old)) {
        key = old;
        found = true;
      }
    }
    if (!found) return Reject("unknown signing key");
  }
  const std::string_view signing_input = token.substr(0, second);
  auto signature = crypto::Base64UrlDecode(token.substr(second + 1));
  if (!signature || !crypto::ConstantTimeEquals(*signature, crypto::HmacSha256(key, signing_input))) {
    return Reject("bad signature");
  }
  auto payload_raw = crypto::Base64UrlDecode(token.substr(first + 1, second - first - 1));
  if (!payload_raw) return Reject("bad payload encoding");
  json::value payload = json::parse(*payload_raw, ec);
  if (ec || !payload.is_object()) return Reject("bad payload");
  const json::object& p = payload.as_object();
  AccessClaims c;
  bool ok = true;
  c.issued_at = IntClaim(p, "iat", ok);
  c.expires_at = IntClaim(p, "exp", ok);
  c.version = IntClaim(p, "ver", ok);
  auto sub = p.find("sub");
  auto role = p.find("role");
  auto jti = p.find("jti");
  if (!ok || sub == p.end() || !sub->value().is_string() || role == p.end() ||
      !role->value().is_string() || jti == p.end() || !jti->value().is_string()) {
    return Reject("missing claims");
  }
  try {
    c.user_id = std::stoll(std::string(sub->value().as_string()));
  } catch (...) {
    return Reject("bad subject");
  }
  c.role = role->value().as_string();
  c.jti = jti->value().as_string();
  if (c.expires_at <= now) return Reject("expired");
  return c;
}

}  // namespace moderno::accounts
