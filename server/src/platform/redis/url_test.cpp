#include "platform/redis/url.hpp"

#include <gtest/gtest.h>

namespace moderno::redis {
namespace {

TEST(RedisUrl, HostAndPortWithDefaults) {
  auto e = ParseUrl("redis://10.0.0.5");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->host, "10.0.0.5");
  EXPECT_EQ(e->port, 6379);
  EXPECT_EQ(e->db, 0);
  EXPECT_TRUE(e->password.empty());
  auto p = ParseUrl("redis://cache.internal:6380/");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->host, "cache.internal");
  EXPECT_EQ(p->port, 6380);
  EXPECT_EQ(p->Describe(), "cache.internal:6380");
}

TEST(RedisUrl, PasswordUserAndDatabase) {
  auto e = ParseUrl("redis://:s3cr%40t@127.0.0.1:6379/2");
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->user.empty());
  EXPECT_EQ(e->password, "s3cr@t");
  EXPECT_EQ(e->db, 2);
  EXPECT_EQ(e->Describe().find("s3cr"), std::string::npos) << "never the password";
  auto u = ParseUrl("redis://tienda:clave@[::1]:7000/15");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->user, "tienda");
  EXPECT_EQ(u->password, "clave");
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->port, 7000);
  EXPECT_EQ(u->db, 15);
}

TEST(RedisUrl, RefusesWhatItCannotUse) {
  for (const char* bad : {"", "localhost:6379", "rediss://host:6379", "unix:///tmp/redis.sock", "redis://",
                          "redis://:6379", "redis://host:0", "redis://host:65536", "redis://host:port",
                          "redis://host/16", "redis://host/x", "redis://host?timeout=1", "redis://user@host",
                          "redis://:@host", "redis://:%zz@host"}) {
    auto e = ParseUrl(bad);
    EXPECT_FALSE(e) << bad;
    if (!e) {
      EXPECT_EQ(e.error().code, Errc::kInvalidArgument) << bad;
    }
  }
}

}  // namespace
}  // namespace moderno::redis
