#pragma once
// Test fixtures on real databases: a fresh SQLite file, or a fresh database on the MariaDB
// that scripts/with-mariadb.sh started (MODERNO_TEST_BACKEND=mysql), and a running server.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "app/app.hpp"

namespace moderno::testing {

// True when this test run targets MariaDB/MySQL.
bool UsingMysql();

// A fresh, empty database, dropped at the end.
class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  const std::string& url() const { return url_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;  // temp dir (SQLite file, data dir)
  std::string url_;
  std::string mysql_admin_url_;
  std::string mysql_name_;
};

struct StoreOptions {
  bool seed_demo = false;
  int extra_products = 0;
  std::string web_dist;  // empty: a dir with no web app
  int cache_ttl_seconds = 60;
  std::size_t max_body_bytes = 1 << 20;
  // Rate limits by class; none by default so that suites are not throttled.
  std::map<std::string, http::RatePolicy> rate_limits;
  std::string trusted_proxies;
  app::Clocks clocks;
  // Last word on the configuration (e.g. Stripe pointed at a local fake).
  std::function<void(config::Config&)> configure;
};

// A user created for a test, signed in over HTTP.
struct TestUser {
  std::int64_t id = 0;
  std::string email;
  std::string password;
  std::string access_token;
  std::string refresh_token;
  // {"Authorization", "Bearer <access_token>"} for HttpClient calls.
  std::vector<std::pair<std::string, std::string>> auth() const {
    return {{"Authorization", "Bearer " + access_token}};
  }
};

// A migrated (and optionally seeded) database with the server listening on a free port.
class TestStore {
 public:
  explicit TestStore(StoreOptions options = {});
  ~TestStore();
  app::App& app() { return *app_; }
  std::uint16_t port() const { return port_; }
  const TestDatabase& database() const { return db_; }
  // Starts serving (separate from construction so tests can add routes first).
  void Start();
  // Graceful stop; returns when Run() returned.
  void Stop();
  // Creates a user with `role` (email verified) and signs it in through POST /api/v1/auth/login.
  // Needs Start(). The email is unique per call unless given.
  TestUser CreateUser(http::Role role, std::string email = "");

  // Direct SQL for arranging and checking a test (a failure is a test failure).
  // Runs one statement in its own write transaction.
  void Exec(const std::string& sql, const std::vector<db::Value>& params = {});
  // The first column of the first row as an integer; -1 when there is no row.
  std::int64_t Scalar(const std::string& sql, const std::vector<db::Value>& params = {});
  // The first column of the first row as text; "<none>" when there is no row.
  std::string Text(const std::string& sql, const std::vector<db::Value>& params = {});

 private:
  TestDatabase db_;
  std::unique_ptr<app::App> app_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  bool running_ = false;
};

// Another node of the same shop: its own App and port over `store`'s database and secrets (its
// own data dir), like a second server behind the load balancer. Serves until destroyed.
class TestNode {
 public:
  // `name` tells the data dirs of several nodes of one store apart.
  explicit TestNode(TestStore& store, app::Clocks clocks = {}, const std::string& name = "node2");
  ~TestNode();
  TestNode(const TestNode&) = delete;
  TestNode& operator=(const TestNode&) = delete;
  app::App& app() { return *app_; }
  std::uint16_t port() const { return port_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<app::App> app_;
  std::thread thread_;
  std::uint16_t port_ = 0;
};

}  // namespace moderno::testing
