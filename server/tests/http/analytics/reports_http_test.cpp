// CSV reports: UTF-8 with BOM, a header, fields with commas, quotes and newlines quoted, one
// record per row of the SQL count, attachment headers; a large export through the job queue
// produces the same CSV as a file behind an authenticated, unguessable download link. Both
// databases.
#include "analytics_fixture.hpp"

namespace moderno::testing {
namespace {

// RFC 4180 records (fields unquoted) of a CSV text without its BOM.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
      ++i;
    } else {
      field += c;
    }
  }
  EXPECT_TRUE(field.empty() && record.empty()) << "the last record ends with CRLF";
  return records;
}

class AnalyticsReportsTest : public AnalyticsTest {
 protected:
  static void SetUpTestSuite() {
    AnalyticsTest::SetUpTestSuite();
    Exec("UPDATE users SET name = ? WHERE id = ?", {std::string("Pérez, \"Juanito\"\nSegunda línea"), customer_id()});
  }
  static std::int64_t customer_id() { return Scalar("SELECT id FROM users WHERE email = ?", {customer_->email}); }
  static std::string Header(const Reply& r, const std::string& name) {
    for (const auto& [k, v] : r.http.headers) {
      std::string lower = k;
      for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (lower == name) return v;
    }
    return "";
  }
};

TEST_F(AnalyticsReportsTest, SalesCsvHasBomHeaderAndOneRecordPerOrder) {
  auto r = Call("GET", "/api/v1/admin/reports/sales.csv?from=" + Day(0) + "&to=" + Day(2), "", manager_);
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(Header(r, "content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(Header(r, "content-disposition"), "attachment; filename=\"sales-" + Day(0) + "-" + Day(2) + ".csv\"");
  ASSERT_TRUE(r.raw.starts_with("\xEF\xBB\xBF"));
  const auto records = ParseCsv(r.raw.substr(3));
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records[0][0], "order_number");
  EXPECT_EQ(records[0].size(), 19u);
  const auto w = Window(Day(0), Day(2));
  EXPECT_EQ(static_cast<std::int64_t>(records.size()) - 1,
            Scalar("SELECT COUNT(*) FROM orders WHERE created_at >= ? AND created_at < ?", w));
  EXPECT_EQ(records.size() - 1, 6u);
  // The customer's name with a comma, quotes and a newline comes back intact.
  int named = 0;
  for (std::size_t i = 1; i < records.size(); ++i) {
    ASSERT_EQ(records[i].size(), 19u) << i;
    if (records[i][7] == "Pérez, \"Juanito\"\nSegunda línea") ++named;
  }
  EXPECT_EQ(named, Scalar("SELECT COUNT(*) FROM orders WHERE user_id = ? AND created_at >= ? AND created_at < ?",
                          {customer_id(), w[0], w[1]}));
  EXPECT_NE(r.raw.find("\"Pérez, \"\"Juanito\"\"\nSegunda línea\""), std::string::npos);
}

TEST_F(AnalyticsReportsTest, InventoryAndCustomersCountsEqualSql) {
  auto inv = Call("GET", "/api/v1/admin/reports/inventory.csv", "", admin_);
  ASSERT_EQ(inv.status, 200) << inv.raw;
  auto records = ParseCsv(inv.raw.substr(3));
  EXPECT_EQ(records[0][0], "sku");
  EXPECT_EQ(static_cast<std::int64_t>(records.size()) - 1, Scalar("SELECT COUNT(*) FROM inventory"));
  auto cust = Call("GET", "/api/v1/admin/reports/customers.csv?from=" + Day(0) + "&to=" + Day(10), "", admin_);
  ASSERT_EQ(cust.status, 200) << cust.raw;
  records = ParseCsv(cust.raw.substr(3));
  EXPECT_EQ(records[0][0], "customer_id");
  EXPECT_EQ(static_cast<std::int64_t>(records.size()) - 1,
            Scalar("SELECT COUNT(*) FROM users WHERE role = 'customer' AND created_at < ?", {Window(Day(0), Day(10))[1]}));
  bool found = false;
  for (const auto& rec : records) {
    if (rec[0] != std::to_string(customer_id())) continue;
    found = true;
    EXPECT_EQ(rec[2], "Pérez, \"Juanito\"\nSegunda línea");
    EXPECT_EQ(rec[4], std::to_string(Scalar("SELECT COUNT(*) FROM orders WHERE user_id = ? AND status <> 'cancelled'",
                                            {customer_id()})));
  }
  EXPECT_TRUE(found);
}

TEST_F(AnalyticsReportsTest, ExportThroughAJobGivesTheSameCsvBehindAStaffOnlyLink) {
  const std::string query = "?from=" + Day(0) + "&to=" + Day(10);
  auto direct = Call("GET", "/api/v1/admin/reports/sales.csv" + query, "", admin_);
  ASSERT_EQ(direct.status, 200);
  auto queued = Call("GET", "/api/v1/admin/reports/sales.csv" + query + "&async=true", "", admin_);
  ASSERT_EQ(queued.status, 202) << queued.raw;
  const std::int64_t job = queued.body.at("job_id").as_int64();
  EXPECT_EQ(queued.body.at("status_url").as_string(), "/api/v1/admin/jobs/" + std::to_string(job));
  EXPECT_GE(store_->app().jobs().RunDue(), 1);
  auto status = Call("GET", "/api/v1/admin/jobs/" + std::to_string(job), "", manager_);
  ASSERT_EQ(status.status, 200) << status.raw;
  ASSERT_EQ(status.body.at("status").as_string(), "done") << status.raw;
  const json::object& result = status.body.at("result").as_object();
  EXPECT_EQ(result.at("rows").as_int64(), 7);
  EXPECT_EQ(status.body.at("progress").at("done").as_int64(), 7);
  const std::string url(result.at("download").as_string());
  ASSERT_TRUE(url.starts_with("/api/v1/admin/reports/files/sales-" + Day(0) + "-" + Day(10) + "-")) << url;
  EXPECT_GE(url.size(), std::string("/api/v1/admin/reports/files/sales-2026-01-01-2026-01-11-.csv").size() + 32)
      << "the name carries a random part";
  auto file = Call("GET", url, "", manager_);
  ASSERT_EQ(file.status, 200) << file.raw;
  EXPECT_EQ(file.raw, direct.raw);
  EXPECT_TRUE(Header(file, "content-disposition").starts_with("attachment;"));
  EXPECT_EQ(Call("GET", url, "", customer_).status, 403);
  EXPECT_EQ(Call("GET", url).status, 401);
  // Names that are not an export file: another name, a path, a hidden file.
  EXPECT_EQ(Call("GET", url.substr(0, url.size() - 5) + "x.csv", "", admin_).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/admin/reports/files/..%2Fmoderno.db", "", admin_).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/admin/reports/files/.csv", "", admin_).status, 404);
  auto bad = Call("GET", "/api/v1/admin/reports/sales.csv?async=maybe", "", admin_);
  EXPECT_TRUE(NamesField(bad, "async", "invalid")) << bad.raw;
}

}  // namespace
}  // namespace moderno::testing
