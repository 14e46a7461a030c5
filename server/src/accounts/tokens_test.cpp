#include "accounts/tokens.hpp"

#include <gtest/gtest.h>

#include "platform/crypto/cipher.hpp"

namespace moderno::accounts {
namespace {

const std::string kSecret = "0123456789abcdef0123456789abcdef";

AccessClaims Claims() { return {42, "admin", "jti-1", 1000, 4600, 3}; }

TEST(AccessToken, RoundTrips) {
  auto token = SignAccessToken(Claims(), kSecret);
  auto c = VerifyAccessToken(token, kSecret, 2000);
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->user_id, 42);
  EXPECT_EQ(c->role, "admin");
  EXPECT_EQ(c->jti, "jti-1");
  EXPECT_EQ(c->version, 3);
}

TEST(AccessToken, RejectsExpiredTamperedAndOtherKeys) {
  auto token = SignAccessToken(Claims(), kSecret);
  EXPECT_FALSE(VerifyAccessToken(token, kSecret, 4600));
  EXPECT_FALSE(VerifyAccessToken(token, std::string(32, 'x'), 2000));
  // A payload edited to claim super_admin keeps the old signature: rejected.
  auto parts_end = token.find('.', token.find('.') + 1);
  std::string payload = R"({"sub":"42","role":"super_admin","jti":"jti-1","iat":1000,"exp":4600,"ver":3})";
  std::string forged = token.substr(0, token.find('.') + 1) + crypto::Base64UrlEncode(payload) +
                       token.substr(parts_end);
  auto r = VerifyAccessToken(forged, kSecret, 2000);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::kUnauthenticated);
}

TEST(AccessToken, RejectsAlgNoneAndOtherAlgorithms) {
  std::string payload = crypto::Base64UrlEncode(
      R"({"sub":"42","role":"super_admin","jti":"j","iat":1000,"exp":4600,"ver":0})");
  for (const char* header : {R"({"alg":"none","typ":"JWT"})", R"({"alg":"HS512","typ":"JWT"})",
                             R"({"alg":"RS256","typ":"JWT"})", R"({"typ":"JWT"})"}) {
    std::string t = crypto::Base64UrlEncode(header) + "." + payload + ".";
    EXPECT_FALSE(VerifyAccessToken(t, kSecret, 2000)) << header;
    // Even "signed" with the right HMAC, a non-HS256 header is refused.
    std::string input = crypto::Base64UrlEncode(header) + "." + payload;
    std::string signed_t = input + "." + crypto::Base64UrlEncode(crypto::HmacSha256(kSecret, input));
    EXPECT_FALSE(VerifyAccessToken(signed_t, kSecret, 2000)) << header;
  }
  EXPECT_FALSE(VerifyAccessToken("garbage", kSecret, 2000));
  EXPECT_FALSE(VerifyAccessToken("a.b.c.d", kSecret, 2000));
}

}  // namespace
}  // namespace moderno::accounts
