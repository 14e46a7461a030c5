#include "platform/http/file_stream.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

namespace moderno::http {
namespace {

// Reads of every file download of the process: two threads, so a slow disk delays downloads,
// never the I/O threads.
boost::asio::thread_pool& Readers() {
  static boost::asio::thread_pool pool(2);
  return pool;
}

}  // namespace

std::shared_ptr<FileStream> FileStream::Open(const std::filesystem::path& path) {
  auto s = std::shared_ptr<FileStream>(new FileStream(path));
  return s->in_ ? s : nullptr;
}

void FileStream::Start(std::function<void()> wake) {
  std::lock_guard lock(mu_);
  wake_ = std::move(wake);
  if (!reading_ && !ready_) ReadAhead();
}

void FileStream::ReadAhead() {
  reading_ = true;
  boost::asio::post(Readers(), [self = shared_from_this()] {
    std::string piece(kPiece, '\0');
    self->in_.read(piece.data(), static_cast<std::streamsize>(piece.size()));
    piece.resize(static_cast<std::size_t>(self->in_.gcount()));
    std::function<void()> wake;
    {
      std::lock_guard lock(self->mu_);
      self->reading_ = false;
      if (self->stopped_) return;
      self->ready_ = std::move(piece);
      wake = self->wake_;
    }
    if (wake) wake();
  });
}

std::optional<std::string> FileStream::Next() {
  std::lock_guard lock(mu_);
  if (!ready_) {
    if (!reading_) ReadAhead();  // pulled before Start (tests) or after the end was sent
    return std::string();
  }
  std::string piece = std::move(*ready_);
  ready_.reset();
  if (piece.empty()) return std::nullopt;
  if (!stopped_) ReadAhead();
  return piece;
}

void FileStream::Stop(std::size_t) {
  std::lock_guard lock(mu_);
  stopped_ = true;
  ready_.reset();
}

}  // namespace moderno::http
