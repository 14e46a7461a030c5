#pragma once
// One-time passwords for two-factor sign-in: HOTP (RFC 4226) and TOTP (RFC 6238) with
// HMAC-SHA1, 6 digits and 30-second steps, as every authenticator app reads them from an
// otpauth:// URI; and RFC 4648 base32, the form secrets take in those URIs.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace moderno::crypto {

inline constexpr int kTotpPeriodSeconds = 30;
inline constexpr int kTotpDigits = 6;

// Base32 (RFC 4648 alphabet) without padding.
std::string Base32Encode(std::string_view data);
// Decodes base32; case, spaces and '=' padding are ignored. nullopt on any other character.
std::optional<std::string> Base32Decode(std::string_view text);

// The HOTP value of `counter` under `key`, as a number of `digits` digits (leading zeros are
// the caller's to print).
std::uint32_t Hotp(std::string_view key, std::uint64_t counter, int digits = kTotpDigits);
// The TOTP time step of a unix time.
std::int64_t TotpStep(std::int64_t unix_seconds, int period = kTotpPeriodSeconds);
// The code for a step, zero-padded to `digits`.
std::string TotpCode(std::string_view key, std::int64_t step, int digits = kTotpDigits);
// The step whose code `code` is, looking `window` steps either side of now (clock drift), and
// only at steps after `after_step` (a code is used once). nullopt when none matches or `code`
// is not `digits` digits. The comparison is constant-time.
std::optional<std::int64_t> VerifyTotp(std::string_view key, std::string_view code, std::int64_t unix_seconds,
                                       std::int64_t after_step, int window = 1);
// otpauth://totp/<issuer>:<account>?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view base32_secret);

}  // namespace moderno::crypto
