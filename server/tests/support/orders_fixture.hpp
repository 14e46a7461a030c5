#pragma once
// A store for the order suites: two warehouses, a category, products created with exact stock
// per warehouse, customers and staff, a movable clock, and helpers to call the order API.
#include <gtest/gtest.h>

#include <sstream>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "api.hpp"
#include "fake_clock.hpp"
#include "http_suite.hpp"
#include "test_store.hpp"

namespace moderno::testing {

namespace json = boost::json;

struct StockRow {
  std::int64_t quantity = 0;
  std::int64_t reserved = 0;
};

// The calls and SQL helpers (Call, Exec, Scalar, ...) come from HttpSuite.
class OrdersTest : public HttpSuite {
 protected:
  static void SetUpTestSuite() {
    clock_ = new FakeClock();
    StoreOptions o;
    o.clocks = clock_->clocks();
    o.configure = configure_;
    StartStore(std::move(o));
    Exec("INSERT INTO categories (name, slug, is_active) VALUES ('Pruebas', 'pruebas', 1)");
    category_ = Scalar("SELECT id FROM categories WHERE slug = 'pruebas'");
    Exec("INSERT INTO warehouses (code, name, city, region, priority) VALUES ('W1', 'Bodega 1', 'Santiago', 'RM', 1)");
    Exec("INSERT INTO warehouses (code, name, city, region, priority) VALUES ('W2', 'Bodega 2', 'Valparaíso', 'Valparaíso', 2)");
    customer_ = new TestUser(store_->CreateUser(http::Role::kCustomer));
    other_ = new TestUser(store_->CreateUser(http::Role::kCustomer));
    admin_ = new TestUser(store_->CreateUser(http::Role::kAdmin));
    manager_ = new TestUser(store_->CreateUser(http::Role::kManager));
  }
  static void TearDownTestSuite() {
    delete customer_;
    delete other_;
    delete admin_;
    delete manager_;
    StopStore();
    delete clock_;
  }

  // A product sold without variants, with `stock` units per warehouse code.
  static std::int64_t MakeProduct(const std::string& sku, std::int64_t price,
                                  const std::map<std::string, std::int64_t>& stock, std::int64_t reorder_point = 0) {
    std::string slug = sku;
    for (auto& c : slug) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    Exec("INSERT INTO products (name, slug, sku, search_text, price, category_id, is_active) VALUES (?, ?, ?, ?, ?, ?, 1)",
         {"Producto " + sku, slug, sku, slug, price, category_});
    const std::int64_t id = Scalar("SELECT id FROM products WHERE sku = ?", {sku});
    for (const auto& [code, qty] : stock) {
      Exec("INSERT INTO inventory (product_id, variant_key, warehouse_id, quantity, reorder_point) "
           "SELECT ?, 0, id, ?, ? FROM warehouses WHERE code = ?",
           {id, qty, reorder_point, code});
    }
    return id;
  }
  static StockRow Stock(std::int64_t product_id, const std::string& warehouse) {
    auto r = store_->app().db().Read([&](db::UnitOfWork& uow) -> Result<StockRow> {
      auto row = uow.QueryOne(
          "SELECT i.quantity, i.reserved_quantity FROM inventory i JOIN warehouses w ON w.id = i.warehouse_id "
          "WHERE i.product_id = ? AND w.code = ?",
          {product_id, warehouse});
      return row ? StockRow{row->Int(0), row->Int(1)} : StockRow{-1, -1};
    });
    return r ? *r : StockRow{-1, -1};
  }

  // An address in `region`, with a comuna of that region (a comuna of another region is a 422).
  static json::object Address(const std::string& region = "RM") {
    const std::map<std::string, std::pair<std::string, std::string>> comuna_and_city{
        {"RM", {"Providencia", "Santiago"}},
        {"Valparaíso", {"Viña del Mar", "Viña del Mar"}},
        {"Biobío", {"Concepción", "Concepción"}}};
    const auto it = comuna_and_city.find(region);
    const auto& [comuna, city] = it != comuna_and_city.end() ? it->second : comuna_and_city.at("RM");
    return {{"street", "Av. Providencia"}, {"number", "1234"}, {"comuna", comuna},
            {"city", city},                {"region", region}, {"phone", "+56 9 1234 5678"}};
  }
  static json::object Line(std::int64_t product_id, std::int64_t quantity) {
    return {{"product_id", product_id}, {"quantity", quantity}};
  }
  // POST /orders with these lines and a payment method; `extra` members are added to the body.
  static Reply PlaceOrder(const TestUser* as, json::array items, const std::string& payment = "manual",
                          json::object extra = {}, const std::string& idempotency_key = "") {
    json::object body{{"items", std::move(items)}, {"shipping_address", Address()}, {"payment_method", payment}};
    if (payment == "sandbox" && !extra.contains("payment_token")) body["payment_token"] = "tok_visa";
    for (auto& [k, v] : extra) body[k] = v;
    Headers h;
    if (!idempotency_key.empty()) h.emplace_back("Idempotency-Key", idempotency_key);
    return CallApi(store_->port(), "POST", "/api/v1/orders", json::serialize(body), as, h);
  }
  // Mail files whose text contains `needle`, after running the due email jobs.
  static int MailsContaining(const std::string& needle) {
    store_->app().jobs().RunDue();
    int n = 0;
    const auto dir = std::filesystem::path(store_->app().config().data_dir) / "mail";
    if (!std::filesystem::exists(dir)) return 0;
    for (const auto& f : std::filesystem::directory_iterator(dir)) {
      std::ifstream in(f.path());
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (text.find(needle) != std::string::npos) ++n;
    }
    return n;
  }

  // The value of one sample of /metrics ("name" or `name{a="b",...}` exactly as printed); -1
  // when absent.
  static double MetricSample(const std::string& series) {
    auto r = Call("GET", "/metrics");
    EXPECT_EQ(r.status, 200);
    std::istringstream lines(r.raw);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.starts_with(series + " ")) return std::stod(line.substr(series.size() + 1));
    }
    return -1;
  }
  // Set by a suite before SetUpTestSuite to change the store's configuration.
  static inline std::function<void(config::Config&)> configure_;
  static inline FakeClock* clock_ = nullptr;
  static inline TestUser* customer_ = nullptr;
  static inline TestUser* other_ = nullptr;
  static inline TestUser* admin_ = nullptr;
  static inline TestUser* manager_ = nullptr;
  static inline std::int64_t category_ = 0;
};

}  // namespace moderno::testing
