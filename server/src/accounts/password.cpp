#include "accounts/password.hpp"

#include <sodium.h>

#include <cctype>
#include <mutex>
#include <stdexcept>

namespace moderno::accounts {
namespace {
void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  });
}
}  // namespace

std::vector<FieldError> CheckPasswordPolicy(const std::string& pw, const std::string& field) {
  std::vector<FieldError> out;
  bool upper = false, lower = false, digit = false, symbol = false;
  for (unsigned char c : pw) {
    if (std::isupper(c)) upper = true;
    else if (std::islower(c)) lower = true;
    else if (std::isdigit(c)) digit = true;
    else symbol = true;  // punctuation, spaces and non-ASCII letters all count as symbols
  }
  if (pw.size() < 8) out.push_back({field, "too_short", "must be at least 8 characters"});
  if (pw.size() > 256) out.push_back({field, "too_long", "must be at most 256 characters"});
  if (!upper) out.push_back({field, "missing_uppercase", "must contain an upper-case letter"});
  if (!lower) out.push_back({field, "missing_lowercase", "must contain a lower-case letter"});
  if (!digit) out.push_back({field, "missing_digit", "must contain a digit"});
  if (!symbol) out.push_back({field, "missing_symbol", "must contain a symbol"});
  return out;
}

std::string HashPassword(const std::string& password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id hashing ran out of memory");
  }
  return out;
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  EnsureSodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace moderno::accounts
