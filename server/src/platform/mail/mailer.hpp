#pragma once
// Outgoing mail. Until SMTP is configured, messages are written as .eml files in the data
// dir's mail folder (one file per message, complete RFC 5322 text).
#include <filesystem>
#include <string>

#include "platform/error.hpp"

namespace moderno::mail {

struct Message {
  std::string to;
  std::string subject;
  std::string text;
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual Result<void> Send(const Message& message) = 0;
};

// Writes each message to <dir>/<time>-<random>.eml.
class FileMailer : public Mailer {
 public:
  FileMailer(std::filesystem::path dir, std::string from);
  Result<void> Send(const Message& message) override;

 private:
  std::filesystem::path dir_;
  std::string from_;
};

}  // namespace moderno::mail
