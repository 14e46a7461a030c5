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

TEST(AccessToken, ANewKeyRollsInWhileOldKeyTokensStayValidUntilTheyExpire) {
  const std::string old_secret = std::string(40, 'o'), new_secret = std::string(40, 'n');
  const auto old_token = SignAccessToken(Claims(), old_secret);
  const auto header = crypto::Base64UrlDecode(old_token.substr(0, old_token.find('.')));
  ASSERT_TRUE(header);
  EXPECT_NE(header->find("\"kid\":\"" + KeyId(old_secret) + "\""), std::string::npos) << *header;
  EXPECT_NE(KeyId(old_secret), KeyId(new_secret));
  EXPECT_EQ(KeyId(old_secret).size(), 16u);
  // After the roll: signed with the new key; the old key's tokens verify by their kid.
  const std::vector<std::string> previous{old_secret};
  EXPECT_TRUE(VerifyAccessToken(SignAccessToken(Claims(), new_secret), new_secret, 2000, previous));
  auto still = VerifyAccessToken(old_token, new_secret, 2000, previous);
  ASSERT_TRUE(still) << still.error().detail;
  EXPECT_EQ(still->user_id, 42);
  EXPECT_FALSE(VerifyAccessToken(old_token, new_secret, 4600, previous)) << "until they expire";
  // Once the old key is dropped, its tokens are refused.
  auto dropped = VerifyAccessToken(old_token, new_secret, 2000);
  ASSERT_FALSE(dropped);
  EXPECT_NE(dropped.error().detail.find("unknown signing key"), std::string::npos);
  // A token naming one key but signed with another is refused.
  const std::string input = crypto::Base64UrlEncode(R"({"alg":"HS256","typ":"JWT","kid":")" + KeyId(new_secret) + "\"}") +
                            old_token.substr(old_token.find('.'), old_token.rfind('.') - old_token.find('.'));
  EXPECT_FALSE(VerifyAccessToken(input + "." + crypto::Base64UrlEncode(crypto::HmacSha256(old_secret, input)), new_secret,
                                 2000, previous));
  // A token from before kids (no "kid") is checked against the current key.
  const std::string legacy_input = crypto::Base64UrlEncode(R"({"alg":"HS256","typ":"JWT"})") +
                                   old_token.substr(old_token.find('.'), old_token.rfind('.') - old_token.find('.'));
  EXPECT_TRUE(VerifyAccessToken(legacy_input + "." + crypto::Base64UrlEncode(crypto::HmacSha256(new_secret, legacy_input)),
                                new_secret, 2000));
}

}  // namespace
}  // namespace moderno::accounts
