#include "platform/text/fold.hpp"

#include <gtest/gtest.h>

namespace moderno::text {
namespace {

TEST(Fold, RemovesSpanishAccents) {
  EXPECT_EQ(Fold("Camión"), "camion");
  EXPECT_EQ(Fold("ALGODÓN"), "algodon");
  EXPECT_EQ(Fold("batería eléctrica"), "bateria electrica");
}

TEST(Fold, FoldsEnieAndDieresis) {
  EXPECT_EQ(Fold("Ñandú"), "nandu");
  EXPECT_EQ(Fold("pingüino PINGÜINO"), "pinguino pinguino");
}

TEST(Fold, FoldsOtherLatin1Letters) {
  EXPECT_EQ(Fold("àâäçÇêëîïôöûÿ"), "aaacceeiioouy");
  EXPECT_EQ(Fold("Æsir Straße Øre"), "aesir strasse ore");
}

TEST(Fold, LeavesPlainAsciiLowerCaseAndSymbolsAlone) {
  EXPECT_EQ(Fold("abc-123 xyz_!%"), "abc-123 xyz_!%");
  EXPECT_EQ(Fold("Galaxy A55 128GB"), "galaxy a55 128gb");
  EXPECT_EQ(Fold(""), "");
}

TEST(Fold, LeavesOtherCharactersUnchanged) {
  EXPECT_EQ(Fold("2×3 ÷ 10 °C ¿Qué?"), "2×3 ÷ 10 °c ¿que?");
  EXPECT_EQ(Fold("Ω €"), "Ω €");
}

TEST(Fold, InvalidUtf8IsCopiedWithoutCrashing) {
  EXPECT_EQ(Fold("\xC3"), "\xC3");                // lead byte at the end
  EXPECT_EQ(Fold("\xC3" "A"), "\xC3" "a");        // lead byte without continuation
  EXPECT_EQ(Fold("\x80\xBF\xFF"), "\x80\xBF\xFF");  // stray continuation and invalid bytes
  EXPECT_EQ(Fold("a\xC3\xC3\xB1"), "a\xC3n");     // broken sequence, then a valid ñ
}

}  // namespace
}  // namespace moderno::text
