#include "platform/text/fold.hpp"

#include <array>

namespace moderno::text {
namespace {

// ASCII replacements for U+00C0..U+00FF, indexed by code point - 0xC0. The two empty entries
// are × and ÷, which are not letters and stay as they are.
constexpr std::array<std::string_view, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c",   // À Á Â Ã Ä Å Æ Ç
    "e", "e", "e", "e", "i", "i", "i", "i",    // È É Ê Ë Ì Í Î Ï
    "d", "n", "o", "o", "o", "o", "o", "",     // Ð Ñ Ò Ó Ô Õ Ö ×
    "o", "u", "u", "u", "u", "y", "th", "ss",  // Ø Ù Ú Û Ü Ý Þ ß
    "a", "a", "a", "a", "a", "a", "ae", "c",   // à á â ã ä å æ ç
    "e", "e", "e", "e", "i", "i", "i", "i",    // è é ê ë ì í î ï
    "d", "n", "o", "o", "o", "o", "o", "",     // ð ñ ò ó ô õ ö ÷
    "o", "u", "u", "u", "u", "y", "th", "y",   // ø ù ú û ü ý þ ÿ
};

// U+00C0..U+00FF are encoded as 0xC3 followed by 0x80..0xBF.
constexpr unsigned char kLatin1Lead = 0xC3;

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::string Fold(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
      continue;
    }
    if (c == kLatin1Lead && i + 1 < utf8.size() &&
        IsContinuation(static_cast<unsigned char>(utf8[i + 1]))) {
      std::string_view ascii = kLatin1[static_cast<unsigned char>(utf8[i + 1]) - 0x80];
      if (!ascii.empty()) {
        out += ascii;
        ++i;
        continue;
      }
    }
    out += static_cast<char>(c);
  }
  return out;
}

}  // namespace moderno::text
