#include "platform/mail/mailer.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>

#include "platform/crypto/cipher.hpp"

namespace moderno::mail {
namespace {

bool PlainAscii(std::string_view s) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

bool HasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// "Name <addr>" with a non-ASCII name gets an encoded-word name; the address stays as is.
std::string EncodeMailbox(std::string_view mailbox) {
  const auto lt = mailbox.find('<');
  if (lt == std::string_view::npos) return std::string(mailbox);
  const std::string name = Trim(mailbox.substr(0, lt));
  std::string out = name.empty() ? "" : (PlainAscii(name) ? name : EncodeHeader(name)) + " ";
  return out + std::string(mailbox.substr(lt));
}

std::string DomainOf(std::string_view address) {
  const auto at = address.rfind('@');
  return at == std::string_view::npos || at + 1 >= address.size() ? "moderno.local"
                                                                   : std::string(address.substr(at + 1));
}

std::string RfcDate(std::chrono::system_clock::time_point now) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  // Day and month names by hand: strftime's %a/%b follow the process locale.
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char date[64];
  std::snprintf(date, sizeof date, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return date;
}

}  // namespace

std::string QuotedPrintable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t line_start = 0;
  while (line_start <= text.size()) {
    std::size_t end = text.find('\n', line_start);
    const bool last = end == std::string_view::npos;
    if (last) end = text.size();
    std::string_view line = text.substr(line_start, end - line_start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t width = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const auto c = static_cast<unsigned char>(line[i]);
      const bool at_end = i + 1 == line.size();
      std::string token;
      if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_end)) {
        token.assign(1, static_cast<char>(c));
      } else {
        token = {'=', kHex[c >> 4], kHex[c & 15]};
      }
      // A soft break keeps every line at most 76 characters including its trailing '='.
      if (width + token.size() > 75) {
        out += "=\r\n";
        width = 0;
      }
      out += token;
      width += token.size();
    }
    if (last) break;
    out += "\r\n";
    line_start = end + 1;
  }
  return out;
}

std::string EncodeHeader(std::string_view value) {
  if (PlainAscii(value)) return std::string(value);
  // Each encoded word carries whole UTF-8 characters, at most 39 bytes (52 base64 characters),
  // so a word with its prefix stays within 75 characters.
  constexpr std::size_t kChunk = 39;
  std::string out;
  std::size_t i = 0;
  while (i < value.size()) {
    std::size_t end = std::min(value.size(), i + kChunk);
    while (end < value.size() && end > i && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + crypto::Base64Encode(value.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string AddressOf(std::string_view mailbox) {
  const auto lt = mailbox.find('<');
  const auto gt = mailbox.rfind('>');
  if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt) {
    return Trim(mailbox.substr(lt + 1, gt - lt - 1));
  }
  return Trim(mailbox);
}

Result<Built> BuildMime(const Message& m, const std::string& from, std::chrono::system_clock::time_point now) {
  for (const std::string* v : {&m.to, &m.subject, &from}) {
    if (HasLineBreak(*v)) return Fail(Errc::kInvalidArgument, "mail header values must be one line");
  }
  if (AddressOf(m.to).find('@') == std::string::npos) {
    return Fail(Errc::kInvalidArgument, "mail needs a recipient address");
  }
  Built b;
  b.message_id = crypto::RandomToken(18) + "@" + DomainOf(AddressOf(from));
  std::string& t = b.text;
  t += "From: " + EncodeMailbox(from) + "\r\n";
  t += "To: " + EncodeMailbox(m.to) + "\r\n";
  t += "Subject: " + EncodeHeader(m.subject) + "\r\n";
  t += "Date: " + RfcDate(now) + "\r\n";
  t += "Message-ID: <" + b.message_id + ">\r\n";
  t += "MIME-Version: 1.0\r\n";
  auto part = [](const char* type, const std::string& body) {
    return std::string("Content-Type: ") + type + "; charset=UTF-8\r\n" +
           "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + QuotedPrintable(body) + "\r\n";
  };
  if (m.html.empty()) {
    t += part("text/plain", m.text);
    return b;
  }
  // "=_" never occurs in quoted-printable text, so the boundary cannot appear in a part.
  const std::string boundary = "=_moderno_" + crypto::RandomToken(12);
  t += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  t += "This is a multi-part message in MIME format.\r\n";
  t += "--" + boundary + "\r\n" + part("text/plain", m.text);
  t += "--" + boundary + "\r\n" + part("text/html", m.html);
  t += "--" + boundary + "--\r\n";
  return b;
}

FileMailer::FileMailer(std::filesystem::path dir, std::string from)
    : dir_(std::move(dir)), from_(std::move(from)) {}

Result<void> FileMailer::Send(const Message& m) {
  const auto now = std::chrono::system_clock::now();
  auto built = BuildMime(m, from_, now);
  if (!built) return std::unexpected(built.error());
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  const std::time_t secs = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
  const auto path = dir_ / (std::string(stamp) + "-" + crypto::RandomToken(9) + ".eml");
  const auto tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << built->text;
    if (!out) return Fail(Errc::kUnavailable, "", "cannot write " + tmp);
  }
  // Renamed into place so a reader never sees half a message.
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Fail(Errc::kUnavailable, "", "cannot write " + path.string() + ": " + ec.message());
  return {};
}

}  // namespace moderno::mail
