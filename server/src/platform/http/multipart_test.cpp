#include "platform/http/multipart.hpp"

#include <gtest/gtest.h>

namespace moderno::http {
namespace {

TEST(Multipart, ReadsFieldsAndFilesWithBinaryData) {
  const std::string data("\x89PNG\r\n\x1a\n\0--x", 13);
  const std::string body = "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\nRed shoe\r\n"
                           "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a b.png\"\r\n"
                           "Content-Type: image/png\r\n\r\n" + data + "\r\n--XyZ--\r\n";
  auto parts = ParseMultipart("multipart/form-data; boundary=\"XyZ\"", body);
  ASSERT_TRUE(parts.has_value()) << parts.error().detail;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "alt");
  EXPECT_FALSE((*parts)[0].filename.has_value());
  EXPECT_EQ((*parts)[0].data, "Red shoe");
  const MultipartPart* file = FindPart(*parts, "file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename.value_or(""), "a b.png");
  EXPECT_EQ(file->content_type, "image/png");
  EXPECT_EQ(file->data, data);
}

TEST(Multipart, RejectsMissingBoundaryAndUnterminatedParts) {
  EXPECT_FALSE(ParseMultipart("multipart/form-data", "x").has_value());
  EXPECT_FALSE(ParseMultipart("text/csv", "x").has_value());
  auto cut = ParseMultipart("multipart/form-data; boundary=b",
                            "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nabc");
  ASSERT_FALSE(cut.has_value());
  EXPECT_EQ(cut.error().code, Errc::kMalformed);
}

}  // namespace
}  // namespace moderno::http
