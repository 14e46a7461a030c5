#include "platform/mail/mailer.hpp"

#include <chrono>
#include <ctime>
#include <fstream>

#include "platform/crypto/cipher.hpp"

namespace moderno::mail {

FileMailer::FileMailer(std::filesystem::path dir, std::string from)
    : dir_(std::move(dir)), from_(std::move(from)) {}

Result<void> FileMailer::Send(const Message& m) {
  // Header injection: no line breaks in header values.
  for (const std::string* v : {&m.to, &m.subject}) {
    if (v->find_first_of("\r\n") != std::string::npos) {
      return Fail(Errc::kInvalidArgument, "mail header values must be one line");
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  const auto now = std::chrono::system_clock::now();
  const std::time_t secs = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char stamp[32], date[64];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  const std::string id = crypto::RandomToken(9);
  const auto path = dir_ / (std::string(stamp) + "-" + id + ".eml");
  const auto tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << "From: " << from_ << "\r\n"
        << "To: " << m.to << "\r\n"
        << "Subject: =?UTF-8?B?" << crypto::Base64Encode(m.subject) << "?=\r\n"
        << "Date: " << date << "\r\n"
        << "Message-ID: <" << id << "@moderno.local>\r\n"
        << "MIME-Version: 1.0\r\n"
        << "Content-Type: text/plain; charset=UTF-8\r\n"
        << "Content-Transfer-Encoding: 8bit\r\n\r\n"
        << m.text << "\r\n";
    if (!out) return Fail(Errc::kUnavailable, "", "cannot write " + tmp);
  }
  // Renamed into place so a reader never sees half a message.
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Fail(Errc::kUnavailable, "", "cannot write " + path.string() + ": " + ec.message());
  return {};
}

}  // namespace moderno::mail
