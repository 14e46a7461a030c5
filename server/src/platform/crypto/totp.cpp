#include "platform/crypto/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include "platform/crypto/cipher.hpp"

namespace moderno::crypto {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string Base32Encode(std::string_view data) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : data) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> Base32Decode(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char raw : text) {
    if (raw == ' ' || raw == '=' || raw == '-') continue;
    const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(raw)));
    const auto pos = kAlphabet.find(c);
    if (pos == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(pos);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

std::uint32_t Hotp(std::string_view key, std::uint64_t counter, int digits) {
  std::array<unsigned char, 8> msg{};
  for (int i = 7; i >= 0; --i) {
    msg[static_cast<std::size_t>(i)] = static_cast<unsigned char>(counter & 0xff);
    counter >>= 8;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int len = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), msg.data(), msg.size(), mac.data(), &len);
  const unsigned offset = mac[len - 1] & 0x0f;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t modulo = 1;
  for (int i = 0; i < digits; ++i) modulo *= 10;
  return binary % modulo;
}

std::int64_t TotpStep(std::int64_t unix_seconds, int period) { return unix_seconds / period; }

std::string TotpCode(std::string_view key, std::int64_t step, int digits) {
  std::string code = std::to_string(Hotp(key, static_cast<std::uint64_t>(step), digits));
  return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::optional<std::int64_t> VerifyTotp(std::string_view key, std::string_view code, std::int64_t unix_seconds,
                                       std::int64_t after_step, int window) {
  if (code.size() != static_cast<std::size_t>(kTotpDigits)) return std::nullopt;
  for (char c : code) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const std::int64_t now = TotpStep(unix_seconds);
  std::optional<std::int64_t> found;
  // Every candidate is computed and compared, so the time taken does not say which matched.
  for (std::int64_t step = now - window; step <= now + window; ++step) {
    const bool same = ConstantTimeEquals(TotpCode(key, step), code);
    if (same && step > after_step && !found) found = step;
  }
  return found;
}

std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view base32_secret) {
  const std::string i = PercentEncode(issuer);
  return "otpauth://totp/" + i + ":" + PercentEncode(account) + "?secret=" + std::string(base32_secret) +
         "&issuer=" + i + "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) +
         "&period=" + std::to_string(kTotpPeriodSeconds);
}

}  // namespace moderno::crypto
