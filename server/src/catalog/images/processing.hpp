#pragma once
// Image decoding and resizing with libvips: what a file really is (from its magic bytes, never
// its name or Content-Type), whether it decodes, and its responsive variants.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/images/srcset.hpp"
#include "platform/error.hpp"

namespace moderno::catalog::images {

// The formats an upload may have.
enum class Format { kJpeg, kPng, kWebp };

// The file extension of a format ("jpg", "png", "webp").
std::string_view Extension(Format f);
// The MIME type of a stored media file by its extension; empty when not an image we store.
std::string_view MediaType(std::string_view filename);

// The format named by the first bytes, or nullopt for anything else.
std::optional<Format> Sniff(std::string_view data);

struct Decoded {
  Format format = Format::kJpeg;
  int width = 0;
  int height = 0;
};

// Sniffs and fully decodes an upload: kInvalidArgument ("unsupported_type" or "undecodable")
// on the field "file" when it is not a whole JPEG, PNG or WebP image.
Result<Decoded> Inspect(std::string_view data);

// Writes the variants of the image at `original` (a file named <stem>.<ext>) beside it as
// <stem>-<width>.webp and <stem>-<width>.<ext>, for each of kVariantWidths narrower than the
// original, or one at the original's width when it is narrower than all of them (never
// upscaled). URLs are `url_dir` + "/" + file name.
Result<std::vector<VariantFile>> MakeVariants(const std::filesystem::path& original, Format format,
                                              const std::string& url_dir);

}  // namespace moderno::catalog::images
