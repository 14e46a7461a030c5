#include "catalog/summaries.hpp"

#include <algorithm>
#include <cstring>
#include <mutex>

#include "catalog/repository.hpp"

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

}  // namespace

SummaryTable::Entry SummaryTable::Encode(const ProductSummary& s, std::uint8_t generation) {
  Entry e;
  e.price = s.price;
  if (s.compare_price) {
    e.compare_price = *s.compare_price;
    e.flags |= kHasCompare;
  }
  e.stock = s.stock;
  e.reviews = s.reviews_count;
  e.category_id = s.category.id;
  e.brand_id = s.brand ? s.brand->id : 0;
  if (s.rating) {
    e.rating = *s.rating;
    e.flags |= kHasRating;
  }
  if (s.is_featured) e.flags |= kFeatured;
  if (s.short_description) e.flags |= kHasShort;
  e.generation = generation;
  std::string text;
  for (const std::string* field : {&s.name, &s.slug, &s.sku}) PutString(text, *field);
  PutString(text, s.short_description.value_or(""));
  PutString(text, s.currency);
  PutString(text, s.created_at);
  PutVarint(text, s.images.size());
  for (const auto& url : s.images) PutString(text, url);
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

void SummaryTable::Put(std::span<const ProductSummary> visible, std::span<const std::int64_t> ids,
                       std::uint8_t generation) {
  std::vector<std::pair<std::int64_t, Entry>> entries;
  entries.reserve(visible.size());
  for (const ProductSummary& p : visible) entries.emplace_back(p.id, Encode(p, generation));
  std::unique_lock lock(mu_);
  for (std::int64_t id : ids) {
    if (auto it = entries_.find(id); it != entries_.end()) {
      text_bytes_ -= it->second.text_size;
      entries_.erase(it);
    }
  }
  // Names as the rows show them: a product moved to a category or brand created since the
  // last load has its name at once.
  for (const ProductSummary& p : visible) {
    categories_.insert_or_assign(p.category.id, p.category);
    if (p.brand) brands_.insert_or_assign(p.brand->id, p.brand->name);
  }
  for (auto& [id, entry] : entries) {
    text_bytes_ += entry.text_size;
    entries_.insert_or_assign(id, std::move(entry));
  }
}

Result<void> SummaryTable::Store(db::Database& db, const std::vector<std::int64_t>& ids, std::uint8_t generation) {
  auto visible = db.Read([&](db::UnitOfWork& uow) -> Result<std::vector<ProductSummary>> {
    return Repository().SummariesByIds(uow, ids);
  });
  if (!visible) return std::unexpected(visible.error());
  Put(*visible, ids, generation);
  return {};
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
  // Every product's id a chunk at a time by primary key (a range of the table, not a search of
  // the visibility index from the start each time), then the visible ones' summaries by id.
  const std::string next = "SELECT id FROM products WHERE id > ? ORDER BY id LIMIT " + std::to_string(chunk_);
  std::int64_t after = 0;
  for (;;) {
    auto chunk = db.Read([&](db::UnitOfWork& uow) -> Result<db::Rows> { return uow.Query(next, {after}); });
    if (!chunk) return std::unexpected(chunk.error());
    if (chunk->empty()) break;
    std::vector<std::int64_t> ids;
    ids.reserve(chunk->size());
    for (const db::Row& r : *chunk) ids.push_back(r.Int(0));
    if (auto stored = Store(db, ids, generation); !stored) return stored;
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
    if (auto stored = Store(db, std::vector<std::int64_t>(chunk.begin(), chunk.end()), generation); !stored) {
      return stored;
    }
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
