#pragma once
// Uploaded product images: stored under <data-dir>/media/products/<product id>/<random>.<ext>,
// resized by the durable job kImageJob into srcset variants, reordered and deleted by staff.
// Every change is one transaction with its audit record and drops the catalog cache on commit;
// files are written before the row (and removed if it fails) and deleted only after commit.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.hpp"
#include "catalog/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "platform/jobs/jobs.hpp"

namespace moderno::catalog::images {

inline constexpr const char* kImageJob = "image.variants";
// Largest upload (the route's body limit).
inline constexpr std::size_t kImageMaxBytes = 10u << 20;

class ImageService {
 public:
  // `media_dir` is <data-dir>/media, served at /media.
  ImageService(db::Database& db, Service& catalog, jobs::Queue& jobs, std::filesystem::path media_dir)
      : db_(db), catalog_(catalog), jobs_(jobs), media_dir_(std::move(media_dir)) {}

  // Stores an upload after sniffing and decoding it (422 otherwise; 404 for unknown products)
  // as the product's last image, status "processing", and queues its variants.
  Result<Image> Upload(std::int64_t product_id, std::string_view data, std::optional<std::string> alt,
                       audit::AuditEntry who);
  // The product's images in the given order; 422 unless `ids` are exactly its images.
  Result<std::vector<Image>> Reorder(std::int64_t product_id, const std::vector<std::int64_t>& ids,
                                     audit::AuditEntry who);
  // Removes an image (404 when it is not this product's); its files go after commit.
  Result<void> Remove(std::int64_t product_id, std::int64_t image_id, audit::AuditEntry who);
  // The image.variants job: makes the variants of the image in the payload {"image_id"}.
  Result<void> MakeVariantsJob(jobs::Context& ctx);

  // A stored media file by its URL path under /media ("products/12/x-320.webp"), nullopt
  // when it does not exist or the path is not one we write.
  std::optional<std::filesystem::path> MediaFile(std::string_view product, std::string_view file) const;

 private:
  db::Database& db_;
  Service& catalog_;
  jobs::Queue& jobs_;
  std::filesystem::path media_dir_;
};

}  // namespace moderno::catalog::images
