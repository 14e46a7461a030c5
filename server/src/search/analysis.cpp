#include "search/analysis.hpp"

#include <xapian.h>

#include <algorithm>
#include <array>

#include "platform/text/fold.hpp"

namespace moderno::search {
namespace {

// The Snowball Spanish stop list (snowballstem.org/algorithms/spanish/stop.txt), folded: the
// articles, prepositions, pronouns, conjunctions and forms of estar, haber, ser and tener.
// Sorted, for a binary search.
constexpr auto kStopWords = std::to_array<std::string_view>({
    "a", "al", "algo", "algunas", "algunos", "ante", "antes", "como", "con", "contra", "cual",
    "cuando", "de", "del", "desde", "donde", "durante", "e", "el", "ella", "ellas", "ellos", "en",
    "entre", "era", "erais", "eramos", "eran", "eras", "eres", "es", "esa", "esas", "ese", "eso",
    "esos", "esta", "estaba", "estabais", "estabamos", "estaban", "estabas", "estad", "estada",
    "estadas", "estado", "estados", "estais", "estamos", "estan", "estando", "estar", "estara",
    "estaran", "estaras", "estare", "estareis", "estaremos", "estaria", "estariais", "estariamos",
    "estarian", "estarias", "estas", "este", "esteis", "estemos", "esten", "estes", "esto",
    "estos", "estoy", "estuve", "estuviera", "estuvierais", "estuvieramos", "estuvieran",
    "estuvieras", "estuvieron", "estuviese", "estuvieseis", "estuviesemos", "estuviesen",
    "estuvieses", "estuvimos", "estuviste", "estuvisteis", "estuvo", "fue", "fuera", "fuerais",
    "fueramos", "fueran", "fueras", "fueron", "fuese", "fueseis", "fuesemos", "fuesen", "fueses",
    "fui", "fuimos", "fuiste", "fuisteis", "ha", "habeis", "habia", "habiais", "habiamos",
    "habian", "habias", "habida", "habidas", "habido", "habidos", "habiendo", "habra", "habran",
    "habras", "habre", "habreis", "habremos", "habria", "habriais", "habriamos", "habrian",
    "habrias", "han", "has", "hasta", "hay", "haya", "hayais", "hayamos", "hayan", "hayas", "he",
    "hemos", "hube", "hubiera", "hubierais", "hubieramos", "hubieran", "hubieras", "hubieron",
    "hubiese", "hubieseis", "hubiesemos", "hubiesen", "hubieses", "hubimos", "hubiste",
    "hubisteis", "hubo", "la", "las", "le", "les", "lo", "los", "mas", "me", "mi", "mia", "mias",
    "mio", "mios", "mis", "mucho", "muchos", "muy", "nada", "ni", "no", "nos", "nosotras",
    "nosotros", "nuestra", "nuestras", "nuestro", "nuestros", "o", "os", "otra", "otras", "otro",
    "otros", "para", "pero", "poco", "por", "porque", "que", "quien", "quienes", "se", "sea",
    "seais", "seamos", "sean", "seas", "sera", "seran", "seras", "sere", "sereis", "seremos",
    "seria", "seriais", "seriamos", "serian", "serias", "si", "siente", "sin", "sintiendo",
    "sobre", "sois", "somos", "son", "soy", "su", "sus", "suya", "suyas", "suyo", "suyos",
    "tambien", "te", "teneis", "tenemos", "tener", "tenga", "tengais", "tengamos", "tengan",
    "tengas", "tengo", "tenia", "teniais", "teniamos", "tenian", "tenias", "tenida", "tenidas",
    "tenido", "tenidos", "teniendo", "tiene", "tienen", "tienes", "todo", "todos", "tu", "tus",
    "tuve", "tuviera", "tuvierais", "tuvieramos", "tuvieran", "tuvieras", "tuvieron", "tuviese",
    "tuvieseis", "tuviesemos", "tuviesen", "tuvieses", "tuvimos", "tuviste", "tuvisteis", "tuvo",
    "tuya", "tuyas", "tuyo", "tuyos", "un", "una", "uno", "unos", "vosotras", "vosotros",
    "vuestra", "vuestras", "vuestro", "vuestros", "y", "ya", "yo",
});

bool IsAsciiAlnum(unsigned ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

// Letters, digits and combining marks of any script; not the connector '_'.
bool IsWordChar(unsigned ch) {
  if (ch < 0x80) return IsAsciiAlnum(ch);
  return Xapian::Unicode::is_wordchar(ch) &&
         Xapian::Unicode::get_category(ch) != Xapian::Unicode::CONNECTOR_PUNCTUATION;
}

bool IsApostrophe(unsigned ch) { return ch == '\'' || ch == 0x2019; }

// Splits folded text; `joiner` says which characters between two word characters glue them.
template <class Joiner>
std::vector<std::string> Split(std::string_view text, Joiner joiner, bool only_joined) {
  const std::string folded = text::Fold(text);
  std::vector<std::string> out;
  std::string word;
  bool joined = false;
  auto flush = [&] {
    if (!word.empty() && word.size() <= kMaxWordBytes && (!only_joined || joined)) {
      out.push_back(word);
    }
    word.clear();
    joined = false;
  };
  Xapian::Utf8Iterator it(folded), end;
  unsigned prev = 0;
  while (it != end) {
    const unsigned ch = *it;
    ++it;
    if (IsWordChar(ch)) {
      Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
    } else if (joiner(ch) && !word.empty() && IsWordChar(prev) && it != end && IsWordChar(*it)) {
      joined = true;  // glue: "l'oreal", "zig-zag"
    } else {
      flush();
    }
    prev = ch;
  }
  flush();
  return out;
}

}  // namespace

std::vector<std::string> Words(std::string_view text) {
  return Split(text, IsApostrophe, false);
}

std::vector<std::string> JoinedWords(std::string_view text) {
  return Split(
      text, [](unsigned ch) { return IsApostrophe(ch) || ch == '-' || ch == '.'; }, true);
}

std::vector<Token> Tokens(std::string_view text) {
  std::vector<Token> out;
  const std::string folded = text::Fold(text);
  Token current;
  std::string word;
  auto end_word = [&] {
    if (!word.empty() && word.size() <= kMaxWordBytes) current.parts.push_back(word);
    word.clear();
  };
  auto end_token = [&] {
    end_word();
    if (!current.parts.empty()) {
      if (current.parts.size() > 1) {
        for (const auto& p : current.parts) current.joined += p;
        if (current.joined.size() > kMaxWordBytes) current.joined.clear();
      }
      out.push_back(std::move(current));
    }
    current = Token{};
  };
  Xapian::Utf8Iterator it(folded), stop;
  unsigned prev = 0;
  while (it != stop) {
    const unsigned ch = *it;
    ++it;
    const bool glue_next = it != stop && IsWordChar(*it) && IsWordChar(prev);
    if (IsWordChar(ch)) {
      Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
    } else if (IsApostrophe(ch) && !word.empty() && glue_next) {
      // "l'oreal" is one word.
    } else if ((ch == '-' || ch == '.') && !word.empty() && glue_next) {
      end_word();
    } else {
      end_token();
    }
    prev = ch;
  }
  end_token();
  return out;
}

bool IsStopWord(std::string_view folded_word) {
  return std::binary_search(kStopWords.begin(), kStopWords.end(), folded_word);
}

std::string Stem(const std::string& folded_word) {
  thread_local Xapian::Stem stemmer("spanish");
  // Snowball leaves the -es plural of words that end in a consonant ("celulares" ->
  // "celular", but "celular" -> "celul"): drop it first. For words whose singular ends in -e
  // ("grandes", "viajes") Snowball drops the -e anyway, so the result is the same.
  const std::size_t n = folded_word.size();
  if (n > 4 && folded_word.ends_with("es") &&
      std::string_view("lrndj").find(folded_word[n - 3]) != std::string_view::npos) {
    return stemmer(folded_word.substr(0, n - 2));
  }
  return stemmer(folded_word);
}

std::string Normalized(std::string_view text) {
  std::string out;
  for (const std::string& w : Words(text)) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

}  // namespace moderno::search

namespace moderno::search {

std::string ExactKey(std::string_view text) {
  std::string out;
  for (char c : text::Fold(text)) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace moderno::search
