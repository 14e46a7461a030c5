#pragma once
// Generated SVG placeholder images for products without photos (/media/placeholder/ID-N.svg).
#include <string>
#include <string_view>

#include "platform/error.hpp"

namespace moderno::app {

// The SVG for a name like "42-1.svg"; kNotFound for any other name.
Result<std::string> PlaceholderSvg(std::string_view name);

}  // namespace moderno::app
