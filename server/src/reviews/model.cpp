#include "reviews/model.hpp"

#include <vector>

namespace moderno::reviews {
namespace {

bool Space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The first UTF-8 character of `word`, upper-cased when it is an ASCII or Latin-1 letter
// (Spanish names: á -> Á, ñ -> Ñ); other scripts are kept as written.
std::string Initial(std::string_view word) {
  const auto lead = static_cast<unsigned char>(word[0]);
  if (lead < 0x80) {
    return std::string(1, (lead >= 'a' && lead <= 'z') ? static_cast<char>(lead - 'a' + 'A')
                                                       : static_cast<char>(lead));
  }
  std::size_t len = 1;
  while (len < word.size() && (static_cast<unsigned char>(word[len]) & 0xC0) == 0x80) ++len;
  std::string out(word.substr(0, len));
  // U+00E0..U+00FE (except U+00F7, the division sign) are the lower-case forms of
  // U+00C0..U+00DE: in UTF-8 0xC3 0xA0..0xBE, 0x20 above their capitals.
  if (len == 2 && lead == 0xC3) {
    const auto second = static_cast<unsigned char>(out[1]);
    if (second >= 0xA0 && second <= 0xBE && second != 0xB7) {
      out[1] = static_cast<char>(second - 0x20);
    }
  }
  return out;
}

}  // namespace

std::string_view ApiName(Status s) {
  switch (s) {
    case Status::kPending: return "pending";
    case Status::kPublished: return "published";
    case Status::kHidden: return "hidden";
  }
  return "pending";
}

std::optional<Status> ParseStatus(std::string_view api_name) {
  if (api_name == "pending") return Status::kPending;
  if (api_name == "published") return Status::kPublished;
  if (api_name == "hidden") return Status::kHidden;
  return std::nullopt;
}

std::string_view StoredName(Status s) {
  switch (s) {
    case Status::kPending: return "pending";
    case Status::kPublished: return "approved";
    case Status::kHidden: return "rejected";
  }
  return "pending";
}

Status FromStored(std::string_view stored) {
  if (stored == "approved") return Status::kPublished;
  if (stored == "rejected") return Status::kHidden;
  return Status::kPending;
}

std::optional<Sort> ParseSort(std::string_view text) {
  if (text == "newest") return Sort::kNewest;
  if (text == "oldest") return Sort::kOldest;
  if (text == "rating_desc") return Sort::kRatingDesc;
  if (text == "rating_asc") return Sort::kRatingAsc;
  if (text == "helpful") return Sort::kHelpful;
  return std::nullopt;
}

std::string AuthorName(std::string_view full_name) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < full_name.size()) {
    if (Space(full_name[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < full_name.size() && !Space(full_name[j])) ++j;
    words.push_back(full_name.substr(i, j - i));
    i = j;
  }
  if (words.empty()) return "Cliente";
  std::string out(words.front());
  if (words.size() > 1) out += " " + Initial(words.back()) + ".";
  return out;
}

}  // namespace moderno::reviews
