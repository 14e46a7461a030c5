#include "platform/crypto/cipher.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <cstring>
#include <sstream>
#include <stdexcept>

namespace moderno::crypto {
namespace {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  });
}

std::string Encode(std::string_view data, int variant) {
  std::string out(sodium_base64_encoded_len(data.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()),
                    data.size(), variant);
  out.resize(std::strlen(out.c_str()));
  return out;
}

Result<std::string> Decode(std::string_view text, int variant) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, nullptr, variant) != 0) {
    return Fail(Errc::kInvalidArgument, "not valid base64");
  }
  out.resize(len);
  return out;
}

constexpr std::string_view kPrefix = "v1:";

}  // namespace

std::string Base64UrlEncode(std::string_view data) {
  return Encode(data, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}
Result<std::string> Base64UrlDecode(std::string_view text) {
  return Decode(text, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}
std::string Base64Encode(std::string_view data) { return Encode(data, sodium_base64_VARIANT_ORIGINAL); }
Result<std::string> Base64Decode(std::string_view text) {
  return Decode(text, sodium_base64_VARIANT_ORIGINAL);
}

Result<Cipher> Cipher::FromBase64Key(std::string_view key_b64) {
  EnsureSodium();
  auto raw = Base64Decode(key_b64);
  if (!raw || raw->size() != 32) {
    return Fail(Errc::kInvalidArgument, "ENCRYPTION_KEY must be 32 bytes in base64");
  }
  Cipher c;
  std::copy(raw->begin(), raw->end(), c.key_.begin());
  sodium_memzero(raw->data(), raw->size());
  return c;
}

std::string Cipher::NewBase64Key() {
  EnsureSodium();
  unsigned char key[32];
  crypto_aead_xchacha20poly1305_ietf_keygen(key);
  std::string out = Base64Encode(std::string_view(reinterpret_cast<char*>(key), sizeof key));
  sodium_memzero(key, sizeof key);
  return out;
}

std::string Cipher::Encrypt(std::string_view plaintext) const {
  EnsureSodium();
  std::string box(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plaintext.size() +
                      crypto_aead_xchacha20poly1305_ietf_ABYTES,
                  '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &clen,
      reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(), nullptr, 0,
      nullptr, nonce, key_.data());
  return std::string(kPrefix) + Base64Encode(box);
}

Result<std::string> Cipher::Decrypt(std::string_view text) const {
  EnsureSodium();
  if (!text.starts_with(kPrefix)) return Fail(Errc::kInternal, "", "not an encrypted value");
  auto box = Base64Decode(text.substr(kPrefix.size()));
  constexpr std::size_t kOverhead =
      crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;
  if (!box || box->size() < kOverhead) return Fail(Errc::kInternal, "", "malformed encrypted value");
  const auto* nonce = reinterpret_cast<const unsigned char*>(box->data());
  std::string plain(box->size() - kOverhead, '\0');
  unsigned long long plen = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &plen, nullptr,
          nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
          box->size() - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, nullptr, 0, nonce,
          key_.data()) != 0) {
    return Fail(Errc::kInternal, "", "decryption failed: wrong key or tampered value");
  }
  plain.resize(plen);
  return plain;
}

Result<std::string> LoadOrCreateSecret(const std::string& path, std::string (*make)()) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string v = ss.str();
    while (!v.empty() && (v.back() == '\n' || v.back() == '\r' || v.back() == ' ')) v.pop_back();
    if (v.empty()) return Fail(Errc::kInternal, "", "secret file " + path + " is empty");
    return v;
  }
  const std::string v = make();
  if (auto w = WriteSecret(path, v); !w) return std::unexpected(w.error());
  return v;
}

Result<void> WriteSecret(const std::string& path, const std::string& value) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  // Written under a temporary name with mode 0600, then renamed: never readable by others,
  // never half-written.
  const std::string tmp = path + ".tmp";
  const mode_t old = umask(077);
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << value << "\n";
    if (!out) {
      umask(old);
      return Fail(Errc::kInternal, "", "cannot write " + tmp);
    }
  }
  umask(old);
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Fail(Errc::kInternal, "", "cannot create " + path + ": " + ec.message());
  return {};
}

std::string RandomToken(std::size_t bytes) {
  EnsureSodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return Base64UrlEncode(raw);
}

std::string Sha256Hex(std::string_view data) {
  EnsureSodium();
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  EnsureSodium();
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&st, out);
  return std::string(reinterpret_cast<char*>(out), sizeof out);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  EnsureSodium();
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace moderno::crypto
