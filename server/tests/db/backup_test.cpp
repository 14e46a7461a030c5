// Backups, restores and copies of a whole shop on both databases: a backup taken while buyers
// check out restores to a consistent snapshot that a new shop serves (same catalog, orders and
// decryptable addresses); a quiet shop restores and copies row for row, in both dialects; a
// damaged archive or a non-empty target is refused and nothing is written.
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <thread>

#include "orders_fixture.hpp"
#include "platform/backup/backup.hpp"
#include "platform/crypto/cipher.hpp"

namespace moderno::backup {
// Readable failures: the table, its rows and its checksum.
inline void PrintTo(const TableSummary& t, std::ostream* os) { *os << t.table << ":" << t.rows << ":" << t.checksum.substr(0, 12); }
}  // namespace moderno::backup

namespace moderno::testing {
namespace {

namespace fs = std::filesystem;

// Every row of every data table as text, sorted: two databases with the same data give the
// same lists whatever their dialect.
std::map<std::string, std::vector<std::string>> AllRows(const std::string& url) {
  auto conn = db::Connect(url, true);
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& table : backup::DataTables(*conn)) {
    auto& rows = out[table];
    for (const auto& r : conn->Query("SELECT * FROM `" + table + "`", {})) {
      std::string line;
      for (std::size_t i = 0; i < r.size(); ++i) {
        if (r.IsNull(i)) {
          line += "NULL|";
        } else if (auto d = std::get_if<double>(&r.Cell(i)); d && std::floor(*d) == *d) {
          line += std::to_string(static_cast<long long>(*d)) + "|";
        } else {
          line += r.Str(i) + "|";
        }
      }
      rows.push_back(line);
    }
    std::sort(rows.begin(), rows.end());
  }
  return out;
}

void ExpectSameRows(const std::string& a, const std::string& b) {
  const auto left = AllRows(a), right = AllRows(b);
  ASSERT_EQ(left.size(), right.size());
  for (const auto& [table, rows] : left) {
    ASSERT_TRUE(right.contains(table)) << table;
    EXPECT_EQ(rows, right.at(table)) << "table " << table << " differs";
  }
}

// A shop served from a restored data dir and database.
class RestoredShop {
 public:
  RestoredShop(const fs::path& data_dir, const std::string& url) {
    config::Config cfg;
    cfg.port = 0;
    cfg.data_dir = data_dir.string();
    cfg.database_url = url;
    cfg.web_dist = (data_dir / "no-web").string();
    cfg.db_pool_size = 2;
    app_ = std::make_unique<app::App>(cfg);
    port_ = app_->Listen();
    thread_ = std::thread([this] { app_->Run(false); });
  }
  ~RestoredShop() {
    app_->Stop();
    thread_.join();
  }
  std::uint16_t port() const { return port_; }

 private:
  std::unique_ptr<app::App> app_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

class BackupTest : public OrdersTest {
 protected:
  void SetUp() override {
    work_ = fs::temp_directory_path() / ("moderno_backup_" + crypto::RandomToken(6));
    fs::create_directories(work_);
    key_file_ = (work_ / "backup.key").string();
    std::ofstream(key_file_) << crypto::Cipher::NewBase64Key() << "\n";
    data_dir_ = store_->app().config().data_dir;
    // An uploaded image, as the image service stores it.
    fs::create_directories(data_dir_ / "media/products/1");
    std::ofstream(data_dir_ / "media/products/1/foto-320.webp", std::ios::binary) << std::string(5000, '\x7f') << "fin";
  }
  void TearDown() override { fs::remove_all(work_); }

  backup::BackupOptions Options() const {
    return {store_->app().config().database_url, data_dir_, work_ / "backups", key_file_, "test"};
  }
  fs::path Backup() const {
    auto archive = backup::CreateBackup(Options());
    EXPECT_TRUE(archive) << (archive ? "" : archive.error().detail + " " + archive.error().internal);
    return archive ? *archive : fs::path();
  }
  // Restores into a fresh database of this run's dialect and a fresh data dir.
  Result<backup::RestoreReport> Restore(const fs::path& archive, const TestDatabase& target, const fs::path& dir) {
    return backup::RestoreBackup({archive, dir, target.url(), key_file_, false, nullptr});
  }

  fs::path work_, data_dir_;
  std::string key_file_;
};

TEST_F(BackupTest, ABackupTakenWhileBuyersCheckOutRestoresAConsistentShop) {
  std::vector<std::int64_t> products;
  for (int s = 0; s < 3; ++s) products.push_back(MakeProduct("BAK-" + std::to_string(s), 4990, {{"W1", 400}, {"W2", 400}}));
  std::vector<TestUser> buyers;
  constexpr int kBuyers = 32;  // as issue 18 asks: 32 buyers checking out during the backup
  for (int i = 0; i < kBuyers; ++i) buyers.push_back(store_->CreateUser(http::Role::kCustomer));
  std::atomic<bool> stop{false};
  std::atomic<int> placed{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kBuyers; ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0; !stop || n < 2; ++n) {
        auto r = PlaceOrder(&buyers[t], json::array{Line(products[n % 3], 1 + n % 2), Line(products[(n + 1) % 3], 1)},
                            n % 2 ? "manual" : "sandbox");
        if (r.status == 201) ++placed;
        else ++failed;
      }
    });
  }
  while (placed < 40) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const fs::path archive = Backup();
  const int at_backup = placed;
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  stop = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  ASSERT_FALSE(archive.empty());
  ASSERT_GT(placed.load(), at_backup) << "orders kept coming during the backup";

  TestDatabase target;
  const fs::path dir = work_ / "restored";
  auto restored = Restore(archive, target, dir);
  ASSERT_TRUE(restored) << restored.error().detail << " " << restored.error().internal;
  EXPECT_EQ(restored->media_files, 1u);
  EXPECT_EQ(restored->secret_files, 2u);

  // Row for row what the snapshot held: the manifest's checksums were taken inside it.
  {
    auto conn = db::Connect(target.url(), true);
    backup::BeginSnapshot(*conn);
    EXPECT_EQ(backup::Summarize(*conn), restored->manifest.tables);
    conn->Rollback();
  }
  // One snapshot: every order has its items, every unit sold its reservation, and for every
  // product the initial stock is what remains plus what the orders hold.
  db::Database db(target.url(), 1);
  auto scalar = [&](const std::string& sql, std::vector<db::Value> params = {}) {
    return db.Read([&](db::UnitOfWork& uow) -> Result<std::int64_t> { return uow.QueryOne(sql, params)->Int(0); }).value();
  };
  const auto orders = scalar("SELECT COUNT(*) FROM orders");
  EXPECT_GE(orders, 40);
  EXPECT_LT(orders, placed.load() + 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)"), 0);
  for (std::int64_t p : products) {
    const auto sold = scalar("SELECT COALESCE(SUM(oi.quantity), 0) FROM order_items oi JOIN orders o ON o.id = oi.order_id "
                             "WHERE oi.product_id = ? AND o.status <> 'cancelled'", {p});
    const auto available = scalar("SELECT SUM(quantity - reserved_quantity) FROM inventory WHERE product_id = ?", {p});
    EXPECT_EQ(available + sold, 800) << "product " << p;
    EXPECT_EQ(scalar("SELECT COALESCE(SUM(r.quantity), 0) FROM stock_reservations r JOIN inventory i ON i.id = r.inventory_id "
                     "WHERE i.product_id = ? AND r.state <> 'released'", {p}), sold);
  }
  // Every restored order is the source's order with the same id and total. Not necessarily its
  // first orders: an id is taken at insert, so on MariaDB an order with a lower id may commit
  // after the snapshot while a higher one is in it.
  auto totals = [](db::Database& from) {
    std::map<std::int64_t, std::int64_t> out;
    const db::Rows rows = from.Read([](db::UnitOfWork& uow) -> Result<db::Rows> {
      return uow.Query("SELECT id, total_amount FROM orders");
    }).value();
    for (const db::Row& r : rows) out.emplace(r.Int(0), r.Int(1));
    return out;
  };
  const auto restored_totals = totals(db);
  const auto source_totals = totals(store_->app().db());
  EXPECT_EQ(static_cast<std::int64_t>(restored_totals.size()), orders);
  for (const auto& [id, total] : restored_totals) {
    auto it = source_totals.find(id);
    ASSERT_NE(it, source_totals.end()) << "order " << id << " is the source's";
    EXPECT_EQ(it->second, total) << "order " << id;
  }

  // The restored shop serves the same catalog, and a buyer's orders with readable addresses
  // (the restored secrets: the buyer's token still signs in, the address key decrypts).
  RestoredShop shop(dir, target.url());
  auto mine = CallApi(shop.port(), "GET", "/api/v1/orders", "", &buyers[0]);
  ASSERT_EQ(mine.status, 200) << mine.raw;
  const auto& items = mine.body.at("data").as_array();
  ASSERT_FALSE(items.empty());
  const auto id = items[0].at("id").as_int64();
  auto one = CallApi(shop.port(), "GET", "/api/v1/orders/" + std::to_string(id), "", &buyers[0]);
  ASSERT_EQ(one.status, 200) << one.raw;
  EXPECT_NE(one.raw.find("Av. Providencia"), std::string::npos) << one.raw;
  auto catalog = CallApi(shop.port(), "GET", "/api/v1/products?limit=100&sort=name", "");
  auto source_catalog = CallApi(port(), "GET", "/api/v1/products?limit=100&sort=name", "");
  ASSERT_EQ(catalog.status, 200) << catalog.raw;
  EXPECT_EQ(catalog.body.at("pagination").at("total"), source_catalog.body.at("pagination").at("total"));
  ASSERT_FALSE(catalog.body.at("data").as_array().empty());
  for (std::size_t i = 0; i < catalog.body.at("data").as_array().size(); ++i) {
    EXPECT_EQ(catalog.body.at("data").as_array()[i].at("sku"), source_catalog.body.at("data").as_array()[i].at("sku"));
    EXPECT_EQ(catalog.body.at("data").as_array()[i].at("price"), source_catalog.body.at("data").as_array()[i].at("price"));
  }
}

TEST_F(BackupTest, AQuietShopRestoresRowForRowAndVerifies) {
  MakeProduct("BAK-Q", 1990, {{"W1", 5}});
  ASSERT_EQ(PlaceOrder(customer_, json::array{Line(Scalar("SELECT id FROM products WHERE sku = 'BAK-Q'"), 2)}).status, 201);
  const fs::path archive = Backup();
  auto verified = backup::VerifyBackup(archive, key_file_);
  ASSERT_TRUE(verified) << verified.error().detail;
  EXPECT_TRUE(verified->secrets_checked);
  EXPECT_EQ(verified->manifest.source_dialect, UsingMysql() ? "mysql" : "sqlite");
  // The secrets travel sealed: neither key appears in the archive's members.
  std::string everything;
  backup::ReadArchive(archive, [&](const std::string&, std::uint64_t, const backup::ChunkReader& next) {
    for (auto c = next(); !c.empty(); c = next()) everything.append(c);
  });
  for (const char* secret : {"encryption_key", "jwt_secret"}) {
    std::ifstream in(data_dir_ / "secrets" / secret);
    std::string value;
    std::getline(in, value);
    ASSERT_GE(value.size(), 32u);
    EXPECT_EQ(everything.find(value), std::string::npos) << secret << " is in the archive in clear";
  }

  TestDatabase target;
  auto restored = Restore(archive, target, work_ / "restored");
  ASSERT_TRUE(restored) << restored.error().detail << " " << restored.error().internal;
  ExpectSameRows(store_->app().config().database_url, target.url());
  for (const char* secret : {"encryption_key", "jwt_secret"}) {
    std::ifstream a(data_dir_ / "secrets" / secret), b(work_ / "restored/secrets" / secret);
    std::string x, y;
    std::getline(a, x);
    std::getline(b, y);
    EXPECT_FALSE(x.empty());
    EXPECT_EQ(x, y) << secret;
    EXPECT_EQ(fs::status(work_ / "restored/secrets" / secret).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  }

  // Into the other dialect too: the archive's SQLite restores into SQLite whatever the source.
  const fs::path dir = work_ / "restored-sqlite";
  const std::string url = "sqlite:" + (dir / "moderno.db").string();
  auto again = backup::RestoreBackup({archive, dir, url, key_file_, false, nullptr});
  ASSERT_TRUE(again) << again.error().detail << " " << again.error().internal;
  ExpectSameRows(store_->app().config().database_url, url);

  // A non-empty target is refused, then replaced with --force.
  auto refused = Restore(archive, target, work_ / "restored");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().detail.find("not empty"), std::string::npos) << refused.error().detail;
  auto forced = backup::RestoreBackup({archive, work_ / "restored", target.url(), key_file_, true, nullptr});
  ASSERT_TRUE(forced) << forced.error().detail << " " << forced.error().internal;
  ExpectSameRows(store_->app().config().database_url, target.url());
}

TEST_F(BackupTest, CorruptedOrTruncatedArchivesAreRefusedAndNothingIsWritten) {
  const fs::path archive = Backup();
  std::string bytes;
  {
    std::ifstream in(archive, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_GT(bytes.size(), 1000u);
  const fs::path truncated = work_ / "truncated.tar.gz", corrupted = work_ / "corrupted.tar.gz";
  std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() * 2 / 3);
  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x40;
  std::ofstream(corrupted, std::ios::binary) << flipped;
  for (const auto& bad : {truncated, corrupted}) {
    auto verified = backup::VerifyBackup(bad, key_file_);
    ASSERT_FALSE(verified) << bad;
    EXPECT_TRUE(verified.error().detail.find("truncated") != std::string::npos ||
                verified.error().detail.find("corrupted") != std::string::npos) << verified.error().detail;
    TestDatabase target;
    const fs::path dir = work_ / ("target-" + bad.stem().string());
    auto restored = Restore(bad, target, dir);
    ASSERT_FALSE(restored);
    EXPECT_FALSE(fs::exists(dir)) << "nothing written for " << bad;
    EXPECT_FALSE(backup::HasTables(*db::Connect(target.url()))) << "nothing written for " << bad;
  }
  // A wrong key: the secrets do not open, so nothing is restored.
  std::ofstream(key_file_) << crypto::Cipher::NewBase64Key() << "\n";
  TestDatabase target;
  auto wrong = Restore(archive, target, work_ / "wrong-key");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().detail.find("BACKUP_KEY_FILE"), std::string::npos) << wrong.error().detail;
  EXPECT_FALSE(fs::exists(work_ / "wrong-key"));
  // No key at all while there are secrets: the backup says what to set.
  auto options = Options();
  options.key_file.clear();
  auto refused = backup::CreateBackup(options);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().detail.find("BACKUP_KEY_FILE"), std::string::npos) << refused.error().detail;
}

TEST_F(BackupTest, CopyDataMovesTheShopToTheOtherDialectAndBack) {
  MakeProduct("BAK-C", 2990, {{"W1", 3}});
  ASSERT_EQ(PlaceOrder(customer_, json::array{Line(Scalar("SELECT id FROM products WHERE sku = 'BAK-C'"), 1)}).status, 201);
  const std::string source = store_->app().config().database_url;
  // On the MariaDB run: MariaDB -> SQLite -> a new MariaDB; on the SQLite run, SQLite twice.
  const std::string middle = "sqlite:" + (work_ / "copy.db").string();
  std::int64_t last_done = -1, last_total = -1;
  auto there = backup::CopyData(source, middle, false, [&](std::int64_t done, std::int64_t total) {
    EXPECT_GE(done, last_done);
    last_done = done;
    last_total = total;
  });
  ASSERT_TRUE(there) << there.error().detail << " " << there.error().internal;
  EXPECT_EQ(last_done, last_total);
  EXPECT_EQ(there->rows, last_total);
  ExpectSameRows(source, middle);
  TestDatabase back;
  auto again = backup::CopyData(middle, back.url(), false);
  ASSERT_TRUE(again) << again.error().detail << " " << again.error().internal;
  ExpectSameRows(source, back.url());
  EXPECT_EQ(again->tables, there->tables);
  // New rows on the copy get new ids after the copied ones (sequences follow the data).
  db::Database copy(back.url(), 1);
  auto id = copy.Write([](db::UnitOfWork& uow) -> Result<std::int64_t> {
    return uow.Exec("INSERT INTO categories (name, slug, is_active) VALUES ('Nueva', 'nueva-copia', 1)").last_insert_id;
  });
  ASSERT_TRUE(id);
  EXPECT_GT(*id, Scalar("SELECT MAX(id) FROM categories"));
  // A target with tables is refused unless replaced.
  auto refused = backup::CopyData(source, back.url(), false);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().detail.find("not empty"), std::string::npos);
  auto replaced = backup::CopyData(source, back.url(), true);
  ASSERT_TRUE(replaced) << replaced.error().detail << " " << replaced.error().internal;
  ExpectSameRows(source, back.url());
}

}  // namespace
}  // namespace moderno::testing
