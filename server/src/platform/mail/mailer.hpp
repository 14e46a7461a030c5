#pragma once
// Outgoing mail. With SMTP configured (SMTP_URL) messages go to that server through libcurl;
// otherwise they are written as .eml files in the data dir's mail folder (one file per message,
// complete RFC 5322 text). Either way a message is multipart/alternative (text + HTML) when it
// has an HTML part, UTF-8, quoted-printable.
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "platform/error.hpp"

namespace moderno::mail {

struct Message {
  std::string to;       // one address: "ana@correo.cl" or "Ana <ana@correo.cl>"
  std::string subject;  // UTF-8, one line
  std::string text;     // the text/plain part
  std::string html;     // the text/html part; empty: a text-only message
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual Result<void> Send(const Message& message) = 0;
};

// The complete text of a message (headers, CRLF line ends) as BuildMime returns it.
struct Built {
  std::string message_id;  // without angle brackets
  std::string text;
};

// Builds the RFC 5322 text: From, To, Subject (RFC 2047 when not ASCII), Date, Message-ID,
// MIME-Version and the body (text/plain, or multipart/alternative with text/html), UTF-8 in
// quoted-printable. Refuses header values with line breaks (header injection).
Result<Built> BuildMime(const Message& message, const std::string& from, std::chrono::system_clock::time_point now);

// Quoted-printable (RFC 2045) of UTF-8 text; line ends become CRLF, lines at most 76 chars.
std::string QuotedPrintable(std::string_view text);
// A header value as RFC 2047 encoded words (UTF-8, base64) folded at 75-char words when it is
// not plain ASCII; unchanged otherwise.
std::string EncodeHeader(std::string_view value);
// The addr-spec of "Name <addr>" or "addr".
std::string AddressOf(std::string_view mailbox);

// Writes each message to <dir>/<time>-<random>.eml.
class FileMailer : public Mailer {
 public:
  FileMailer(std::filesystem::path dir, std::string from);
  Result<void> Send(const Message& message) override;

 private:
  std::filesystem::path dir_;
  std::string from_;
};

// SMTP settings (SMTP_URL, SMTP_USER, SMTP_PASSWORD, MAIL_FROM, SMTP_STARTTLS).
struct SmtpOptions {
  std::string url;  // smtp://host:port (STARTTLS when offered or required) or smtps://host:port
  std::string user, password;
  std::string from;
  bool require_tls = false;  // SMTP_STARTTLS=required: refuse to send in clear
  long timeout_ms = 15000;
};

// Sends each message through one SMTP connection (libcurl). Transport errors and refusals are
// kUnavailable, so a job retries them.
class SmtpMailer : public Mailer {
 public:
  explicit SmtpMailer(SmtpOptions options);
  Result<void> Send(const Message& message) override;

 private:
  SmtpOptions options_;
};

}  // namespace moderno::mail
