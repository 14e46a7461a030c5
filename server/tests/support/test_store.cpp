#include "test_store.hpp"

#include <cctype>
#include <fstream>

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "accounts/users.hpp"
#include "catalog/seed.hpp"
#include "http_client.hpp"
#include "platform/db/migrate.hpp"

namespace moderno::testing {
namespace {
std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}
}  // namespace

bool UsingMysql() {
  const std::string backend = Env("MODERNO_TEST_BACKEND");
  if (backend == "mysql") {
    // The MariaDB suite must never quietly fall back to SQLite.
    if (Env("MODERNO_TEST_MYSQL_URL").empty()) {
      throw std::runtime_error("MODERNO_TEST_BACKEND=mysql needs MODERNO_TEST_MYSQL_URL "
                               "(run through scripts/with-mariadb.sh)");
    }
    return true;
  }
  return false;
}

TestDatabase::TestDatabase() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  const std::string tag = std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
                          std::to_string(rd() % 100000);
  dir_ = std::filesystem::temp_directory_path() / ("moderno_test_" + tag);
  std::filesystem::create_directories(dir_);
  if (UsingMysql()) {
    mysql_admin_url_ = Env("MODERNO_TEST_MYSQL_URL");
    mysql_name_ = "moderno_t_" + tag;
    auto admin = db::Connect(mysql_admin_url_);
    admin->ExecScript("CREATE DATABASE " + mysql_name_ +
                      " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    // Same server and credentials, another database: replace the path of the admin URL.
    auto q = mysql_admin_url_.find('?');
    std::string base = mysql_admin_url_.substr(0, q);
    std::string query = q == std::string::npos ? "" : mysql_admin_url_.substr(q);
    url_ = base.substr(0, base.rfind('/') + 1) + mysql_name_ + query;
  } else {
    url_ = "sqlite:" + (dir_ / "moderno.db").string();
  }
}

TestDatabase::~TestDatabase() {
  if (!mysql_name_.empty()) {
    try {
      db::Connect(mysql_admin_url_)->ExecScript("DROP DATABASE IF EXISTS " + mysql_name_);
    } catch (...) {
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

TestStore::TestStore(StoreOptions options) {
  config::Config cfg;
  cfg.host = "127.0.0.1";
  cfg.port = 0;
  cfg.data_dir = db_.dir().string();
  cfg.database_url = db_.url();
  cfg.web_dist = options.web_dist.empty() ? (db_.dir() / "no-web").string() : options.web_dist;
  cfg.db_pool_size = 4;
  cfg.cache_ttl_seconds = options.cache_ttl_seconds;
  cfg.max_body_bytes = options.max_body_bytes;
  cfg.rate_limits = options.rate_limits;
  cfg.trusted_proxies = options.trusted_proxies;
  if (options.configure) options.configure(cfg);
  app_ = std::make_unique<app::App>(cfg, options.clocks);
  auto migrated = db::MigrateUp(app_->db());
  if (!migrated) throw std::runtime_error("migrate: " + migrated.error().detail);
  if (options.seed_demo || options.extra_products > 0) {
    catalog::SeedOptions so;
    so.demo = options.seed_demo;
    so.extra_products = options.extra_products;
    auto seeded = catalog::Seed(app_->db(), so);
    if (!seeded) throw std::runtime_error("seed: " + seeded.error().detail + " " + seeded.error().internal);
  }
}

void TestStore::Exec(const std::string& sql, const std::vector<db::Value>& params) {
  auto r = app_->db().Write([&](db::UnitOfWork& uow) -> Result<void> {
    uow.Exec(sql, params);
    return {};
  });
  EXPECT_TRUE(r) << sql << ": " << (r ? "" : r.error().internal);
}

std::int64_t TestStore::Scalar(const std::string& sql, const std::vector<db::Value>& params) {
  auto r = app_->db().Read([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
    auto row = uow.QueryOne(sql, params);
    return row ? row->Int(0) : -1;
  });
  EXPECT_TRUE(r) << sql << ": " << (r ? "" : r.error().internal);
  return r ? *r : -1;
}

std::string TestStore::Text(const std::string& sql, const std::vector<db::Value>& params) {
  auto r = app_->db().Read([&](db::UnitOfWork& uow) -> Result<std::string> {
    auto row = uow.QueryOne(sql, params);
    return row ? row->Str(0) : std::string("<none>");
  });
  EXPECT_TRUE(r) << sql << ": " << (r ? "" : r.error().internal);
  return r ? *r : "<error>";
}

void TestStore::Start() {
  port_ = app_->Listen();
  running_ = true;
  thread_ = std::thread([this] { app_->Run(false); });
}

void TestStore::Stop() {
  if (!running_) return;
  app_->Stop();
  thread_.join();
  running_ = false;
}

TestStore::~TestStore() { Stop(); }

TestUser TestStore::CreateUser(http::Role role, std::string email) {
  static std::atomic<int> counter{0};
  if (email.empty()) {
    email = std::string(http::RoleName(role)) + "." + std::to_string(++counter) + "@prueba.cl";
  }
  TestUser u;
  u.email = email;
  u.password = "Secreto#2026";
  accounts::NewUser nu;
  nu.email = email;
  nu.password = u.password;
  nu.name = "Usuario de prueba";
  nu.role = std::string(http::RoleName(role));
  nu.email_verified = true;
  auto id = accounts::CreateUser(app_->db(), nu);
  if (!id) throw std::runtime_error("create user: " + id.error().detail);
  u.id = *id;
  HttpClient c(port_);
  auto r = c.Request("POST", "/api/v1/auth/login", {},
                     R"({"email":")" + email + R"(","password":")" + u.password + R"("})");
  if (r.status != 200) throw std::runtime_error("login failed: " + r.body);
  auto body = boost::json::parse(r.body).as_object();
  u.access_token = std::string(body["access_token"].as_string());
  u.refresh_token = std::string(body["refresh_token"].as_string());
  return u;
}

namespace {
std::string ReadSecret(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}
}  // namespace

TestNode::TestNode(TestStore& store, app::Clocks clocks, const std::string& name) {
  config::Config cfg = store.app().config();
  const std::filesystem::path first = cfg.data_dir;
  dir_ = first.parent_path() / (first.filename().string() + "-" + name);
  std::filesystem::create_directories(dir_);
  cfg.data_dir = dir_.string();
  cfg.port = 0;
  cfg.public_url.clear();
  if (cfg.jwt_secret.empty()) cfg.jwt_secret = ReadSecret(first / "secrets" / "jwt_secret");
  if (cfg.encryption_key.empty()) cfg.encryption_key = ReadSecret(first / "secrets" / "encryption_key");
  app_ = std::make_unique<app::App>(cfg, clocks);
  port_ = app_->Listen();
  thread_ = std::thread([this] { app_->Run(false); });
}

TestNode::~TestNode() {
  app_->Stop();
  thread_.join();
  app_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace moderno::testing
