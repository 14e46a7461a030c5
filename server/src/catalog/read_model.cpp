#include "catalog/read_model.hpp"

#include <chrono>
#include <string>

#include "catalog/repository.hpp"
#include "platform/log/log.hpp"

namespace moderno::catalog {
namespace {

constexpr std::string_view kVisible = " FROM products p WHERE p.is_active = 1 AND p.deleted_at IS NULL";
constexpr std::string_view kKeys =
    "SELECT p.id, p.category_id, COALESCE(p.brand_id, 0), p.price, p.is_featured";
constexpr std::string_view kInStockIds =
    "SELECT DISTINCT product_id FROM inventory WHERE quantity > reserved_quantity";
// Stock reloads come at most this often (each reads every in-stock product id).
constexpr auto kStockInterval = std::chrono::milliseconds(250);

constexpr Sort kSortOf[] = {Sort::kNewest, Sort::kPriceAsc, Sort::kPriceDesc, Sort::kName, Sort::kRating,
                            Sort::kPopularity};

std::size_t SortIndex(Sort s) {
  switch (s) {
    case Sort::kNewest:
    case Sort::kRelevance: return 0;  // the same ORDER BY without a search
    case Sort::kPriceAsc: return 1;
    case Sort::kPriceDesc: return 2;
    case Sort::kName: return 3;
    case Sort::kRating: return 4;
    case Sort::kPopularity: return 5;
  }
  return 0;
}

}  // namespace

ReadModel::ReadModel(db::Database& db) : db_(db) {}

ReadModel::~ReadModel() { Stop(); }

void ReadModel::Start() {
  thread_ = std::jthread([this](std::stop_token stop) { Loop(stop); });
}

void ReadModel::Stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  wake_.notify_all();
  thread_.join();
}

void ReadModel::CatalogChanged() {
  {
    std::lock_guard lock(mu_);
    rebuild_wanted_ = true;
  }
  wake_.notify_all();
}

void ReadModel::LocalWrite() {
  writes_.fetch_add(1);
  CatalogChanged();
}

void ReadModel::StockChanged() {
  {
    std::lock_guard lock(mu_);
    stock_wanted_ = true;
  }
  wake_.notify_all();
}

void ReadModel::LocalStockWrite() {
  stock_writes_.fetch_add(1);
  StockChanged();
}

bool ReadModel::Current() const {
  std::lock_guard lock(mu_);
  return snap_ && !rebuild_wanted_ && !stock_wanted_ && writes_built_.load() == writes_.load() &&
         stock_built_.load() == stock_writes_.load();
}

std::size_t ReadModel::Products() const {
  std::lock_guard lock(mu_);
  return snap_ ? snap_->ids.size() : 0;
}

std::size_t ReadModel::MemoryBytes() const {
  std::lock_guard lock(mu_);
  if (!snap_) return 0;
  const std::size_t n = snap_->ids.size();
  // Vectors by position, the orders, and the two hash maps (node + bucket, roughly).
  return n * (8 + 4 + 8 + 8 + 1 + 1) + n * 4 * kSorts + snap_->position.size() * 40 +
         snap_->category_index.size() * 40;
}

Result<void> ReadModel::Rebuild() {
  const std::uint64_t writes = writes_.load();
  const std::uint64_t stock_writes = stock_writes_.load();
  auto built = db_.Read([&](db::UnitOfWork& uow) -> Result<std::shared_ptr<Snapshot>> {
    auto s = std::make_shared<Snapshot>();
    const db::Rows keys = uow.Query(std::string(kKeys) + std::string(kVisible));
    const std::size_t n = keys.size();
    s->ids.reserve(n);
    s->category.reserve(n);
    s->brand.reserve(n);
    s->price.reserve(n);
    s->featured.reserve(n);
    s->position.reserve(n);
    for (const db::Row& r : keys) {
      const auto pos = static_cast<std::uint32_t>(s->ids.size());
      s->ids.push_back(r.Int(0));
      auto [cat, added] = s->category_index.try_emplace(r.Int(1), static_cast<std::int32_t>(s->category_index.size()));
      s->category.push_back(cat->second);
      s->brand.push_back(r.Int(2));
      s->price.push_back(r.Int(3));
      s->featured.push_back(r.Bool(4) ? 1 : 0);
      s->position.emplace(r.Int(0), pos);
    }
    s->in_stock.assign(n, 0);
    for (const db::Row& r : uow.Query(kInStockIds)) {
      if (auto it = s->position.find(r.Int(0)); it != s->position.end()) s->in_stock[it->second] = 1;
    }
    for (std::size_t k = 0; k < kSorts; ++k) {
      auto& order = s->order[k];
      order.reserve(n);
      for (const db::Row& r : uow.Query("SELECT p.id" + std::string(kVisible) + std::string(OrderBy(kSortOf[k])))) {
        // A product made visible between the two reads is left for the next build.
        if (auto it = s->position.find(r.Int(0)); it != s->position.end()) order.push_back(it->second);
      }
    }
    return s;
  });
  if (!built) return std::unexpected(built.error());
  std::lock_guard lock(mu_);
  snap_ = std::move(*built);
  stock_.reset();
  stock_for_ = nullptr;
  writes_built_ = writes;
  stock_built_ = stock_writes;
  return {};
}

Result<void> ReadModel::ReloadStock() {
  const std::uint64_t stock_writes = stock_writes_.load();
  std::shared_ptr<const Snapshot> base;
  {
    std::lock_guard lock(mu_);
    base = snap_;
  }
  if (!base) return Rebuild();
  auto ids = db_.Read([&](db::UnitOfWork& uow) -> Result<db::Rows> { return uow.Query(kInStockIds); });
  if (!ids) return std::unexpected(ids.error());
  std::vector<std::uint8_t> in_stock(base->ids.size(), 0);
  for (const db::Row& r : *ids) {
    if (auto it = base->position.find(r.Int(0)); it != base->position.end()) in_stock[it->second] = 1;
  }
  auto fresh = std::make_shared<const std::vector<std::uint8_t>>(std::move(in_stock));
  std::lock_guard lock(mu_);
  if (snap_ != base) return {};  // rebuilt meanwhile, with its own stock
  stock_ = std::move(fresh);
  stock_for_ = base.get();
  stock_built_ = stock_writes;
  return {};
}

void ReadModel::Loop(std::stop_token stop) {
  auto last_stock = std::chrono::steady_clock::now() - kStockInterval;
  while (!stop.stop_requested()) {
    bool rebuild = false, stock = false;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, stop, [&] { return rebuild_wanted_ || stock_wanted_; });
      if (stop.stop_requested()) return;
      rebuild = rebuild_wanted_;
      stock = stock_wanted_ && !rebuild;
      if (stock && std::chrono::steady_clock::now() - last_stock < kStockInterval) {
        wake_.wait_for(lock, stop, kStockInterval, [&] { return rebuild_wanted_; });
        continue;
      }
      rebuild_wanted_ = false;
      if (rebuild || stock) stock_wanted_ = false;
    }
    const auto started = std::chrono::steady_clock::now();
    auto done = rebuild ? Rebuild() : ReloadStock();
    if (stock) last_stock = started;
    if (!done) {
      log::Warn("catalog read model not refreshed", {{"error", done.error().internal}});
      {
        std::lock_guard lock(mu_);
        rebuild_wanted_ = rebuild_wanted_ || rebuild;
        stock_wanted_ = stock_wanted_ || stock;
      }
      std::unique_lock lock(mu_);
      wake_.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; });
      continue;
    }
    if (rebuild) {
      log::Info("catalog read model built",
                {{"products", static_cast<long long>(Products())},
                 {"ms", static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                   std::chrono::steady_clock::now() - started)
                                                   .count())}});
    }
  }
}

std::optional<IdPage> ReadModel::Page(const ProductQuery& q) const {
  if (!q.search_words.empty() || writes_built_.load() != writes_.load()) return std::nullopt;
  if (q.in_stock && stock_built_.load() != stock_writes_.load()) return std::nullopt;
  std::shared_ptr<const Snapshot> s;
  std::shared_ptr<const std::vector<std::uint8_t>> reloaded;
  {
    std::lock_guard lock(mu_);
    s = snap_;
    if (stock_for_ == s.get()) reloaded = stock_;
  }
  if (!s) return std::nullopt;
  const std::vector<std::uint8_t>& in_stock = reloaded ? *reloaded : s->in_stock;
  std::vector<std::uint8_t> allowed;
  if (!q.category_ids.empty()) {
    allowed.assign(s->category_index.size(), 0);
    for (auto id : q.category_ids) {
      if (auto it = s->category_index.find(id); it != s->category_index.end()) allowed[static_cast<std::size_t>(it->second)] = 1;
    }
  }
  const std::int64_t offset = static_cast<std::int64_t>(q.page - 1) * q.limit;
  IdPage page;
  std::int64_t count = 0;
  for (std::uint32_t pos : s->order[SortIndex(q.sort)]) {
    if (!allowed.empty() && !allowed[static_cast<std::size_t>(s->category[pos])]) continue;
    if (q.brand_id && s->brand[pos] != *q.brand_id) continue;
    if (q.price_min && s->price[pos] < *q.price_min) continue;
    if (q.price_max && s->price[pos] > *q.price_max) continue;
    if (q.featured && (s->featured[pos] != 0) != *q.featured) continue;
    if (q.in_stock && (in_stock[pos] != 0) != *q.in_stock) continue;
    if (count >= offset && count < offset + q.limit) page.ids.push_back(s->ids[pos]);
    ++count;
  }
  page.total = count;
  return page;
}

}  // namespace moderno::catalog
