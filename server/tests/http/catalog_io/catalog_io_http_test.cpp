// Catalog CSV import and export over HTTP: validation errors by row and column that change
// nothing, creation of products/variants/stock, idempotent re-import, export -> import round
// trip, multipart upload, the job path of large files (timed), and the role checks.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "http_suite.hpp"

namespace moderno::testing {
namespace {

namespace json = boost::json;

constexpr const char* kImport = "/api/v1/admin/products/import";
constexpr const char* kExport = "/api/v1/admin/products/export.csv";

class CatalogIoTest : public HttpSuite {
 protected:
  static void SetUpTestSuite() {
    StartStore();
    Exec("INSERT INTO categories (name, slug, is_active) VALUES ('Zapatillas', 'io-zapatillas', 1)");
    Exec("INSERT INTO categories (name, slug, is_active) VALUES ('Poleras', 'io-poleras', 1)");
    Exec("INSERT INTO brands (name, slug, is_active) VALUES ('Andes', 'io-andes', 1)");
    Exec("INSERT INTO warehouses (code, name, city, region, priority) VALUES ('W1', 'Bodega 1', 'Santiago', 'RM', 1)");
    Exec("INSERT INTO warehouses (code, name, city, region, priority) VALUES ('W2', 'Bodega 2', 'Valparaíso', 'V', 2)");
    admin_ = new TestUser(store_->CreateUser(http::Role::kAdmin));
    manager_ = new TestUser(store_->CreateUser(http::Role::kManager));
    customer_ = new TestUser(store_->CreateUser(http::Role::kCustomer));
  }
  static void TearDownTestSuite() {
    delete admin_;
    delete manager_;
    delete customer_;
    StopStore();
  }

  static std::int64_t Stock(const std::string& sku, const std::string& warehouse) {
    return Scalar(
        "SELECT i.quantity FROM inventory i JOIN warehouses w ON w.id = i.warehouse_id "
        "LEFT JOIN product_variants v ON v.id = i.variant_id JOIN products p ON p.id = i.product_id "
        "WHERE w.code = ? AND ((i.variant_id IS NULL AND p.sku = ?) OR v.sku = ?)",
        {warehouse, sku, sku});
  }

  // POSTs a CSV body (text/csv) to the import route.
  static Reply Import(const std::string& csv, bool dry_run, const TestUser* as = admin_) {
    HttpClient c(store_->port());
    Headers h{{"Content-Type", "text/csv"}};
    if (as) {
      for (auto& a : as->auth()) h.push_back(a);
    }
    Reply r;
    r.http = c.Request("POST", std::string(kImport) + (dry_run ? "?dry_run=true" : "?dry_run=false"), h, csv);
    r.status = r.http.status;
    r.raw = r.http.body;
    boost::system::error_code ec;
    auto v = json::parse(r.raw, ec);
    if (!ec && v.is_object()) r.body = v.as_object();
    return r;
  }
  static std::string Export(const TestUser* as = admin_) {
    HttpClient c(store_->port());
    auto r = c.Get(kExport, as->auth());
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Header("content-type"), "text/csv; charset=utf-8");
    return r.body;
  }
  static std::int64_t Changed(const Reply& r) { return r.body.at("changed").as_int64(); }
  // "row:column:code" of each error of a 422.
  static std::vector<std::string> RowErrors(const Reply& r) {
    std::vector<std::string> out;
    if (!r.body.contains("errors")) return out;
    for (const auto& e : r.body.at("errors").as_array()) {
      out.push_back(std::to_string(e.at("row").as_int64()) + ":" + std::string(e.at("column").as_string()) + ":" +
                    std::string(e.at("code").as_string()));
    }
    return out;
  }
  static bool Has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  }

  static TestUser* admin_;
  static TestUser* manager_;
  static TestUser* customer_;
};

TestUser* CatalogIoTest::admin_ = nullptr;
TestUser* CatalogIoTest::manager_ = nullptr;
TestUser* CatalogIoTest::customer_ = nullptr;

const std::string kHeader =
    "sku,parent_sku,name,slug,description,category_slug,brand_slug,price,compare_price,is_active,options,stock_W1,stock_W2\n";

TEST_F(CatalogIoTest, Import_InvalidRowsAreReportedByRowAndColumnAndChangeNothing) {
  const std::string csv = kHeader +
                          "ERR-1,,Buena,,ok,io-zapatillas,,1000,,true,,5,\n"           // row 2: valid
                          "ERR-2,,Sin precio,,,io-zapatillas,,abc,,,,,\n"              // row 3: price
                          "ERR-3,,Categoría,,,no-existe,,100,,,,,\n"                  // row 4: category
                          "ERR-1,,Repetida,,,io-zapatillas,,100,,,,,\n"               // row 5: duplicate
                          "ERR-4,,Oferta,,,io-zapatillas,io-nadie,100,90,yes,,-1,\n"  // row 6: 3 errors
                          "ERR-5,NO-PADRE,Variante,,,,,,,,{bad,,\n";                  // row 7: 2 errors
  const std::int64_t before = Scalar("SELECT COUNT(*) FROM products");
  for (bool dry_run : {true, false}) {
    Reply r = Import(csv, dry_run);
    ASSERT_EQ(r.status, 422) << r.raw;
    EXPECT_EQ(r.http.Header("content-type"), "application/problem+json");
    EXPECT_EQ(ProblemType(r), "import_invalid");
    const auto errors = RowErrors(r);
    EXPECT_TRUE(Has(errors, "3:price:invalid")) << r.raw;
    EXPECT_TRUE(Has(errors, "4:category_slug:unknown")) << r.raw;
    EXPECT_TRUE(Has(errors, "5:sku:duplicate")) << r.raw;
    EXPECT_TRUE(Has(errors, "6:brand_slug:unknown")) << r.raw;
    EXPECT_TRUE(Has(errors, "6:compare_price:not_above_price")) << r.raw;
    EXPECT_TRUE(Has(errors, "6:stock_W1:invalid")) << r.raw;
    EXPECT_TRUE(Has(errors, "7:parent_sku:unknown")) << r.raw;
    for (const auto& e : errors) EXPECT_NE(e.substr(0, 2), "2:") << "row 2 is valid: " << e;
    for (const auto& e : r.body.at("errors").as_array()) EXPECT_FALSE(e.at("message").as_string().empty());
  }
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM products"), before);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM products WHERE sku = 'ERR-1'"), 0);

  // Header problems: an unknown column and an unknown warehouse.
  Reply header = Import("sku,colour,stock_NOPE\nX-1,red,1\n", false);
  ASSERT_EQ(header.status, 422) << header.raw;
  EXPECT_TRUE(Has(RowErrors(header), "1:colour:unknown")) << header.raw;
  EXPECT_TRUE(Has(RowErrors(header), "1:stock_NOPE:unknown")) << header.raw;
  // Broken CSV.
  Reply broken = Import("sku,name\n\"A-1,unclosed\n", false);
  ASSERT_EQ(broken.status, 422) << broken.raw;
  EXPECT_EQ(RowErrors(broken).at(0), "2::unclosed_quote");
}

TEST_F(CatalogIoTest, Import_CreatesProductsVariantsAndStock_ThenReimportChangesNothing) {
  const std::string csv = kHeader +
                          "NEW-1,,Zapatilla Trail \"Pro\",zapatilla-trail-pro,\"Suela, grip\nlínea 2\",io-zapatillas,io-andes,"
                          "49990,59990,true,,7,3\n"
                          "NEW-2,,Polera Lisa,,,io-poleras,,9990,,false,,,\n"
                          "NEW-2-S,NEW-2,Talla S,,,,,,,true,\"{\"\"talla\"\": \"\"S\"\"}\",4,\n"
                          "NEW-2-M,NEW-2,Talla M,,,,,10990,12990,true,\"{\"\"talla\"\": \"\"M\"\"}\",0,2\n";
  Reply dry = Import(csv, true);
  ASSERT_EQ(dry.status, 200) << dry.raw;
  EXPECT_EQ(dry.body.at("dry_run").as_bool(), true);
  EXPECT_EQ(dry.body.at("products").at("created").as_int64(), 2);
  EXPECT_EQ(dry.body.at("variants").at("created").as_int64(), 2);
  EXPECT_EQ(dry.body.at("stock_changed").as_int64(), 4);  // 7, 3, 4, 2 (0 is no change)
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM products WHERE sku IN ('NEW-1', 'NEW-2')"), 0);

  const std::int64_t changes_before = Scalar("SELECT COUNT(*) FROM search_changes");
  Reply r = Import(csv, false);
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body.at("products").at("created").as_int64(), 2);
  EXPECT_EQ(Changed(r), 8);
  EXPECT_EQ(Text("SELECT name FROM products WHERE sku = 'NEW-1'"), "Zapatilla Trail \"Pro\"");
  EXPECT_EQ(Text("SELECT description FROM products WHERE sku = 'NEW-1'"), "Suela, grip\nlínea 2");
  EXPECT_EQ(Scalar("SELECT compare_price FROM products WHERE sku = 'NEW-1'"), 59990);
  EXPECT_EQ(Text("SELECT slug FROM products WHERE sku = 'NEW-2'"), "polera-lisa");
  EXPECT_EQ(Scalar("SELECT is_active FROM products WHERE sku = 'NEW-2'"), 0);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM product_variants v JOIN products p ON p.id = v.product_id "
                   "WHERE p.sku = 'NEW-2'"),
            2);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM product_variants WHERE sku = 'NEW-2-S' AND price IS NULL"), 1);
  EXPECT_EQ(Text("SELECT options FROM product_variants WHERE sku = 'NEW-2-M'"), "{\"talla\":\"M\"}");
  EXPECT_EQ(Stock("NEW-1", "W1"), 7);
  EXPECT_EQ(Stock("NEW-1", "W2"), 3);
  EXPECT_EQ(Stock("NEW-2-S", "W1"), 4);
  EXPECT_EQ(Stock("NEW-2-M", "W2"), 2);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM inventory_adjustments WHERE reason = 'import'"), 4);
  EXPECT_GT(Scalar("SELECT COUNT(*) FROM search_changes"), changes_before);
  // The public catalog sees it at once (the cache was dropped after commit).
  auto pub = Call("GET", "/api/v1/products/zapatilla-trail-pro");
  EXPECT_EQ(pub.status, 200) << pub.raw;

  // The same file again: nothing to do, nothing written.
  const std::int64_t audit_before = Scalar("SELECT COUNT(*) FROM audit_log");
  Reply again = Import(csv, false);
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(Changed(again), 0) << again.raw;
  EXPECT_EQ(again.body.at("products").at("unchanged").as_int64(), 2);
  EXPECT_EQ(again.body.at("variants").at("unchanged").as_int64(), 2);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM audit_log"), audit_before);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM inventory_adjustments WHERE reason = 'import'"), 4);

  // An update by SKU: only the columns in the file change; stock set to the new level.
  Reply update = Import("sku,price,stock_W1\nNEW-1,45990,10\n", false);
  ASSERT_EQ(update.status, 200) << update.raw;
  EXPECT_EQ(update.body.at("products").at("updated").as_int64(), 1);
  EXPECT_EQ(update.body.at("stock_changed").as_int64(), 1);
  EXPECT_EQ(Scalar("SELECT price FROM products WHERE sku = 'NEW-1'"), 45990);
  EXPECT_EQ(Text("SELECT name FROM products WHERE sku = 'NEW-1'"), "Zapatilla Trail \"Pro\"");
  EXPECT_EQ(Stock("NEW-1", "W1"), 10);
  EXPECT_EQ(Stock("NEW-1", "W2"), 3);
  // Stock on a product row whose product has variants is refused.
  Reply per_variant = Import("sku,stock_W1\nNEW-2,5\n", false);
  ASSERT_EQ(per_variant.status, 422);
  EXPECT_TRUE(Has(RowErrors(per_variant), "2:stock_W1:has_variants")) << per_variant.raw;
}

TEST_F(CatalogIoTest, ExportThenImport_RoundTripLeavesTheCatalogUnchanged) {
  Reply seeded = Import(kHeader + "RT-1,,\"Mochila \"\"Cerro\"\", 30L\",,\"Dos bolsillos\r\nimpermeable\",io-poleras,io-andes,"
                                 "25990,,true,,1,\n"
                                 "RT-2,,Gorro,,,io-poleras,,5990,6990,true,,,\n"
                                 "RT-2-A,RT-2,Azul,,,,,,,false,\"{\"\"color\"\":\"\"azul\"\"}\",,9\n",
                        false);
  ASSERT_EQ(seeded.status, 200) << seeded.raw;
  const std::string before = Export();
  ASSERT_TRUE(before.starts_with("\xEF\xBB\xBF" "sku,parent_sku,name,slug,")) << before.substr(0, 80);
  EXPECT_NE(before.find(",stock_W1,stock_W2\r\n"), std::string::npos);
  EXPECT_NE(before.find("\"Mochila \"\"Cerro\"\", 30L\""), std::string::npos);
  EXPECT_NE(before.find("RT-2-A,RT-2,Azul,"), std::string::npos);

  Reply r = Import(before, false);
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(Changed(r), 0) << r.raw;
  EXPECT_EQ(Export(), before);

  // Managers may read the export too.
  EXPECT_EQ(Export(manager_), before);
}

TEST_F(CatalogIoTest, Import_AcceptsAMultipartUpload) {
  const std::string csv = "sku,name,category_slug,price,stock_W2\nMP-1,Calcetines,io-poleras,2990,12\n";
  const std::string body = "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\n"
                           "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--b0undary--\r\n";
  HttpClient c(store_->port());
  Headers h{{"Content-Type", "multipart/form-data; boundary=b0undary"}};
  for (auto& a : admin_->auth()) h.push_back(a);
  auto res = c.Request("POST", std::string(kImport), h, body);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(Stock("MP-1", "W2"), 12);
  // A multipart body without the file field.
  const std::string no_file = "--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b--\r\n";
  Headers h2{{"Content-Type", "multipart/form-data; boundary=b"}};
  for (auto& a : admin_->auth()) h2.push_back(a);
  auto missing = c.Request("POST", std::string(kImport), h2, no_file);
  EXPECT_EQ(missing.status, 422) << missing.body;
  // Over the import limit (50 MiB): 413 from the declared length.
  HttpClient big(store_->port());
  auto huge = big.Raw(std::string("POST ") + kImport + " HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " +
                      admin_->access_token + "\r\nContent-Type: text/csv\r\nContent-Length: " +
                      std::to_string((50u << 20) + 1) + "\r\n\r\nsku\n");
  EXPECT_EQ(huge.status, 413) << huge.body;
  EXPECT_EQ(huge.Header("content-type"), "application/problem+json");
}

TEST_F(CatalogIoTest, Routes_CheckRoles) {
  const std::string csv = "sku,name,category_slug,price\nROLE-1,X,io-poleras,100\n";
  EXPECT_EQ(Import(csv, false, nullptr).status, 401);
  EXPECT_EQ(Import(csv, false, customer_).status, 403);
  EXPECT_EQ(Import(csv, false, manager_).status, 403);  // managers read, admins write
  HttpClient c(store_->port());
  EXPECT_EQ(c.Get(kExport).status, 401);
  EXPECT_EQ(c.Get(kExport, customer_->auth()).status, 403);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM products WHERE sku = 'ROLE-1'"), 0);
}

TEST_F(CatalogIoTest, Import_TenThousandRowsRunAsAJob_Timed) {
  std::string csv = "sku,name,description,category_slug,brand_slug,price,is_active,stock_W1,stock_W2\n";
  constexpr int kRows = 10000;
  for (int i = 0; i < kRows; ++i) {
    const std::string n = std::to_string(i);
    csv += "BULK-" + n + ",Producto masivo " + n + ",\"Descripción, número " + n + " — algodón orgánico\",io-zapatillas,io-andes," +
           std::to_string(1000 + i) + ",true," + std::to_string(i % 50) + "," + std::to_string(i % 7) + "\n";
  }
  ASSERT_GT(csv.size(), std::size_t{1} << 20);  // over the default body limit: the route's own applies
  const auto t0 = std::chrono::steady_clock::now();
  Reply r = Import(csv, false);
  ASSERT_EQ(r.status, 202) << r.raw;
  const std::int64_t job = r.body.at("job_id").as_int64();
  EXPECT_EQ(r.http.Header("location"), "/api/v1/admin/jobs/" + std::to_string(job));
  EXPECT_EQ(store_->app().jobs().RunDue(), 1);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("[ timing  ] import of %d rows (upload + job): %.2f s on %s\n", kRows, seconds,
              UsingMysql() ? "MariaDB" : "SQLite");
  auto status = Call("GET", "/api/v1/admin/jobs/" + std::to_string(job), "", admin_);
  ASSERT_EQ(status.status, 200) << status.raw;
  EXPECT_EQ(status.body.at("status").as_string(), "done") << status.raw;
  const auto& result = status.body.at("result").as_object();
  EXPECT_EQ(result.at("status").as_string(), "done") << status.raw;
  EXPECT_EQ(result.at("products").at("created").as_int64(), kRows);
  // Validation then writing: two steps a row, all done.
  EXPECT_EQ(status.body.at("progress").at("total").as_int64(), 2 * kRows) << status.raw;
  EXPECT_EQ(status.body.at("progress").at("done").as_int64(), 2 * kRows) << status.raw;
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM products WHERE sku LIKE 'BULK-%'"), kRows);
  EXPECT_EQ(Stock("BULK-9999", "W1"), 9999 % 50);
  EXPECT_EQ(Stock("BULK-9999", "W2"), 9999 % 7);

  // The same file again, timed as well: validated, nothing written.
  const auto t1 = std::chrono::steady_clock::now();
  Reply again = Import(csv, false);
  ASSERT_EQ(again.status, 202) << again.raw;
  EXPECT_EQ(store_->app().jobs().RunDue(), 1);
  std::printf("[ timing  ] re-import of %d unchanged rows: %.2f s\n", kRows,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count());
  auto second = Call("GET", "/api/v1/admin/jobs/" + std::to_string(again.body.at("job_id").as_int64()),
                        "", admin_);
  EXPECT_EQ(second.body.at("result").at("changed").as_int64(), 0) << second.raw;
}

}  // namespace
}  // namespace moderno::testing
