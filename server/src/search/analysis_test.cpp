#include "search/analysis.hpp"

#include <gtest/gtest.h>

namespace moderno::search {
namespace {

using Strings = std::vector<std::string>;

TEST(SearchAnalysis, WordsAreLowerCasedAccentFoldedAndSplit) {
  EXPECT_EQ(Words("Camión ÑANDÚ, algodón!"), (Strings{"camion", "nandu", "algodon"}));
  EXPECT_EQ(Words("  WH-1000XM5 / 55\" "), (Strings{"wh", "1000xm5", "55"}));
  EXPECT_EQ(Words("L'Oréal Air Force 1 '07"), (Strings{"loreal", "air", "force", "1", "07"}));
  EXPECT_TRUE(Words("%%% -- !!").empty());
}

TEST(SearchAnalysis, JoinedWordsGlueHyphensAndDots) {
  EXPECT_EQ(JoinedWords("Zig-Zag WH-1000XM5 iPad Air, 2.0"), (Strings{"zigzag", "wh1000xm5", "20"}));
}

TEST(SearchAnalysis, TokensKeepCompounds) {
  const auto t = Tokens("Cargador ADM-DEL-1 usb");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].parts, (Strings{"cargador"}));
  EXPECT_TRUE(t[0].joined.empty());
  EXPECT_EQ(t[1].parts, (Strings{"adm", "del", "1"}));
  EXPECT_EQ(t[1].joined, "admdel1");
  EXPECT_EQ(t[2].parts, (Strings{"usb"}));
}

TEST(SearchAnalysis, SpanishStemmingMakesPluralsMeetSingulars) {
  EXPECT_EQ(Stem("zapatos"), Stem("zapato"));
  EXPECT_EQ(Stem("rojos"), Stem("rojo"));
  EXPECT_EQ(Stem("camiones"), Stem("camion"));
  EXPECT_EQ(Stem("audifonos"), Stem("audifono"));
  EXPECT_EQ(Stem("refrigeradores"), Stem("refrigerador"));
  EXPECT_EQ(Stem("celulares"), Stem("celular"));
  EXPECT_EQ(Stem("sartenes"), Stem("sarten"));
  EXPECT_EQ(Stem("relojes"), Stem("reloj"));
  EXPECT_EQ(Stem("grandes"), Stem("grande"));
  EXPECT_NE(Stem("zapato"), Stem("zapallo"));
}

TEST(SearchAnalysis, SpanishStopWords) {
  for (const char* w : {"de", "la", "para", "con", "mas", "tambien", "uno"}) EXPECT_TRUE(IsStopWord(w)) << w;
  for (const char* w : {"zapato", "rojo", "samsung", "tv"}) EXPECT_FALSE(IsStopWord(w)) << w;
}

TEST(SearchAnalysis, NormalizedJoinsWords) {
  EXPECT_EQ(Normalized("  Cien AÑOS de   Soledad "), "cien anos de soledad");
}

}  // namespace
}  // namespace moderno::search
