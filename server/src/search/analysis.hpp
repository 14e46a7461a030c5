#pragma once
// The Spanish analyzer shared by indexing and querying, so that both sides always agree:
// lower-casing and accent folding (text::Fold), splitting into words, Spanish stop words and
// Snowball Spanish stemming. Terms are folded before they are stemmed, so "camión", "CAMION"
// and "camiones" all become the same term.
#include <string>
#include <string_view>
#include <vector>

namespace moderno::search {

// Longest word kept (longer runs are not words people search for, and Xapian caps terms).
inline constexpr std::size_t kMaxWordBytes = 64;

// The folded words of a text: lower-cased, accents folded, split on anything that is not a
// letter or a digit. Apostrophes inside a word are dropped ("L'Oréal" -> "loreal").
std::vector<std::string> Words(std::string_view text);

// Words joined across hyphens and dots that sit between letters or digits, for names such as
// "Zig-Zag" or "WH-1000XM5" that people also type as one word ("zigzag", "wh1000xm5"); only
// the joined forms, none of the plain words.
std::vector<std::string> JoinedWords(std::string_view text);

// A word of a query, or a compound of words glued by hyphens or dots ("wh-1000xm5": parts
// "wh", "1000xm5", joined "wh1000xm5"). `joined` is empty for a plain word.
struct Token {
  std::vector<std::string> parts;
  std::string joined;
};

// The tokens of a text, in order (folded like Words).
std::vector<Token> Tokens(std::string_view text);

// True for a Spanish stop word (folded: "mas", "tambien").
bool IsStopWord(std::string_view folded_word);

// The Snowball Spanish stem of a folded word. Thread-safe (one stemmer per thread).
std::string Stem(const std::string& folded_word);

// A text as one comparable string: its words joined by single spaces.
std::string Normalized(std::string_view text);

// A text for exact comparison: folded, runs of spaces made one, trimmed; punctuation kept,
// so "Galaxy S24" and "Galaxy S24+" differ.
std::string ExactKey(std::string_view text);

}  // namespace moderno::search
