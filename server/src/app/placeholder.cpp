#include "app/placeholder.hpp"

#include <charconv>
#include <cstdio>

namespace moderno::app {

Result<std::string> PlaceholderSvg(std::string_view name) {
  if (!name.ends_with(".svg")) return Fail(Errc::kNotFound, "No such image.");
  std::string_view stem = name.substr(0, name.size() - 4);
  auto dash = stem.find('-');
  unsigned long long id = 0, position = 0;
  if (dash == std::string_view::npos || dash == 0 || dash > 12) {
    return Fail(Errc::kNotFound, "No such image.");
  }
  auto a = std::from_chars(stem.data(), stem.data() + dash, id);
  auto b = std::from_chars(stem.data() + dash + 1, stem.data() + stem.size(), position);
  if (a.ec != std::errc() || a.ptr != stem.data() + dash || b.ec != std::errc() ||
      b.ptr != stem.data() + stem.size() || position > 99) {
    return Fail(Errc::kNotFound, "No such image.");
  }
  // The colour follows the product, the shade the image position: the same URL is always
  // the same picture.
  const unsigned hue = static_cast<unsigned>((id * 47) % 360);
  const unsigned light = 88 - static_cast<unsigned>(position % 4) * 6;
  char svg[1024];
  std::snprintf(svg, sizeof svg,
                R"svg(<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">)svg"
                R"svg(<rect width="600" height="600" fill="hsl(%u,55%%,%u%%)"/>)svg"
                R"svg(<g fill="none" stroke="hsl(%u,45%%,35%%)" stroke-width="14" stroke-linejoin="round">)svg"
                R"svg(<path d="M190 230h220l-20 210H210z"/><path d="M250 230v-30a50 50 0 0 1 100 0v30"/></g>)svg"
                R"svg(<text x="300" y="520" font-family="sans-serif" font-size="28" text-anchor="middle" )svg"
                R"svg(fill="hsl(%u,45%%,30%%)">#%llu</text></svg>)svg",
                hue, light, hue, hue, id);
  return std::string(svg);
}

}  // namespace moderno::app
