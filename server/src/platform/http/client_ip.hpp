#pragma once
// The client's address: the socket peer, or, when the peer is a trusted proxy (nginx in front
// of the nodes), the right-most address of X-Forwarded-For that is not itself trusted.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"

namespace moderno::http {

// A set of IPv4/IPv6 addresses and CIDR networks (TRUSTED_PROXIES).
class TrustedProxies {
 public:
  // Parses "10.0.0.1, 192.168.0.0/16, ::1"; an empty string trusts nobody.
  static Result<TrustedProxies> Parse(std::string_view csv);
  bool Contains(std::string_view ip) const;
  bool empty() const { return networks_.empty(); }

 private:
  struct Network {
    std::vector<std::uint8_t> bytes;  // 4 or 16
    int prefix = 0;
  };
  std::vector<Network> networks_;
};

// The client address for a request from `peer` carrying `forwarded_for`.
std::string ClientIp(std::string_view peer, std::optional<std::string_view> forwarded_for,
                     const TrustedProxies& trusted);

}  // namespace moderno::http
