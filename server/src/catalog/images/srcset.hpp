#pragma once
// How a product image is shown: the srcset-ready JSON of an image (uploads with their
// responsive variants; plain URL images as they are).
#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "catalog/model.hpp"

namespace moderno::catalog::images {

// The widths the image.variants job makes (never wider than the original).
inline constexpr int kVariantWidths[] = {320, 640, 1280};
// The `sizes` attribute sent with each srcset: full width on phones, a column on wider screens.
inline constexpr const char* kSizes = "(max-width: 640px) 100vw, (max-width: 1280px) 50vw, 640px";

// One resized copy, in WebP and in the original's format.
struct VariantFile {
  int width = 0;
  int height = 0;
  std::string webp;      // URL
  std::string original;  // URL
};

// Parses the stored variants JSON (empty on junk or none).
std::vector<VariantFile> ParseVariants(const std::optional<std::string>& json_text);
// The stored form of a list of variants.
std::string VariantsJson(const std::vector<VariantFile>& variants);

// {id, url, alt, position, status, width, height, src, srcset, srcset_original, sizes}:
// `src` is the largest variant in the original format (the original until the variants exist),
// `srcset` lists the WebP variants as "URL 320w, ...", `srcset_original` the same in the
// original format; both are "" until the variants exist.
boost::json::object ToJson(const Image& image);

}  // namespace moderno::catalog::images
