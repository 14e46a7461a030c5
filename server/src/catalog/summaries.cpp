#include "catalog/summaries.hpp"

#include <algorithm>
#include <cstring>
#include <mutex>

#include "catalog/queries.hpp"
#include "platform/time/time.hpp"

namespace moderno::catalog {
namespace {

constexpr std::uint8_t kFeatured = 1, kHasCompare = 2, kHasRating = 4, kHasShort = 8;

void PutVarint(std::string& out, std::size_t n) {
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
}

void PutString(std::string& out, std::string_view s) {
  PutVarint(out, s.size());
  out.append(s);
}

// Reads the packed text in order.
class Reader {
 public:
  Reader(const char* data, std::size_t size) : p_(data), end_(data + size) {}
  std::size_t Varint() {
    std::size_t n = 0;
    for (int shift = 0; p_ < end_; shift += 7) {
      const auto byte = static_cast<unsigned char>(*p_++);
      n |= static_cast<std::size_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) break;
    }
    return n;
  }
  std::string String() {
    const std::size_t n = std::min<std::size_t>(Varint(), static_cast<std::size_t>(end_ - p_));
    std::string s(p_, n);
    p_ += n;
    return s;
  }

 private:
  const char* p_;
  const char* end_;
};

std::string SummarySelect(std::string_view where) {
  return std::string(sql::kSummaryColumns) + std::string(sql::kVisibleColumn) + std::string(sql::kSummaryFrom) +
         std::string(where);
}

}  // namespace

SummaryTable::Entry SummaryTable::Encode(const db::Row& r, const std::vector<std::string>& images,
                                         std::uint8_t generation) {
  Entry e;
  e.price = r.Int(5);
  if (!r.IsNull(6)) {
    e.compare_price = r.Int(6);
    e.flags |= kHasCompare;
  }
  e.stock = std::max<std::int64_t>(0, r.Int(17));
  e.reviews = r.Int(14);
  e.category_id = r.Int(8);
  e.brand_id = r.IsNull(11) ? 0 : r.Int(11);
  if (!r.IsNull(13)) {
    e.rating = r.Real(13);
    e.flags |= kHasRating;
  }
  if (r.Bool(15)) e.flags |= kFeatured;
  if (!r.IsNull(4)) e.flags |= kHasShort;
  e.generation = generation;
  std::string text;
  for (std::size_t column : {1, 2, 3, 4, 7}) PutString(text, r.IsNull(column) ? std::string() : r.Str(column));
  PutString(text, time::IsoFromSql(r.Str(16)));
  PutVarint(text, images.size());
  for (const auto& url : images) PutString(text, url);
  e.text_size = static_cast<std::uint32_t>(text.size());
  e.text = std::make_unique<char[]>(text.size());
  std::memcpy(e.text.get(), text.data(), text.size());
  return e;
}

std::optional<ProductSummary> SummaryTable::Decode(std::int64_t id, const Entry& e) const {
  auto category = categories_.find(e.category_id);
  if (category == categories_.end()) return std::nullopt;
  std::optional<BrandRef> brand;
  if (e.brand_id != 0) {
    auto b = brands_.find(e.brand_id);
    if (b == brands_.end()) return std::nullopt;
    brand = BrandRef{e.brand_id, b->second};
  }
  ProductSummary s;
  s.id = id;
  Reader in(e.text.get(), e.text_size);
  s.name = in.String();
  s.slug = in.String();
  s.sku = in.String();
  std::string short_description = in.String();
  if (e.flags & kHasShort) s.short_description = std::move(short_description);
  s.currency = in.String();
  s.created_at = in.String();
  const std::size_t images = in.Varint();
  for (std::size_t i = 0; i < images; ++i) s.images.push_back(in.String());
  s.price = e.price;
  if (e.flags & kHasCompare) s.compare_price = e.compare_price;
  s.category = category->second;
  s.brand = std::move(brand);
  s.stock = e.stock;
  if (e.flags & kHasRating) s.rating = e.rating;
  s.reviews_count = e.reviews;
  s.is_featured = (e.flags & kFeatured) != 0;
  return s;
}

void SummaryTable::Put(const Batch& batch, std::span<const std::int64_t> ids, std::uint8_t generation) {
  static const std::vector<std::string> kNoImages;
  std::vector<std::pair<std::int64_t, Entry>> visible;
  for (const db::Row& r : batch.rows) {
    if (!r.Bool(18)) continue;
    auto images = batch.images.find(r.Int(0));
    visible.emplace_back(r.Int(0), Encode(r, images == batch.images.end() ? kNoImages : images->second, generation));
  }
  std::unique_lock lock(mu_);
  for (std::int64_t id : ids) {
    if (auto it = entries_.find(id); it != entries_.end()) {
      text_bytes_ -= it->second.text_size;
      entries_.erase(it);
    }
  }
  // Names as the rows show them: a product moved to a category or brand created since the
  // last load has its name at once.
  for (const db::Row& r : batch.rows) {
    if (!r.Bool(18)) continue;
    categories_.insert_or_assign(r.Int(8), CategoryRef{r.Int(8), r.Str(9), r.Str(10)});
    if (!r.IsNull(11)) brands_.insert_or_assign(r.Int(11), r.Str(12));
  }
  for (auto& [id, entry] : visible) {
    text_bytes_ += entry.text_size;
    entries_.insert_or_assign(id, std::move(entry));
  }
}

Result<void> SummaryTable::Load(db::Database& db) {
  auto names = db.Read([&](db::UnitOfWork& uow) -> Result<std::pair<db::Rows, db::Rows>> {
    return std::pair{uow.Query("SELECT id, name, slug FROM categories"), uow.Query("SELECT id, name FROM brands")};
  });
  if (!names) return std::unexpected(names.error());
  std::uint8_t generation = 0;
  {
    std::unique_lock lock(mu_);
    generation = ++generation_;
    categories_.clear();
    for (const db::Row& r : names->first) categories_.emplace(r.Int(0), CategoryRef{r.Int(0), r.Str(1), r.Str(2)});
    brands_.clear();
    for (const db::Row& r : names->second) brands_.emplace(r.Int(0), r.Str(1));
  }
  // Every product a chunk at a time by primary key (hidden ones are read and dropped): a
  // range of the table, not a search of the visibility index from the start each time.
  const std::string next = SummarySelect(" WHERE p.id > ? ORDER BY p.id LIMIT " + std::to_string(chunk_));
  const std::string images =
      "SELECT product_id, url FROM product_images WHERE product_id > ? AND product_id <= ? "
      "ORDER BY product_id, position, id";
  std::int64_t after = 0;
  for (;;) {
    auto batch = db.Read([&](db::UnitOfWork& uow) -> Result<Batch> {
      Batch out;
      out.rows = uow.Query(next, {after});
      if (out.rows.empty()) return out;
      for (const db::Row& r : uow.Query(images, {after, out.rows.back().Int(0)})) {
        out.images[r.Int(0)].push_back(r.Str(1));
      }
      return out;
    });
    if (!batch) return std::unexpected(batch.error());
    if (batch->rows.empty()) break;
    std::vector<std::int64_t> ids;
    ids.reserve(batch->rows.size());
    for (const db::Row& r : batch->rows) ids.push_back(r.Int(0));
    Put(*batch, ids, generation);
    after = ids.back();
    if (ids.size() < chunk_) break;
  }
  std::unique_lock lock(mu_);
  std::erase_if(entries_, [&](const auto& kv) {
    if (kv.second.generation == generation) return false;
    text_bytes_ -= kv.second.text_size;
    return true;
  });
  loaded_ = true;
  return {};
}

Result<void> SummaryTable::Refresh(db::Database& db, std::span<const std::int64_t> ids) {
  std::uint8_t generation = 0;
  {
    std::shared_lock lock(mu_);
    generation = generation_;
  }
  for (std::size_t begin = 0; begin < ids.size(); begin += chunk_) {
    const auto chunk = ids.subspan(begin, std::min(chunk_, ids.size() - begin));
    const std::vector<db::Value> params(chunk.begin(), chunk.end());
    const std::string in = "IN (" + db::Placeholders(chunk.size()) + ")";
    auto batch = db.Read([&](db::UnitOfWork& uow) -> Result<Batch> {
      Batch out;
      out.rows = uow.Query(SummarySelect(" WHERE p.id " + in), params);
      for (const db::Row& r : uow.Query("SELECT product_id, url FROM product_images WHERE product_id " + in +
                                            " ORDER BY product_id, position, id",
                                        params)) {
        out.images[r.Int(0)].push_back(r.Str(1));
      }
      return out;
    });
    if (!batch) return std::unexpected(batch.error());
    Put(*batch, chunk, generation);
  }
  return {};
}

std::vector<std::optional<ProductSummary>> SummaryTable::Get(std::span<const std::int64_t> ids) const {
  std::vector<std::optional<ProductSummary>> out(ids.size());
  std::shared_lock lock(mu_);
  if (!loaded_) return {};
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (auto it = entries_.find(ids[i]); it != entries_.end()) out[i] = Decode(ids[i], it->second);
  }
  return out;
}

bool SummaryTable::Loaded() const {
  std::shared_lock lock(mu_);
  return loaded_;
}

std::size_t SummaryTable::Products() const {
  std::shared_lock lock(mu_);
  return entries_.size();
}

std::size_t SummaryTable::MemoryBytes() const {
  std::shared_lock lock(mu_);
  // A node (next pointer, id, entry), rounded as malloc does, a bucket, and each text with
  // malloc's header.
  constexpr std::size_t kNode = (8 + 8 + sizeof(Entry) + 15) / 16 * 16;
  return entries_.size() * (kNode + 16) + entries_.bucket_count() * 8 + text_bytes_ +
         (categories_.size() + brands_.size()) * 96;
}

}  // namespace moderno::catalog
