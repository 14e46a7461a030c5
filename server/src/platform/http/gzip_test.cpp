#include "platform/http/gzip.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

namespace moderno::http {
namespace {

std::string Gunzip(const std::string& in) {
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  std::string out(in.size() * 20 + 1024, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return out;
}

TEST(Gzip, RoundTripsAndShrinksRepetitiveJson) {
  std::string json;
  for (int i = 0; i < 200; ++i) json += R"({"id":)" + std::to_string(i) + R"(,"name":"Zapatilla"},)";
  std::string gz = Gzip(json);
  EXPECT_LT(gz.size(), json.size() / 3);
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);  // gzip magic
  EXPECT_EQ(Gunzip(gz), json);
}

TEST(AcceptsEncoding, ParsesListsAndQualities) {
  EXPECT_TRUE(AcceptsEncoding("gzip, deflate, br", "gzip"));
  EXPECT_TRUE(AcceptsEncoding("br;q=1.0, gzip;q=0.8", "gzip"));
  EXPECT_FALSE(AcceptsEncoding("gzip;q=0", "gzip"));
  EXPECT_FALSE(AcceptsEncoding("deflate", "gzip"));
  EXPECT_FALSE(AcceptsEncoding("", "gzip"));
  EXPECT_TRUE(AcceptsEncoding("*", "gzip"));
}

}  // namespace
}  // namespace moderno::http
