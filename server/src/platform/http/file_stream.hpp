#pragma once
// A response body read from a file a piece at a time, for downloads that may be large (report
// exports): memory stays at one piece per connection whatever the file's size.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "platform/http/message.hpp"

namespace moderno::http {

class FileStream : public StreamSource {
 public:
  static constexpr std::size_t kPiece = 64 * 1024;
  // Opens the file; nullptr when it cannot be read.
  static std::shared_ptr<FileStream> Open(const std::filesystem::path& path) {
    auto s = std::shared_ptr<FileStream>(new FileStream(path));
    return s->in_ ? s : nullptr;
  }
  void Start(std::function<void()>) override {}  // always ready: the server pulls after each write
  std::optional<std::string> Next() override {
    std::string piece(kPiece, '\0');
    in_.read(piece.data(), static_cast<std::streamsize>(piece.size()));
    piece.resize(static_cast<std::size_t>(in_.gcount()));
    if (piece.empty()) return std::nullopt;  // end of file (or a read error): the body ends
    return piece;
  }
  void Stop(std::size_t) override { in_.close(); }
  std::string Heartbeat() const override { return ""; }
  std::chrono::milliseconds HeartbeatInterval() const override { return std::chrono::hours(1); }

 private:
  explicit FileStream(const std::filesystem::path& path) : in_(path, std::ios::binary) {}
  std::ifstream in_;
};

}  // namespace moderno::http
