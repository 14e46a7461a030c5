#include "platform/http/client_ip.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace moderno::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The address bytes of an IPv4 or IPv6 literal; IPv4-mapped IPv6 becomes IPv4.
std::optional<std::vector<std::uint8_t>> ParseIp(std::string_view text) {
  std::string s(Trim(text));
  if (s.size() > 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  unsigned char buf[16];
  if (inet_pton(AF_INET, s.c_str(), buf) == 1) return std::vector<std::uint8_t>(buf, buf + 4);
  if (inet_pton(AF_INET6, s.c_str(), buf) == 1) {
    static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(kMapped, kMapped + 12, buf)) return std::vector<std::uint8_t>(buf + 12, buf + 16);
    return std::vector<std::uint8_t>(buf, buf + 16);
  }
  return std::nullopt;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(std::string_view csv) {
  TrustedProxies out;
  while (!csv.empty()) {
    auto comma = csv.find(',');
    std::string_view item = Trim(csv.substr(0, comma));
    csv = comma == std::string_view::npos ? std::string_view() : csv.substr(comma + 1);
    if (item.empty()) continue;
    auto slash = item.find('/');
    auto ip = ParseIp(item.substr(0, slash));
    if (!ip) return Fail(Errc::kInvalidArgument, "TRUSTED_PROXIES: '" + std::string(item) + "' is not an address or CIDR");
    Network n{*ip, static_cast<int>(ip->size() * 8)};
    if (slash != std::string_view::npos) {
      std::string_view bits = item.substr(slash + 1);
      int prefix = -1;
      auto [p, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
      if (ec != std::errc() || p != bits.data() + bits.size() || prefix < 0 ||
          prefix > static_cast<int>(ip->size() * 8)) {
        return Fail(Errc::kInvalidArgument, "TRUSTED_PROXIES: bad prefix in '" + std::string(item) + "'");
      }
      n.prefix = prefix;
    }
    out.networks_.push_back(std::move(n));
  }
  return out;
}

bool TrustedProxies::Contains(std::string_view text) const {
  auto ip = ParseIp(text);
  if (!ip) return false;
  for (const Network& n : networks_) {
    if (n.bytes.size() != ip->size()) continue;
    int bits = n.prefix;
    bool match = true;
    for (std::size_t i = 0; i < ip->size() && bits > 0 && match; ++i, bits -= 8) {
      const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
      match = ((*ip)[i] & mask) == (n.bytes[i] & mask);
    }
    if (match) return true;
  }
  return false;
}

std::string ClientIp(std::string_view peer, std::optional<std::string_view> forwarded_for,
                     const TrustedProxies& trusted) {
  if (!forwarded_for || trusted.empty() || !trusted.Contains(peer)) return std::string(peer);
  // Walk from the right: each hop appended the address it saw; stop at the first that is not
  // one of ours. Addresses further left were written by the client and cannot be trusted.
  std::string_view list = *forwarded_for;
  std::string candidate(peer);
  while (!list.empty()) {
    auto comma = list.rfind(',');
    std::string_view item = Trim(comma == std::string_view::npos ? list : list.substr(comma + 1));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(0, comma);
    if (!ParseIp(item)) break;
    candidate = std::string(item);
    if (!trusted.Contains(item)) break;
  }
  return candidate;
}

}  // namespace moderno::http
