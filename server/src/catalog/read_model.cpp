#include "catalog/read_model.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <limits>
#include <string>

#include "catalog/repository.hpp"
#include "platform/log/log.hpp"

namespace moderno::catalog {
namespace {

constexpr std::string_view kVisible = " FROM products p WHERE p.is_active = 1 AND p.deleted_at IS NULL";
// A product's keys (0-8); visibility (9) and whether it is in stock (10) are columns for the
// rows of Apply.
constexpr std::string_view kKeys =
    "SELECT p.id, p.category_id, COALESCE(p.brand_id, 0), p.price, p.is_featured, p.rating_avg, "
    "p.reviews_count, p.sales_count, p.name";
constexpr std::string_view kVisibleColumn =
    ", CASE WHEN p.is_active = 1 AND p.deleted_at IS NULL THEN 1 ELSE 0 END, "
    "CASE WHEN EXISTS (SELECT 1 FROM inventory i WHERE i.product_id = p.id AND i.quantity > i.reserved_quantity) "
    "THEN 1 ELSE 0 END FROM products p WHERE p.id IN (";
constexpr std::string_view kInStockIds =
    "SELECT DISTINCT product_id FROM inventory WHERE quantity > reserved_quantity";
// Stock reloads come at most this often (each reads every in-stock product id).
constexpr auto kStockInterval = std::chrono::milliseconds(250);
// A local write not covered by an applied batch within this long rebuilds the model.
constexpr auto kLocalWriteWait = std::chrono::seconds(1);
// More products pending than this rebuild rather than move one by one.
constexpr std::size_t kMaxPending = 5000;
constexpr std::size_t kIdsPerRead = 500;

constexpr Sort kSortOf[] = {Sort::kNewest, Sort::kPriceAsc, Sort::kPriceDesc, Sort::kName, Sort::kRating,
                            Sort::kPopularity};
// The sorts whose keys an edit can change and memory can compare (newest and name: never moved).
constexpr std::size_t kMovable[] = {1, 2, 4, 5};

double RatingKey(const db::Row& r, std::size_t i) {
  return r.IsNull(i) ? -std::numeric_limits<double>::infinity() : r.Real(i);
}

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

void ReadModel::Coverage::Count() {
  last = counted.fetch_add(1) + 1;
  last_at = std::chrono::steady_clock::now();
}

void ReadModel::Coverage::Cover(std::chrono::steady_clock::time_point read_at) {
  // Every write counted before the batch was read is in it (it committed before it was counted).
  if (read_at > last_at) covers = std::max(covers, last);
}

void ReadModel::Coverage::Built(std::uint64_t n) { built = std::max(built.load(), n); }

bool ReadModel::Coverage::Overdue(std::chrono::steady_clock::time_point now) const {
  return built.load() < last && now - last_at > kLocalWriteWait;
}

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
    reload_wanted_ = true;  // names, and the products of a batch not listed
  }
  wake_.notify_all();
}

void ReadModel::ProductsChanged(std::vector<std::int64_t> ids, std::chrono::steady_clock::time_point read_at,
                                bool complete) {
  {
    std::lock_guard lock(mu_);
    pending_.insert(ids.begin(), ids.end());
    if (pending_.size() > kMaxPending) rebuild_wanted_ = true;
    if (complete) {
      listed_.Cover(read_at);
      carded_.Cover(read_at);
    }
  }
  wake_.notify_all();
}

void ReadModel::LocalWrite() {
  {
    std::lock_guard lock(mu_);
    listed_.Count();
    carded_.Count();
  }
  wake_.notify_all();
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
  {
    std::lock_guard lock(mu_);
    carded_.Count();  // a card shows its stock
  }
  StockChanged();
}

bool ReadModel::Current() const {
  std::lock_guard lock(mu_);
  return snap_ && !rebuild_wanted_ && !stock_wanted_ && pending_.empty() &&
         listed_.Trusted() && stock_built_.load() == stock_writes_.load() && !reload_wanted_ &&
         summaries_.Loaded() && carded_.Trusted();
}

std::size_t ReadModel::Products() const {
  std::lock_guard lock(mu_);
  return snap_ ? snap_->frame->ids.size() : 0;
}

std::size_t ReadModel::MemoryBytes() const {
  std::lock_guard lock(mu_);
  if (!snap_) return 0;
  const Frame& f = *snap_->frame;
  const std::size_t n = f.ids.size();
  std::size_t listed = 0;  // positions in the per-category orders
  for (const Orders& o : snap_->subtree_order) listed += o[0].size() * kSorts * 4;
  // Vectors by position, the orders, the two hash maps (node + bucket, roughly).
  return n * (8 + 8 + 4 + 8 + 8 + 1 + 1 + 8 + 8 + 8) + n * 4 * kSorts + listed + f.position.size() * 40 +
         f.category_index.size() * 40;
}

bool ReadModel::Before(const Snapshot& s, std::size_t sort, std::uint32_t a, std::uint32_t b) {
  const auto& ids = s.frame->ids;
  switch (sort) {  // as OrderBy: ties by id
    case 1: return s.price[a] != s.price[b] ? s.price[a] < s.price[b] : ids[a] < ids[b];
    case 2: return s.price[a] != s.price[b] ? s.price[a] > s.price[b] : ids[a] > ids[b];
    case 4:
      if (s.rating[a] != s.rating[b]) return s.rating[a] > s.rating[b];
      return s.reviews[a] != s.reviews[b] ? s.reviews[a] > s.reviews[b] : ids[a] < ids[b];
    case 5: return s.sales[a] != s.sales[b] ? s.sales[a] > s.sales[b] : ids[a] < ids[b];
    default: return false;  // newest and name come from the database only
  }
}

void ReadModel::Move(const Snapshot& s, std::size_t k, std::vector<std::uint32_t>& order, std::uint32_t pos) {
  order.erase(std::ranges::find(order, pos));
  auto to = std::ranges::lower_bound(order, pos, [&](std::uint32_t a, std::uint32_t b) { return Before(s, k, a, b); });
  order.insert(to, pos);
}

void ReadModel::Split(Snapshot& s) {
  const Frame& f = *s.frame;
  std::vector<std::size_t> sizes(f.subtree.size(), 0);
  for (std::int32_t c : s.category) {
    for (std::uint32_t e : f.subtrees_of[static_cast<std::size_t>(c)]) ++sizes[e];
  }
  s.subtree_order.assign(f.subtree.size(), Orders{});
  for (std::size_t e = 0; e < sizes.size(); ++e) {
    for (auto& o : s.subtree_order[e]) o.reserve(sizes[e]);
  }
  for (std::size_t k = 0; k < kSorts; ++k) {
    for (std::uint32_t pos : s.order[k]) {
      for (std::uint32_t e : f.subtrees_of[static_cast<std::size_t>(s.category[pos])]) s.subtree_order[e][k].push_back(pos);
    }
  }
}

Result<void> ReadModel::Rebuild() {
  const std::uint64_t writes = listed_.counted.load();
  const std::uint64_t stock_writes = stock_writes_.load();
  auto built = db_.Read([&](db::UnitOfWork& uow) -> Result<std::shared_ptr<Snapshot>> {
    auto f = std::make_shared<Frame>();
    auto s = std::make_shared<Snapshot>();
    const db::Rows keys = uow.Query(std::string(kKeys) + std::string(kVisible));
    const std::size_t n = keys.size();
    for (auto* v : {&f->ids, &s->brand, &s->price, &s->reviews, &s->sales}) v->reserve(n);
    s->category.reserve(n);
    s->featured.reserve(n);
    s->rating.reserve(n);
    f->name_hash.reserve(n);
    f->position.reserve(n);
    for (const db::Row& r : keys) {
      const auto pos = static_cast<std::uint32_t>(f->ids.size());
      f->ids.push_back(r.Int(0));
      auto [cat, added] = f->category_index.try_emplace(r.Int(1), static_cast<std::int32_t>(f->category_index.size()));
      s->category.push_back(cat->second);
      s->brand.push_back(r.Int(2));
      s->price.push_back(r.Int(3));
      s->featured.push_back(r.Bool(4) ? 1 : 0);
      s->rating.push_back(RatingKey(r, 5));
      s->reviews.push_back(r.Int(6));
      s->sales.push_back(r.Int(7));
      f->name_hash.push_back(std::hash<std::string>{}(r.Str(8)));
      f->position.emplace(r.Int(0), pos);
    }
    s->in_stock.assign(n, 0);
    for (const db::Row& r : uow.Query(kInStockIds)) {
      if (auto it = f->position.find(r.Int(0)); it != f->position.end()) s->in_stock[it->second] = 1;
    }
    for (std::size_t k = 0; k < kSorts; ++k) {
      auto& order = s->order[k];
      order.reserve(n);
      for (const db::Row& r : uow.Query("SELECT p.id" + std::string(kVisible) + std::string(OrderBy(kSortOf[k])))) {
        // A product made visible between the two reads is left for the next build.
        if (auto it = f->position.find(r.Int(0)); it != f->position.end()) order.push_back(it->second);
      }
    }
    // Each category's subtree exactly as the taxonomy gives it to a query.
    const CategoryTree tree = Repository().LoadCategoryTree(uow);
    f->subtrees_of.resize(f->category_index.size());
    for (const auto& [id, c] : tree.by_id) {
      const auto entry = static_cast<std::uint32_t>(f->subtree.size());
      std::vector<std::int64_t> members = tree.Subtree(id);
      for (std::int64_t m : members) {
        if (auto it = f->category_index.find(m); it != f->category_index.end()) {
          f->subtrees_of[static_cast<std::size_t>(it->second)].push_back(entry);
        }
      }
      f->subtree.emplace(std::move(members), entry);
    }
    s->frame = std::move(f);
    Split(*s);
    return s;
  });
  if (!built) return std::unexpected(built.error());
  std::lock_guard lock(mu_);
  snap_ = std::move(*built);
  builds_.fetch_add(1);
  stock_.reset();
  stock_for_ = nullptr;
  listed_.Built(writes);
  stock_built_ = stock_writes;
  return {};
}

Result<void> ReadModel::Apply(std::span<const std::int64_t> ids) {
  if (ids.empty()) return {};
  std::shared_ptr<const Snapshot> base;
  std::shared_ptr<const std::vector<std::uint8_t>> reloaded;
  {
    std::lock_guard lock(mu_);
    base = snap_;
    if (stock_for_ == base.get()) reloaded = stock_;
  }
  if (!base) return Rebuild();
  const Frame& f = *base->frame;
  // Whether each product is in stock now, and the applied products that went in or out.
  const std::vector<std::uint8_t>& in_stock = reloaded ? *reloaded : base->in_stock;
  std::vector<std::pair<std::uint32_t, std::uint8_t>> flipped;
  auto rows = db_.Read([&](db::UnitOfWork& uow) -> Result<db::Rows> {
    db::Rows all;
    for (std::size_t begin = 0; begin < ids.size(); begin += kIdsPerRead) {
      std::string sql = std::string(kKeys) + std::string(kVisibleColumn);
      std::vector<db::Value> params;
      for (std::size_t i = begin; i < std::min(ids.size(), begin + kIdsPerRead); ++i) {
        sql += params.empty() ? "?" : ",?";
        params.emplace_back(ids[i]);
      }
      for (db::Row& r : uow.Query(sql + ")", params)) all.push_back(std::move(r));
    }
    return all;
  });
  if (!rows) return std::unexpected(rows.error());
  // A listed product whose row is gone (deleted): rebuild.
  std::size_t listed = 0;
  for (std::int64_t id : ids) listed += f.position.contains(id) ? 1 : 0;
  std::shared_ptr<Snapshot> s;  // copied at the first change
  bool moved_category = false;
  for (const db::Row& r : *rows) {
    auto at = f.position.find(r.Int(0));
    const bool visible = r.Bool(9);
    if (at == f.position.end()) {
      if (visible) return Rebuild();  // newly visible: its place in every order
      continue;
    }
    --listed;
    const std::uint32_t pos = at->second;
    auto cat = f.category_index.find(r.Int(1));
    // Hidden, renamed, or moved to a category the model does not list yet: rebuild.
    if (!visible || cat == f.category_index.end() || std::hash<std::string>{}(r.Str(8)) != f.name_hash[pos]) {
      return Rebuild();
    }
    if (const std::uint8_t in = r.Bool(10) ? 1 : 0; in != in_stock[pos]) flipped.emplace_back(pos, in);
    const Snapshot& now = s ? *s : *base;
    const std::int64_t brand = r.Int(2), price = r.Int(3), reviews = r.Int(6), sales = r.Int(7);
    const std::uint8_t featured = r.Bool(4) ? 1 : 0;
    const double rating = RatingKey(r, 5);
    if (cat->second == now.category[pos] && brand == now.brand[pos] && featured == now.featured[pos] &&
        price == now.price[pos] && rating == now.rating[pos] && reviews == now.reviews[pos] && sales == now.sales[pos]) {
      continue;  // e.g. a stock move that did not change its sales
    }
    if (!s) s = std::make_shared<Snapshot>(*base);
    moved_category = moved_category || s->category[pos] != cat->second;
    s->category[pos] = cat->second;
    s->brand[pos] = brand;
    s->featured[pos] = featured;
    const bool price_moved = price != s->price[pos];
    const bool rating_moved = rating != s->rating[pos] || reviews != s->reviews[pos];
    const bool sales_moved = sales != s->sales[pos];
    s->price[pos] = price;
    s->rating[pos] = rating;
    s->reviews[pos] = reviews;
    s->sales[pos] = sales;
    for (std::size_t k : kMovable) {
      if (!(k <= 2 ? price_moved : k == 4 ? rating_moved : sales_moved)) continue;
      Move(*s, k, s->order[k], pos);
      // The category orders too, unless they are split again below.
      if (moved_category) continue;
      for (std::uint32_t e : f.subtrees_of[static_cast<std::size_t>(s->category[pos])]) Move(*s, k, s->subtree_order[e][k], pos);
    }
  }
  if (listed != 0) return Rebuild();
  if (!s && flipped.empty()) return {};  // nothing a listing shows changed
  // A product in or out of stock: a copy of the in-stock set (a byte a product) with the change,
  // instead of reading every in-stock id again.
  std::shared_ptr<const std::vector<std::uint8_t>> fresh;
  if (!flipped.empty()) {
    auto changed = std::make_shared<std::vector<std::uint8_t>>(in_stock);
    for (auto [pos, in] : flipped) (*changed)[pos] = in;
    fresh = std::move(changed);
  }
  if (s && moved_category) Split(*s);
  std::lock_guard lock(mu_);
  if (snap_ != base) return {};  // rebuilt meanwhile, from later rows
  if (s) snap_ = std::move(s);
  if (fresh) {
    stock_ = std::move(fresh);
    stock_for_ = snap_.get();
  } else if (stock_for_ == base.get()) {
    stock_for_ = snap_.get();  // positions are unchanged
  }
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
  const Frame& f = *base->frame;
  std::vector<std::uint8_t> in_stock(f.ids.size(), 0);
  for (const db::Row& r : *ids) {
    if (auto it = f.position.find(r.Int(0)); it != f.position.end()) in_stock[it->second] = 1;
  }
  auto fresh = std::make_shared<const std::vector<std::uint8_t>>(std::move(in_stock));
  std::lock_guard lock(mu_);
  if (snap_ != base) return {};  // rebuilt meanwhile, with its own stock
  stock_ = std::move(fresh);
  stock_for_ = base.get();
  stock_built_ = stock_writes;
  return {};
}

Result<void> ReadModel::LoadSummaries() {
  const std::uint64_t counted = carded_.counted.load();
  auto loaded = summaries_.Load(db_);
  if (loaded) carded_.Built(counted);
  return loaded;
}

Result<void> ReadModel::RefreshSummaries(std::span<const std::int64_t> ids) { return summaries_.Refresh(db_, ids); }

void ReadModel::Loop(std::stop_token stop) {
  using namespace std::chrono;
  auto last_stock = steady_clock::now() - kStockInterval;
  while (!stop.stop_requested()) {
    bool rebuild = false, stock = false, apply = false, reload = false;
    std::vector<std::int64_t> ids;
    std::uint64_t covers = 0, card_covers = 0;
    {
      std::unique_lock lock(mu_);
      auto uncovered = [&] { return listed_.Uncovered() || carded_.Uncovered(); };
      auto overdue = [&] { return listed_.Overdue(steady_clock::now()) || carded_.Overdue(steady_clock::now()); };
      // Woken by work, or every 250 ms to see whether a local write went uncovered too long.
      wake_.wait_for(lock, stop, kStockInterval, [&] {
        return rebuild_wanted_ || reload_wanted_ || stock_wanted_ || !pending_.empty() || uncovered() || overdue();
      });
      if (stop.stop_requested()) return;
      if (listed_.Overdue(steady_clock::now())) rebuild_wanted_ = true;
      if (carded_.Overdue(steady_clock::now())) reload_wanted_ = true;
      rebuild = rebuild_wanted_;
      reload = reload_wanted_;
      apply = !rebuild && (!pending_.empty() || uncovered());
      stock = stock_wanted_ && !rebuild && !apply;
      if (stock && steady_clock::now() - last_stock < kStockInterval) {  // not yet: other work may come
        if (!reload) {
          wake_.wait_until(lock, stop, last_stock + kStockInterval,
                           [&] { return rebuild_wanted_ || reload_wanted_ || !pending_.empty(); });
          continue;
        }
        stock = false;  // the summaries now, the stock when its time comes
      }
      if (!rebuild && !apply && !stock && !reload) continue;
      rebuild_wanted_ = false;
      reload_wanted_ = false;
      if (rebuild || stock) stock_wanted_ = false;
      if (rebuild || apply) {
        ids.assign(pending_.begin(), pending_.end());
        covers = listed_.covers;
        card_covers = carded_.covers;
        pending_.clear();
      }
    }
    const auto started = steady_clock::now();
    // The summaries follow the same products: all of them loaded alongside (on the other core;
    // a load reads after every pending product), or the pending ones read again after.
    Result<void> carded;
    auto loaded_at = started;
    std::jthread loading;
    if (reload) {
      loading = std::jthread([&] {
        carded = LoadSummaries();
        loaded_at = steady_clock::now();
      });
    }
    Result<void> done;
    if (rebuild) done = Rebuild();
    else if (apply) done = Apply(ids);
    else if (stock) done = ReloadStock();
    const auto built_at = steady_clock::now();
    if (stock) last_stock = started;
    if (done && apply) listed_.Built(covers);
    if (reload) {
      loading.join();
    } else if (rebuild || apply) {
      carded = RefreshSummaries(ids);
      if (carded) carded_.Built(card_covers);
    }
    if (!done || !carded) {
      log::Warn("catalog read model not refreshed", {{"error", (done ? carded : done).error().internal}});
      std::unique_lock lock(mu_);
      rebuild_wanted_ = rebuild_wanted_ || (!done && (rebuild || apply));
      stock_wanted_ = stock_wanted_ || (!done && stock);
      reload_wanted_ = reload_wanted_ || !carded;
      wake_.wait_for(lock, stop, seconds(1), [] { return false; });
      continue;
    }
    if (rebuild) {
      log::Info("catalog read model built",
                {{"products", static_cast<long long>(Products())},
                 {"ms", static_cast<long long>(duration_cast<milliseconds>(built_at - started).count())}});
    }
    if (reload) {
      log::Info("catalog summaries loaded",
                {{"products", static_cast<long long>(summaries_.Products())},
                 {"ms", static_cast<long long>(duration_cast<milliseconds>(loaded_at - started).count())}});
    }
  }
}

std::optional<IdPage> ReadModel::Page(const ProductQuery& q) const {
  if (!q.search_words.empty() || !listed_.Trusted()) return std::nullopt;
  if (q.in_stock && stock_built_.load() != stock_writes_.load()) return std::nullopt;
  std::shared_ptr<const Snapshot> s;
  std::shared_ptr<const std::vector<std::uint8_t>> reloaded;
  {
    std::lock_guard lock(mu_);
    s = snap_;
    if (stock_for_ == s.get()) reloaded = stock_;
  }
  if (!s) return std::nullopt;
  const Frame& f = *s->frame;
  const std::vector<std::uint8_t>& in_stock = reloaded ? *reloaded : s->in_stock;
  const std::size_t sort = SortIndex(q.sort);
  // The category's own order when the model knows its subtree; otherwise every product, filtered.
  const std::vector<std::uint32_t>* order = &s->order[sort];
  std::vector<std::uint8_t> allowed;
  if (!q.category_ids.empty()) {
    if (auto it = f.subtree.find(q.category_ids); it != f.subtree.end()) {
      order = &s->subtree_order[it->second][sort];
    } else {
      allowed.assign(f.category_index.size(), 0);
      for (auto id : q.category_ids) {
        if (auto c = f.category_index.find(id); c != f.category_index.end()) allowed[static_cast<std::size_t>(c->second)] = 1;
      }
    }
  }
  const std::int64_t offset = static_cast<std::int64_t>(q.page - 1) * q.limit;
  IdPage page;
  const bool filtered = !allowed.empty() || q.brand_id || q.price_min || q.price_max || q.featured || q.in_stock;
  if (!filtered) {  // a slice
    page.total = static_cast<std::int64_t>(order->size());
    for (std::int64_t i = offset; i < std::min(page.total, offset + q.limit); ++i) {
      page.ids.push_back(f.ids[(*order)[static_cast<std::size_t>(i)]]);
    }
    return page;
  }
  std::int64_t count = 0;
  for (std::uint32_t pos : *order) {
    if (!allowed.empty() && !allowed[static_cast<std::size_t>(s->category[pos])]) continue;
    if (q.brand_id && s->brand[pos] != *q.brand_id) continue;
    if (q.price_min && s->price[pos] < *q.price_min) continue;
    if (q.price_max && s->price[pos] > *q.price_max) continue;
    if (q.featured && (s->featured[pos] != 0) != *q.featured) continue;
    if (q.in_stock && (in_stock[pos] != 0) != *q.in_stock) continue;
    if (count >= offset && count < offset + q.limit) page.ids.push_back(f.ids[pos]);
    ++count;
  }
  page.total = count;
  return page;
}

std::vector<std::optional<ProductSummary>> ReadModel::Summaries(std::span<const std::int64_t> ids) const {
  if (!carded_.Trusted()) return {};
  return summaries_.Get(ids);
}

}  // namespace moderno::catalog
