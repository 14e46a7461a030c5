#include "platform/http/file_stream.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace moderno::http {
namespace {

TEST(FileStream, ReadsAFileLargerThanOnePieceInPiecesThenEnds) {
  const auto path = std::filesystem::temp_directory_path() / ("moderno-file-stream-" + std::to_string(::getpid()));
  std::string content;
  for (std::size_t i = 0; content.size() < 2 * FileStream::kPiece + 123; ++i) content += std::to_string(i) + ',';
  std::ofstream(path, std::ios::binary) << content;
  auto s = FileStream::Open(path);
  ASSERT_TRUE(s);
  std::string read;
  int pieces = 0;
  while (auto piece = s->Next()) {
    EXPECT_LE(piece->size(), FileStream::kPiece);
    read += *piece;
    ++pieces;
  }
  EXPECT_EQ(pieces, 3);
  EXPECT_EQ(read, content);
  std::filesystem::remove(path);
  EXPECT_FALSE(FileStream::Open(path)) << "a missing file is refused";
}

}  // namespace
}  // namespace moderno::http
