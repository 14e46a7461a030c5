#pragma once
// Who is calling and who may call a route: roles, the authenticated principal, route access
// rules, and the interfaces that the accounts domain (tokens) and the rate limiter implement.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/error.hpp"

namespace moderno::http {

// Roles, least to most privileged; comparisons follow privilege.
enum class Role { kCustomer = 0, kManager = 1, kAdmin = 2, kSuperAdmin = 3 };

std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

// The caller behind a valid access token.
struct Principal {
  std::int64_t user_id = 0;
  Role role = Role::kCustomer;
  std::string jti;
  std::int64_t expires_at = 0;  // unix seconds
  bool password_change_required = false;
  // The second factor is required for this role (STAFF_2FA=required) and not set up yet.
  bool two_factor_setup_required = false;
};

// Who may call a route.
struct Access {
  enum class Kind { kPublic, kOptional, kAuthenticated };
  Kind kind = Kind::kPublic;
  Role min_role = Role::kCustomer;
  // Staff whose password expired may still call this route (changing the password, logout).
  bool allow_expired_password = false;
  // Staff who must still set up two-factor sign-in may call this route (its setup, logout).
  bool allow_without_two_factor = false;
};

// Anyone.
inline Access Public() { return {}; }
// Anyone; a token, when sent, must be valid and sets the principal.
inline Access OptionalAuth() { return {Access::Kind::kOptional, Role::kCustomer}; }
// Any signed-in user.
inline Access SignedIn() { return {Access::Kind::kAuthenticated, Role::kCustomer}; }
// Staff with at least `role`.
inline Access Staff(Role role) { return {Access::Kind::kAuthenticated, role}; }

// Verifies bearer tokens (implemented by the accounts domain).
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // The principal for a token, or kUnauthenticated with the reason in `detail`.
  virtual Result<Principal> Authenticate(std::string_view token) = 0;
};

// A rate-limit rule: `limit` requests per `window`.
struct RatePolicy {
  int limit = 0;
  std::chrono::seconds window{0};
};

// The answer of a rate limiter for one request.
struct RateDecision {
  bool allowed = true;
  int limit = 0;
  int remaining = 0;
  std::chrono::seconds reset{0};        // until the bucket is full again
  std::chrono::seconds retry_after{0};  // when refused
};

// Counts requests per key (in-process now; Redis when configured).
class RateLimiter {
 public:
  virtual ~RateLimiter() = default;
  virtual RateDecision Hit(const std::string& key, const RatePolicy& policy) = 0;
  // True when Hit may wait on the network (Redis): the pipeline then counts limited requests
  // on a worker, never on an I/O thread.
  virtual bool Blocks() const { return false; }
};

}  // namespace moderno::http
