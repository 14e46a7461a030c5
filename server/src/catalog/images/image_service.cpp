#include "catalog/images/image_service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <set>

#include "catalog/admin/admin_support.hpp"
#include "catalog/images/processing.hpp"
#include "catalog/queries.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/log/log.hpp"
#include "platform/search_log/search_log.hpp"

namespace moderno::catalog::images {
namespace json = boost::json;
namespace {

constexpr std::string_view kProductExists = "SELECT id FROM products WHERE id = ? AND deleted_at IS NULL";
constexpr std::string_view kNextPosition =
    "SELECT COALESCE(MAX(position), 0) + 1 FROM product_images WHERE product_id = ?";
constexpr std::string_view kInsertImage =
    "INSERT INTO product_images (product_id, url, alt, position, width, height, status, file_path) "
    "VALUES (?, ?, ?, ?, ?, ?, 'processing', ?)";
constexpr std::string_view kImageById =
    "SELECT id, url, alt, position, width, height, status, variants, file_path, product_id "
    "FROM product_images WHERE id = ?";
constexpr std::string_view kSetVariants =
    "UPDATE product_images SET variants = ?, status = 'ready' WHERE id = ? AND file_path = ?";
constexpr std::string_view kSetPosition = "UPDATE product_images SET position = ? WHERE id = ? AND product_id = ?";
constexpr std::string_view kDeleteImage = "DELETE FROM product_images WHERE id = ? AND product_id = ?";

Image ReadImage(const db::Row& r) {
  return {r.Int(0), r.Str(1), r.OptStr(2), static_cast<int>(r.Int(3)), r.OptInt(4), r.OptInt(5), r.Str(6),
          r.OptStr(7)};
}

std::vector<Image> ImagesOf(db::UnitOfWork& uow, std::int64_t product_id) {
  std::vector<Image> out;
  for (const db::Row& r : uow.Query(sql::kImagesOf, {product_id})) out.push_back(ReadImage(r));
  return out;
}

std::unexpected<Error> NoProduct(std::int64_t id) {
  return Fail(Errc::kNotFound, "No product with id '" + std::to_string(id) + "'.");
}

// Every file of an image: the original and its variants.
std::vector<std::filesystem::path> FilesOf(const std::filesystem::path& media_dir, const std::string& file_path,
                                           const std::optional<std::string>& variants_json) {
  std::vector<std::filesystem::path> out{media_dir / file_path};
  const auto dir = (media_dir / file_path).parent_path();
  for (const VariantFile& v : ParseVariants(variants_json)) {
    out.push_back(dir / std::filesystem::path(v.webp).filename());
    out.push_back(dir / std::filesystem::path(v.original).filename());
  }
  return out;
}

void RemoveFiles(const std::vector<std::filesystem::path>& files) {
  for (const auto& f : files) {
    std::error_code ec;
    std::filesystem::remove(f, ec);
  }
}

}  // namespace

Result<Image> ImageService::Upload(std::int64_t product_id, std::string_view data, std::optional<std::string> alt,
                                   audit::AuditEntry who) {
  auto decoded = Inspect(data);
  if (!decoded) return std::unexpected(decoded.error());
  auto exists = db_.Read([&](db::UnitOfWork& uow) -> Result<bool> {
    return uow.QueryOne(kProductExists, {product_id}).has_value();
  });
  if (!exists) return std::unexpected(exists.error());
  if (!*exists) return NoProduct(product_id);

  // The file first (under a name nobody can guess), then the row; a failed row removes it.
  const std::string rel_dir = "products/" + std::to_string(product_id);
  const std::string name = crypto::RandomToken(12) + "." + std::string(Extension(decoded->format));
  std::error_code ec;
  std::filesystem::create_directories(media_dir_ / rel_dir, ec);
  const auto path = media_dir_ / rel_dir / name;
  const auto tmp = std::filesystem::path(path.string() + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) {
      RemoveFiles({tmp});
      return Fail(Errc::kInternal, "", "cannot write " + tmp.string());
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    RemoveFiles({tmp});
    return Fail(Errc::kInternal, "", "cannot rename " + tmp.string() + ": " + ec.message());
  }
  const std::string url = "/media/" + rel_dir + "/" + name;
  auto image = db_.Write([&](db::UnitOfWork& uow) -> Result<Image> {
    if (uow.Exec("UPDATE products SET updated_at = CURRENT_TIMESTAMP WHERE id = ? AND deleted_at IS NULL",
                 {product_id})
            .affected == 0) {
      return NoProduct(product_id);
    }
    const std::int64_t position = uow.QueryOne(kNextPosition, {product_id})->Int(0);
    const std::int64_t id =
        uow.Exec(kInsertImage, {product_id, url, db::Opt(alt), position, std::int64_t{decoded->width},
                                std::int64_t{decoded->height}, rel_dir + "/" + name})
            .last_insert_id;
    jobs_.Enqueue(uow, kImageJob, json::serialize(json::object{{"image_id", id}}), {.max_attempts = 3});
    search_log::Record(uow, search_log::kProduct, product_id);
    Audit(uow, who, "product.image_upload", "product", product_id,
          json::serialize(json::object{{"image_id", id}, {"url", url}}));
    InvalidateAfterCommit(uow, catalog_);
    return ReadImage(*uow.QueryOne(kImageById, {id}));
  });
  if (!image) RemoveFiles({path});
  return image;
}

Result<std::vector<Image>> ImageService::Reorder(std::int64_t product_id, const std::vector<std::int64_t>& ids,
                                                 audit::AuditEntry who) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<std::vector<Image>> {
    if (uow.Exec("UPDATE products SET updated_at = CURRENT_TIMESTAMP WHERE id = ? AND deleted_at IS NULL",
                 {product_id})
            .affected == 0) {
      return NoProduct(product_id);
    }
    std::set<std::int64_t> stored, given(ids.begin(), ids.end());
    for (const Image& i : ImagesOf(uow, product_id)) stored.insert(i.id);
    if (given.size() != ids.size() || given != stored) {
      return Invalid({{"ids", "mismatch", "list every image of the product exactly once"}});
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
      uow.Exec(kSetPosition, {static_cast<std::int64_t>(i + 1), ids[i], product_id});
    }
    json::array order;
    for (auto id : ids) order.push_back(id);
    search_log::Record(uow, search_log::kProduct, product_id);
    Audit(uow, who, "product.image_reorder", "product", product_id, json::serialize(json::object{{"ids", order}}));
    InvalidateAfterCommit(uow, catalog_);
    return ImagesOf(uow, product_id);
  });
}

Result<void> ImageService::Remove(std::int64_t product_id, std::int64_t image_id, audit::AuditEntry who) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    auto row = uow.QueryOne(kImageById, {image_id});
    if (!row || row->Int(9) != product_id) {
      return Fail(Errc::kNotFound, "No image " + std::to_string(image_id) + " of product " +
                                       std::to_string(product_id) + ".");
    }
    uow.Exec(kDeleteImage, {image_id, product_id});
    if (!row->IsNull(8)) {
      auto files = FilesOf(media_dir_, row->Str(8), row->OptStr(7));
      uow.AfterCommit([files] { RemoveFiles(files); });
    }
    search_log::Record(uow, search_log::kProduct, product_id);
    Audit(uow, who, "product.image_delete", "product", product_id,
          json::serialize(json::object{{"image_id", image_id}, {"url", row->Str(1)}}));
    InvalidateAfterCommit(uow, catalog_);
    return {};
  });
}

Result<void> ImageService::MakeVariantsJob(jobs::Context& ctx) {
  boost::system::error_code ec;
  json::value payload = json::parse(ctx.job().payload, ec);
  if (ec || !payload.is_object() || !payload.as_object().contains("image_id")) {
    return Fail(Errc::kInternal, "", "image.variants: bad payload");
  }
  const std::int64_t image_id = payload.as_object().at("image_id").to_number<std::int64_t>();
  auto row = db_.Read([&](db::UnitOfWork& uow) -> Result<std::optional<db::Row>> {
    return uow.QueryOne(kImageById, {image_id});
  });
  if (!row) return std::unexpected(row.error());
  if (!*row || (*row)->IsNull(8)) {
    ctx.SetResult(R"({"status":"gone"})");  // deleted before its variants were made
    return {};
  }
  const std::string file_path = (*row)->Str(8);
  const auto original = media_dir_ / file_path;
  const auto format = [&]() -> std::optional<Format> {
    const std::string ext = original.extension().string();
    if (ext == ".jpg") return Format::kJpeg;
    if (ext == ".png") return Format::kPng;
    if (ext == ".webp") return Format::kWebp;
    return std::nullopt;
  }();
  if (!format) return Fail(Errc::kInternal, "", "image.variants: unknown extension of " + file_path);
  const std::string url_dir = "/media/" + std::filesystem::path(file_path).parent_path().string();
  ctx.Progress(0, 1);
  auto variants = MakeVariants(original, *format, url_dir);
  if (!variants) return std::unexpected(variants.error());
  const std::string stored = VariantsJson(*variants);
  auto updated = db_.Write([&](db::UnitOfWork& uow) -> Result<bool> {
    const bool found = uow.Exec(kSetVariants, {stored, image_id, file_path}).affected > 0;
    if (found) {
      search_log::Record(uow, search_log::kProduct, (*row)->Int(9));
      InvalidateAfterCommit(uow, catalog_);
    }
    return found;
  });
  if (!updated) return std::unexpected(updated.error());
  if (!*updated) {
    // Deleted while resizing: its files were removed after that commit; these are left over.
    RemoveFiles(FilesOf(media_dir_, file_path, stored));
  }
  ctx.Progress(1, 1);
  ctx.SetResult(json::serialize(json::object{{"image_id", image_id}, {"variants", variants->size()}}));
  return {};
}

std::optional<std::filesystem::path> ImageService::MediaFile(std::string_view product, std::string_view file) const {
  if (product.empty() || product.size() > 19 ||
      !std::ranges::all_of(product, [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  // Only names we write: [A-Za-z0-9_-]+ then one known extension (no dots, no slashes).
  const auto dot = file.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || MediaType(file).empty()) return std::nullopt;
  for (char c : file.substr(0, dot)) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return std::nullopt;
  }
  auto path = media_dir_ / "products" / std::string(product) / std::string(file);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  return path;
}

}  // namespace moderno::catalog::images
