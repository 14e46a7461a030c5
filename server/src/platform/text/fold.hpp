#pragma once
// Text folding for search: one spelling for "Camión", "CAMION" and "camion".
#include <string>
#include <string_view>

namespace moderno::text {

// Lower-cases ASCII and folds the Latin-1 letters (U+00C0..U+00FF, as UTF-8) to their ASCII
// base letters: "Ñandú" -> "nandu", "Æ" -> "ae", "ß" -> "ss". Every other byte, including
// invalid UTF-8, is copied unchanged.
std::string Fold(std::string_view utf8);

}  // namespace moderno::text
