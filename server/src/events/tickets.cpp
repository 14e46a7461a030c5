#include "events/tickets.hpp"

#include <charconv>
#include <vector>

#include "platform/crypto/cipher.hpp"

namespace moderno::events {

namespace {
constexpr std::string_view kPurpose = "moderno.events.ticket.v1:";

bool ParseInt(std::string_view s, std::int64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto at = s.find(sep, start);
    parts.push_back(s.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

std::unexpected<Error> Refused() {
  return Fail(Errc::kUnauthenticated, "The event ticket is not valid or has expired; ask for a new one.");
}
}  // namespace

TicketIssuer::TicketIssuer(std::string secret, std::chrono::seconds ttl, Now now)
    : key_(crypto::HmacSha256(secret, "moderno events ticket key")), ttl_(ttl), now_(std::move(now)) {}

std::string TicketIssuer::Sign(std::string_view payload) const {
  return crypto::Base64UrlEncode(crypto::HmacSha256(key_, std::string(kPurpose) + std::string(payload)));
}

std::string TicketIssuer::Issue(const http::Principal& principal) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(now_().time_since_epoch()).count();
  const std::string payload = std::to_string(principal.user_id) + "." +
                              std::to_string(static_cast<int>(principal.role)) + "." +
                              std::to_string(now + ttl_.count()) + "." + crypto::RandomToken(12);
  return payload + "." + Sign(payload);
}

Result<http::Principal> TicketIssuer::Redeem(std::string_view ticket) {
  const auto parts = Split(ticket, '.');
  if (parts.size() != 5 || ticket.size() > 256) return Refused();
  const std::string_view payload = ticket.substr(0, ticket.rfind('.'));
  if (!crypto::ConstantTimeEquals(Sign(payload), parts[4])) return Refused();
  std::int64_t user_id = 0, role = 0, expires = 0;
  if (!ParseInt(parts[0], user_id) || !ParseInt(parts[1], role) || !ParseInt(parts[2], expires) ||
      role < 0 || role > static_cast<int>(http::Role::kSuperAdmin)) {
    return Refused();
  }
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(now_().time_since_epoch()).count();
  if (expires <= now) return Refused();
  std::optional<bool> first;
  if (shared_claim_) first = shared_claim_(std::string(parts[3]), expires - now);
  if (first && !*first) return Refused();
  {
    // Kept here too, so that the ticket stays used on this node if the shared store goes away.
    std::lock_guard lock(mu_);
    std::erase_if(used_, [now](const auto& kv) { return kv.second <= now; });
    const bool fresh = used_.emplace(std::string(parts[3]), expires).second;
    if (!first && !fresh) return Refused();
  }
  http::Principal p;
  p.user_id = user_id;
  p.role = static_cast<http::Role>(role);
  p.expires_at = expires;
  return p;
}

}  // namespace moderno::events
