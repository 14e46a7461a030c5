#include "platform/http/file_stream.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>

namespace moderno::http {
namespace {

TEST(FileStream, ReadsAFileLargerThanOnePieceOffTheCallingThreadThenEnds) {
  const auto path = std::filesystem::temp_directory_path() / ("moderno-file-stream-" + std::to_string(::getpid()));
  std::string content;
  for (std::size_t i = 0; content.size() < 2 * FileStream::kPiece + 123; ++i) content += std::to_string(i) + ',';
  std::ofstream(path, std::ios::binary) << content;
  auto s = FileStream::Open(path);
  ASSERT_TRUE(s);
  // As the server uses it: pull, and when nothing is ready wait for the reader's wake-up.
  std::mutex mu;
  std::condition_variable cv;
  int wakes = 0;
  std::thread::id waker;
  s->Start([&] {
    std::lock_guard lock(mu);
    ++wakes;
    waker = std::this_thread::get_id();
    cv.notify_all();
  });
  std::string read;
  int pieces = 0;
  int seen = 0;
  while (true) {
    auto piece = s->Next();
    if (!piece) break;
    if (piece->empty()) {
      std::unique_lock lock(mu);
      ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return wakes > seen; })) << "no wake-up";
      seen = wakes;
      continue;
    }
    EXPECT_LE(piece->size(), FileStream::kPiece);
    read += *piece;
    ++pieces;
  }
  EXPECT_EQ(pieces, 3);
  EXPECT_EQ(read, content);
  EXPECT_GE(wakes, pieces) << "every piece was read by the reader pool and announced";
  EXPECT_NE(waker, std::this_thread::get_id());
  s->Stop(read.size());
  std::filesystem::remove(path);
  EXPECT_FALSE(FileStream::Open(path)) << "a missing file is refused";
}

}  // namespace
}  // namespace moderno::http
