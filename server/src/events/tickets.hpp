#pragma once
// Short-lived tickets for the browser's EventSource, which cannot send an Authorization header:
// the signed-in user asks for one (POST /api/v1/events/ticket) and opens
// GET /api/v1/events?ticket=... within its lifetime. A ticket is signed (HMAC-SHA256 with a key
// derived from the JWT secret, so any node can check it), says whom it is for and until when,
// is good for the event stream only, and is taken once: across nodes through the shared claim
// (Redis, when configured), else once per node (a used-nonce list, kept until the tickets
// expire). Tickets are never logged.
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "platform/error.hpp"
#include "platform/http/auth.hpp"

namespace moderno::events {

class TicketIssuer {
 public:
  using Now = std::function<std::chrono::system_clock::time_point()>;
  TicketIssuer(std::string secret, std::chrono::seconds ttl, Now now);

  // A new ticket for this principal.
  std::string Issue(const http::Principal& principal);
  // The principal of a valid, unexpired, unused ticket (using it up); kUnauthenticated otherwise.
  Result<http::Principal> Redeem(std::string_view ticket);
  std::chrono::seconds ttl() const { return ttl_; }
  // Claims a ticket's nonce for every node until it expires: true the first time, false when
  // already used, nullopt when the shared store cannot tell (then the node's list decides).
  using SharedClaim = std::function<std::optional<bool>(const std::string& nonce, std::int64_t ttl_seconds)>;
  // Installs the shared claim (before serving).
  void SetSharedClaim(SharedClaim claim) { shared_claim_ = std::move(claim); }

 private:
  std::string Sign(std::string_view payload) const;

  std::string key_;
  std::chrono::seconds ttl_;
  Now now_;
  std::mutex mu_;
  std::unordered_map<std::string, std::int64_t> used_;  // nonce -> expiry (unix seconds)
  SharedClaim shared_claim_;
};

}  // namespace moderno::events
