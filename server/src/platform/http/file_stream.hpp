#pragma once
// A response body read from a file a piece at a time, for downloads that may be large (report
// exports): memory stays at two pieces per download whatever the file's size. The server pulls
// pieces on its I/O thread, so the disk is read on a small reader pool instead: one piece is
// read ahead, and the server is woken when it is ready.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "platform/http/message.hpp"

namespace moderno::http {

class FileStream : public StreamSource, public std::enable_shared_from_this<FileStream> {
 public:
  static constexpr std::size_t kPiece = 64 * 1024;
  // Opens the file; nullptr when it cannot be read.
  static std::shared_ptr<FileStream> Open(const std::filesystem::path& path);

  void Start(std::function<void()> wake) override;
  // The piece read ahead ("" while it is being read), or nullopt at the end of the file (or
  // after a read error: the body ends short and the client sees an incomplete download).
  std::optional<std::string> Next() override;
  void Stop(std::size_t) override;
  std::string Heartbeat() const override { return ""; }
  std::chrono::milliseconds HeartbeatInterval() const override { return std::chrono::hours(1); }

 private:
  explicit FileStream(const std::filesystem::path& path) : in_(path, std::ios::binary) {}
  void ReadAhead();  // with mu_ held; no read in flight

  std::mutex mu_;
  std::ifstream in_;  // used by one reader task at a time
  std::function<void()> wake_;
  std::optional<std::string> ready_;  // the piece read ahead; "" = end of file
  bool reading_ = false;
  bool stopped_ = false;
};

}  // namespace moderno::http
