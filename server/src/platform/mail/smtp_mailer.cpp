#include <curl/curl.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "platform/mail/mailer.hpp"

namespace moderno::mail {
namespace {

void EnsureCurl() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl failed to initialise");
  });
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// The message handed to curl piece by piece.
struct Upload {
  const std::string* text;
  std::size_t offset = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, up->text->size() - up->offset);
  std::memcpy(buffer, up->text->data() + up->offset, n);
  up->offset += n;
  return n;
}

// Replaces every occurrence of the password, so no error text we keep can leak it.
std::string Scrub(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
    text.replace(pos, secret.size(), "[redacted]");
  }
  return text;
}

}  // namespace

SmtpMailer::SmtpMailer(SmtpOptions options) : options_(std::move(options)) {}

Result<void> SmtpMailer::Send(const Message& m) {
  auto built = BuildMime(m, options_.from, std::chrono::system_clock::now());
  if (!built) return std::unexpected(built.error());
  EnsureCurl();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Fail(Errc::kUnavailable, "", "curl_easy_init failed");
  CURL* h = curl.get();
  const std::string from = "<" + AddressOf(options_.from) + ">";
  const std::string to = "<" + AddressOf(m.to) + ">";
  std::unique_ptr<curl_slist, SlistDeleter> rcpt(curl_slist_append(nullptr, to.c_str()));
  Upload upload{&built->text};
  char error_text[CURL_ERROR_SIZE] = {};

  curl_easy_setopt(h, CURLOPT_URL, options_.url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#endif
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for timeouts: safe in threads
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, options_.timeout_ms);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, options_.timeout_ms);
  // Opportunistic STARTTLS unless required; smtps:// is TLS from the first byte either way.
  curl_easy_setopt(h, CURLOPT_USE_SSL, options_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
  if (!options_.user.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, options_.user.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, options_.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(built->text.size()));
  curl_easy_setopt(h, CURLOPT_READFUNCTION, &ReadUpload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(h, CURLOPT_PROXY, "");  // SMTP never goes through an HTTP proxy from the environment

  const CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK) {
    long response = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response);
    std::string why = error_text[0] ? error_text : curl_easy_strerror(rc);
    if (response) why += " (SMTP " + std::to_string(response) + ")";
    return Fail(Errc::kUnavailable, "", "SMTP send failed: " + Scrub(why, options_.password));
  }
  return {};
}

}  // namespace moderno::mail
