#pragma once
// Where Redis is: REDIS_URL, "redis://[[user]:password@]host[:port][/db]".
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/error.hpp"

namespace moderno::redis {

// A parsed REDIS_URL.
struct Endpoint {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string user;      // Redis 6 ACL user; empty: the default user
  std::string password;  // empty: no AUTH
  int db = 0;            // SELECT after connecting
  // host:port, for logs and /health/detailed (never the password).
  std::string Describe() const { return host + ":" + std::to_string(port); }
};

// Parses a redis:// URL (percent-escapes in the password are decoded); kInvalidArgument with
// the reason otherwise.
Result<Endpoint> ParseUrl(std::string_view url);

}  // namespace moderno::redis
