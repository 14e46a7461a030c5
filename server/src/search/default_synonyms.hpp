#pragma once
// server/search/synonyms.txt as it was at build time (cmake/embed_file.cmake generates the
// definition): the synonyms used when the configured file is missing.
#include <string_view>

namespace moderno::app {

std::string_view DefaultSynonyms();

}  // namespace moderno::app
