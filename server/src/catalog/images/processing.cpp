#include "catalog/images/processing.hpp"

#include <vips/vips.h>

#include <mutex>

namespace moderno::catalog::images {
namespace {

void InitVips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("moderno") != 0) vips_error_exit("libvips could not start");
    // Files are replaced and deleted under the same names: no operation cache.
    vips_cache_set_max(0);
  });
}

std::string VipsError() {
  std::string e = vips_error_buffer();
  vips_error_clear();
  return e;
}

// Owns a VipsImage reference.
struct ImageRef {
  VipsImage* p = nullptr;
  ~ImageRef() {
    if (p) g_object_unref(p);
  }
};

std::unexpected<Error> Bad(std::string code, std::string message, std::string internal = {}) {
  auto e = Invalid({{"file", std::move(code), std::move(message)}});
  e.error().internal = std::move(internal);
  return e;
}

}  // namespace

std::string_view Extension(Format f) {
  switch (f) {
    case Format::kJpeg: return "jpg";
    case Format::kPng: return "png";
    case Format::kWebp: return "webp";
  }
  return "bin";
}

std::string_view MediaType(std::string_view filename) {
  if (filename.ends_with(".jpg")) return "image/jpeg";
  if (filename.ends_with(".png")) return "image/png";
  if (filename.ends_with(".webp")) return "image/webp";
  return "";
}

std::optional<Format> Sniff(std::string_view d) {
  if (d.size() >= 3 && d.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) return Format::kJpeg;
  if (d.size() >= 8 && d.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8)) return Format::kPng;
  if (d.size() >= 12 && d.substr(0, 4) == "RIFF" && d.substr(8, 4) == "WEBP") return Format::kWebp;
  return std::nullopt;
}

Result<Decoded> Inspect(std::string_view data) {
  auto format = Sniff(data);
  if (!format) return Bad("unsupported_type", "the file is not a JPEG, PNG or WebP image");
  InitVips();
  ImageRef img;
  img.p = vips_image_new_from_buffer(data.data(), data.size(), "", "fail", TRUE, nullptr);
  if (!img.p) return Bad("undecodable", "the image cannot be decoded", VipsError());
  // Headers alone may be fine in a truncated file: decode every pixel.
  double avg = 0;
  if (vips_avg(img.p, &avg, nullptr) != 0) return Bad("undecodable", "the image cannot be decoded", VipsError());
  return Decoded{*format, vips_image_get_width(img.p), vips_image_get_height(img.p)};
}

Result<std::vector<VariantFile>> MakeVariants(const std::filesystem::path& original, Format format,
                                              const std::string& url_dir) {
  InitVips();
  ImageRef src;
  src.p = vips_image_new_from_file(original.c_str(), nullptr);
  if (!src.p) return Fail(Errc::kInternal, "", "vips open " + original.string() + ": " + VipsError());
  const int width = vips_image_get_width(src.p);
  std::vector<int> widths;
  for (int w : kVariantWidths) {
    if (w < width) widths.push_back(w);
  }
  if (widths.empty()) widths.push_back(width);
  const std::string stem = original.stem().string();
  const std::string ext(Extension(format));
  std::vector<VariantFile> out;
  for (int w : widths) {
    ImageRef thumb;
    // size=down: shrink only; the huge height bound lets the width decide.
    if (vips_thumbnail(original.c_str(), &thumb.p, w, "height", 100000, "size", VIPS_SIZE_DOWN, nullptr) != 0) {
      return Fail(Errc::kInternal, "", "vips thumbnail: " + VipsError());
    }
    // A thumbnail streams its source once (sequential access): render it into memory so that
    // both encodings below can read it.
    ImageRef pixels;
    pixels.p = vips_image_copy_memory(thumb.p);
    if (!pixels.p) return Fail(Errc::kInternal, "", "vips render: " + VipsError());
    std::swap(thumb.p, pixels.p);
    const std::string base = stem + "-" + std::to_string(w);
    const auto dir = original.parent_path();
    if (vips_image_write_to_file(thumb.p, (dir / (base + ".webp")).c_str(), "Q", 80, nullptr) != 0) {
      return Fail(Errc::kInternal, "", "vips webp save: " + VipsError());
    }
    const int saved = format == Format::kPng ? vips_image_write_to_file(thumb.p, (dir / (base + "." + ext)).c_str(), nullptr)
                                             : vips_image_write_to_file(thumb.p, (dir / (base + "." + ext)).c_str(),
                                                                        "Q", 85, nullptr);
    if (saved != 0) return Fail(Errc::kInternal, "", "vips save: " + VipsError());
    out.push_back({vips_image_get_width(thumb.p), vips_image_get_height(thumb.p), url_dir + "/" + base + ".webp",
                   url_dir + "/" + base + "." + ext});
  }
  return out;
}

}  // namespace moderno::catalog::images
