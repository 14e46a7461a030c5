#include "catalog/admin/admin_support.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "catalog/admin/admin_json.hpp"

namespace moderno::catalog {
namespace {

TEST(AdminSlug, FoldsSpanishAndCollapsesSeparators) {
  EXPECT_EQ(SlugFrom("Zapatillas Ñandú 42"), "zapatillas-nandu-42");
  EXPECT_EQ(SlugFrom("  Cámara -- Pro!!  "), "camara-pro");
  EXPECT_EQ(SlugFrom("L'Oréal París"), "l-oreal-paris");
  EXPECT_EQ(SlugFrom("¿?"), "");
  EXPECT_EQ(SlugFrom(std::string(300, 'a')).size(), 200u);
}

TEST(AdminSlug, BaseIsNeverEmptyNorAllDigits) {
  EXPECT_EQ(SlugBase("Pingüino", "producto"), "pinguino");
  EXPECT_EQ(SlugBase("2024", "producto"), "producto-2024");
  EXPECT_EQ(SlugBase("¡!", "marca"), "marca");
}

TEST(AdminSlug, ValidSlugs) {
  EXPECT_TRUE(IsSlug("smart-tv-55"));
  EXPECT_TRUE(IsSlug("a"));
  EXPECT_FALSE(IsSlug(""));
  EXPECT_FALSE(IsSlug("123")) << "would be read as an id";
  EXPECT_FALSE(IsSlug("Mayus"));
  EXPECT_FALSE(IsSlug("-a"));
  EXPECT_FALSE(IsSlug("a-"));
  EXPECT_FALSE(IsSlug("a--b"));
  EXPECT_FALSE(IsSlug("con espacio"));
  EXPECT_FALSE(IsSlug("ñandu"));
}

TEST(AdminSku, LettersDigitsAndSafePunctuation) {
  EXPECT_TRUE(IsSku("SMA-001"));
  EXPECT_TRUE(IsSku("abc_1.2"));
  EXPECT_FALSE(IsSku(""));
  EXPECT_FALSE(IsSku("-A"));
  EXPECT_FALSE(IsSku("A/B"));
  EXPECT_FALSE(IsSku("A B"));
}

TEST(AdminSearchText, FoldsAndJoinsTheNonEmptyParts) {
  EXPECT_EQ(SearchText("Audífonos", "AUD-1", "Sony", "", "Cancelación"),
            "audifonos aud-1 sony cancelacion");
}

TEST(AdminBackstop, UniqueViolationsBecome422OnTheIndexedField) {
  auto taken = [](std::string internal, std::string_view fallback) {
    Error e;
    e.code = Errc::kAlreadyExists;
    e.internal = std::move(internal);
    Error out = TakenFromBackstop(e, fallback);
    EXPECT_EQ(out.code, Errc::kInvalidArgument);
    EXPECT_EQ(out.fields.size(), 1u);
    return out.fields.empty() ? std::string() : out.fields[0].field + ":" + out.fields[0].code;
  };
  EXPECT_EQ(taken("sqlite: UNIQUE constraint failed: products.slug", "sku"), "slug:taken");
  EXPECT_EQ(taken("sqlite: UNIQUE constraint failed: products.sku", "slug"), "sku:taken");
  // The duplicated value may contain any word; only the index name counts.
  EXPECT_EQ(taken("mysql: Duplicate entry 'sku-name' for key 'idx_products_slug' in: INSERT INTO "
                  "products (name, slug, sku) VALUES (?, ?, ?)",
                  "sku"),
            "slug:taken");
  EXPECT_EQ(taken("mysql: Duplicate entry 'x' for key 'brands.idx_brands_name' in: INSERT", "slug"),
            "name:taken");
  EXPECT_EQ(taken("mysql: Duplicate entry 'x' for key 'idx_warehouses_code'", "name"),
            "code:taken");
  Error other;
  other.code = Errc::kConflict;
  EXPECT_EQ(TakenFromBackstop(other, "sku").code, Errc::kConflict);
}

TEST(AdminJson, ProductCreateRequiresAndUpdateAllowsAbsence) {
  auto create = ParseProductInput(boost::json::object{}, true);
  ASSERT_FALSE(create);
  std::vector<std::string> fields;
  for (const auto& e : create.error().fields) fields.push_back(e.field);
  for (const char* f : {"name", "sku", "price", "category_id"}) {
    EXPECT_NE(std::ranges::find(fields, f), fields.end()) << f;
  }
  auto update = ParseProductInput(boost::json::object{}, false);
  ASSERT_TRUE(update);
  EXPECT_FALSE(update->name);
  EXPECT_FALSE(update->compare_price);
}

TEST(AdminJson, NullClearsNullableFieldsOnly) {
  auto in = ParseProductInput(
      boost::json::parse(R"({"compare_price":null,"description":"","brand_id":null})").as_object(),
      false);
  ASSERT_TRUE(in);
  ASSERT_TRUE(in->compare_price.has_value());
  EXPECT_FALSE(in->compare_price->has_value());
  ASSERT_TRUE(in->description.has_value());
  EXPECT_FALSE(in->description->has_value()) << "an empty text clears it too";
  ASSERT_TRUE(in->brand_id.has_value());
  auto bad = ParseProductInput(boost::json::parse(R"({"price":null})").as_object(), false);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.at(0).field, "price");
}

TEST(AdminJson, DimensionsAreWrittenInAFixedOrder) {
  auto in = ParseProductInput(
      boost::json::parse(R"({"dimensions":{"height_cm":3,"length_cm":1,"width_cm":2}})")
          .as_object(),
      false);
  ASSERT_TRUE(in);
  EXPECT_EQ(**in->dimensions_json, R"({"length_cm":1,"width_cm":2,"height_cm":3})");
}

}  // namespace
}  // namespace moderno::catalog
