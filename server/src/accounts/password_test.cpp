#include "accounts/password.hpp"

#include <gtest/gtest.h>

namespace moderno::accounts {
namespace {

TEST(PasswordPolicy, ListsEveryUnmetRule) {
  auto errors = CheckPasswordPolicy("abc");
  std::vector<std::string> codes;
  for (const auto& e : errors) codes.push_back(e.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"too_short", "missing_uppercase", "missing_digit",
                                             "missing_symbol"}));
  EXPECT_TRUE(CheckPasswordPolicy("Secreto#2026").empty());
}

TEST(PasswordHash, IsArgon2idAndVerifies) {
  const std::string hash = HashPassword("Secreto#2026");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(hash, "Secreto#2026"));
  EXPECT_FALSE(VerifyPassword(hash, "Secreto#2027"));
  EXPECT_NE(HashPassword("Secreto#2026"), hash);  // salted
}

}  // namespace
}  // namespace moderno::accounts
