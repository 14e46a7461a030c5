// GET /api/v1/admin/inventory: the staff stock list the admin stock page reads (it replaced
// parsing the inventory CSV report).
#include <gtest/gtest.h>

#include <set>

#include "orders_fixture.hpp"

namespace moderno::testing {
namespace {

class StockListHttpTest : public OrdersTest {};

// The rows of a list answer whose SKU starts with `prefix`, as "SKU@WAREHOUSE=available".
std::vector<std::string> Rows(const Reply& r, const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& row : r.body.at("data").as_array()) {
    const std::string sku(row.at("sku").as_string());
    if (!sku.starts_with(prefix)) continue;
    out.push_back(sku + "@" + std::string(row.at("warehouse").as_string()) + "=" +
                  std::to_string(row.at("available").as_int64()));
  }
  return out;
}

TEST_F(StockListHttpTest, ListsStockPerSkuAndWarehouseWithReservationsAndFilters) {
  const auto a = MakeProduct("STL-A", 1000, {{"W1", 10}, {"W2", 30}}, 4);
  MakeProduct("STL-B", 1000, {{"W1", 2}}, 5);
  ASSERT_EQ(PlaceOrder(customer_, json::array{Line(a, 7)}).status, 201);  // W1: 10 - 7 reserved

  auto all = Call("GET", "/api/v1/admin/inventory?q=stl-&limit=100", "", manager_);
  ASSERT_EQ(all.status, 200) << all.raw;
  EXPECT_EQ(Rows(all, "STL-"), (std::vector<std::string>{"STL-A@W1=3", "STL-A@W2=30", "STL-B@W1=2"}));
  EXPECT_EQ(all.body.at("pagination").at("total").as_int64(), 3);
  for (const auto& row : all.body.at("data").as_array()) {
    if (row.at("sku").as_string() == "STL-A" && row.at("warehouse").as_string() == "W1") {
      EXPECT_EQ(row.at("quantity").as_int64(), 10);
      EXPECT_EQ(row.at("reserved").as_int64(), 7);
      EXPECT_EQ(row.at("reorder_point").as_int64(), 4);
      EXPECT_TRUE(row.at("low_stock").as_bool());
      EXPECT_EQ(row.at("product_id").as_int64(), a);
      EXPECT_TRUE(row.at("variant_id").is_null());
    }
  }

  auto low = Call("GET", "/api/v1/admin/inventory?q=STL-&low_stock=true&limit=100", "", manager_);
  ASSERT_EQ(low.status, 200) << low.raw;
  EXPECT_EQ(Rows(low, "STL-"), (std::vector<std::string>{"STL-A@W1=3", "STL-B@W1=2"}));
  auto w2 = Call("GET", "/api/v1/admin/inventory?q=STL-&warehouse=W2", "", manager_);
  EXPECT_EQ(Rows(w2, "STL-"), (std::vector<std::string>{"STL-A@W2=30"}));
  auto by_name = Call("GET", "/api/v1/admin/inventory?q=producto%20stl-b", "", manager_);
  EXPECT_EQ(Rows(by_name, "STL-"), (std::vector<std::string>{"STL-B@W1=2"}));

  // LIKE's wildcards in q are plain characters.
  auto wildcard = Call("GET", "/api/v1/admin/inventory?q=%25", "", manager_);
  ASSERT_EQ(wildcard.status, 200) << wildcard.raw;
  EXPECT_EQ(wildcard.body.at("pagination").at("total").as_int64(), 0) << wildcard.raw;
  auto underscore = Call("GET", "/api/v1/admin/inventory?q=STL_", "", manager_);
  EXPECT_EQ(underscore.body.at("pagination").at("total").as_int64(), 0) << underscore.raw;

  auto page2 = Call("GET", "/api/v1/admin/inventory?q=STL-&limit=2&page=2", "", manager_);
  ASSERT_EQ(page2.status, 200);
  EXPECT_EQ(Rows(page2, "STL-"), (std::vector<std::string>{"STL-B@W1=2"}));
  EXPECT_EQ(page2.body.at("pagination").at("pages").as_int64(), 2);
}

TEST_F(StockListHttpTest, StaffOnlyAndBadParametersNamed) {
  EXPECT_EQ(Call("GET", "/api/v1/admin/inventory", "", customer_).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/admin/inventory").status, 401);
  auto bad = Call("GET", "/api/v1/admin/inventory?low_stock=maybe&limit=500", "", manager_);
  ASSERT_EQ(bad.status, 422) << bad.raw;
  std::set<std::string> fields;
  for (const auto& e : bad.body.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
  EXPECT_TRUE(fields.contains("low_stock")) << bad.raw;
  EXPECT_TRUE(fields.contains("limit")) << bad.raw;
}

}  // namespace
}  // namespace moderno::testing
