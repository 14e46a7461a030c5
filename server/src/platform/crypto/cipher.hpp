#pragma once
// Encryption of personal data at rest (libsodium XChaCha20-Poly1305 AEAD) and the small
// hashing and encoding helpers tokens need.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/error.hpp"

namespace moderno::crypto {

// A 32-byte key for AEAD encryption of PII.
class Cipher {
 public:
  // From ENCRYPTION_KEY: 32 bytes in standard base64. kInvalidArgument otherwise.
  static Result<Cipher> FromBase64Key(std::string_view key_b64);
  // A new random key, base64 (what the embedded default writes into the data dir).
  static std::string NewBase64Key();

  // "v1:" + base64(nonce || ciphertext || tag). Each call uses a fresh random nonce.
  std::string Encrypt(std::string_view plaintext) const;
  // The plaintext, or kInternal when the text was not produced with this key (or tampered).
  Result<std::string> Decrypt(std::string_view ciphertext) const;

 private:
  std::array<unsigned char, 32> key_{};
};

// Reads a secret from `path`, or creates it with `make()` (mode 0600) when missing.
Result<std::string> LoadOrCreateSecret(const std::string& path, std::string (*make)());
// Writes a secret file atomically with mode 0600.
Result<void> WriteSecret(const std::string& path, const std::string& value);

// Random bytes, base64url without padding (tokens, ids).
std::string RandomToken(std::size_t bytes = 32);
// SHA-256 of data, lower-case hex (tokens are stored hashed).
std::string Sha256Hex(std::string_view data);
// HMAC-SHA256 of data with key (raw 32 bytes out).
std::string HmacSha256(std::string_view key, std::string_view data);
// Constant-time comparison of equal-length strings.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

std::string Base64UrlEncode(std::string_view data);
Result<std::string> Base64UrlDecode(std::string_view text);
std::string Base64Encode(std::string_view data);
Result<std::string> Base64Decode(std::string_view text);

}  // namespace moderno::crypto
