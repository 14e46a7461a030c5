#include "platform/crypto/totp.hpp"

#include <gtest/gtest.h>

namespace moderno::crypto {
namespace {

// RFC 6238 appendix B, SHA-1 rows: the 20-byte ASCII key "12345678901234567890", 8 digits.
TEST(Totp, Rfc6238Sha1Vectors) {
  const std::string key = "12345678901234567890";
  const std::pair<std::int64_t, const char*> rows[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& [t, want] : rows) EXPECT_EQ(TotpCode(key, TotpStep(t), 8), want) << t;
}

// RFC 4226 appendix D: HOTP values of counters 0..9, 6 digits.
TEST(Totp, Rfc4226HotpVectors) {
  const std::uint32_t want[] = {755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489};
  for (std::uint64_t i = 0; i < 10; ++i) EXPECT_EQ(Hotp("12345678901234567890", i), want[i]) << i;
}

TEST(Totp, Base32RoundTripAndRfc4648Vectors) {
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(Base32Encode("f"), "MY");
  EXPECT_EQ(*Base32Decode("mzxw 6ytb oi======"), "foobar");
  EXPECT_FALSE(Base32Decode("MZXW1").has_value());  // '1' is not in the alphabet
  const std::string bytes("\x00\xff\x10\x80\x7f secret", 12);
  EXPECT_EQ(*Base32Decode(Base32Encode(bytes)), bytes);
}

TEST(Totp, VerifyAcceptsOneStepOfDriftAndNeverTheSameStepTwice) {
  const std::string key = "12345678901234567890";
  const std::int64_t now = 1111111111;
  const std::int64_t step = TotpStep(now);
  EXPECT_EQ(VerifyTotp(key, TotpCode(key, step), now, 0), step);
  EXPECT_EQ(VerifyTotp(key, TotpCode(key, step - 1), now, 0), step - 1);
  EXPECT_EQ(VerifyTotp(key, TotpCode(key, step + 1), now, 0), step + 1);
  EXPECT_FALSE(VerifyTotp(key, TotpCode(key, step - 2), now, 0));
  EXPECT_FALSE(VerifyTotp(key, TotpCode(key, step), now, step));  // already used
  EXPECT_FALSE(VerifyTotp(key, "12345", now, 0));
  EXPECT_FALSE(VerifyTotp(key, "12a456", now, 0));
}

TEST(Totp, OtpauthUriNamesIssuerAndAccount) {
  EXPECT_EQ(OtpauthUri("Moderno Shop", "ana@tienda.cl", "ABC"),
            "otpauth://totp/Moderno%20Shop:ana@tienda.cl?secret=ABC&issuer=Moderno%20Shop&algorithm=SHA1"
            "&digits=6&period=30");
}

}  // namespace
}  // namespace moderno::crypto
