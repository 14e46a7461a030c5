#include "platform/http/cookies.hpp"

#include <gtest/gtest.h>

namespace moderno::http {
namespace {

TEST(Cookies, FindsTheNamedCookieAmongOthers) {
  EXPECT_EQ(CookieValue("theme=dark; cart_token=abc123; session=x", "cart_token"), "abc123");
  EXPECT_EQ(CookieValue("cart_token=abc123", "cart_token"), "abc123");
  EXPECT_EQ(CookieValue("a=1;cart_token=;b=2", "cart_token"), "");
}

TEST(Cookies, NeedsTheWholeNameBeforeTheEqualsSign) {
  EXPECT_EQ(CookieValue("cart_token_old=1; xcart_token=2", "cart_token"), std::nullopt);
  EXPECT_EQ(CookieValue("cart_token", "cart_token"), std::nullopt);
  EXPECT_EQ(CookieValue("", "cart_token"), std::nullopt);
  EXPECT_EQ(CookieValue("cart_token_old=1; cart_token=2; cart_token=3", "cart_token"), "2");
}

}  // namespace
}  // namespace moderno::http
