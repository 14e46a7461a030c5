// The review request rules and the public author name, without a database.
#include "reviews/validation.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace moderno::reviews {
namespace {

namespace json = boost::json;

std::vector<std::string> Fields(const Error& e) {
  std::vector<std::string> out;
  for (const FieldError& f : e.fields) out.push_back(f.field + ":" + f.code);
  return out;
}

TEST(ReviewValidation, AcceptsAValidReviewTrimmedAndOtherwiseVerbatim) {
  auto in = ParseReviewInput(json::parse(R"({"rating": 5, "title": "  Muy bueno ",
      "body": " <script>alert(1)</script> & más\n "})").as_object());
  ASSERT_TRUE(in) << in.error().detail;
  EXPECT_EQ(in->rating, 5);
  EXPECT_EQ(in->title, "Muy bueno");
  EXPECT_EQ(in->body, "<script>alert(1)</script> & más");
}

TEST(ReviewValidation, NamesEveryMissingField) {
  auto in = ParseReviewInput(json::object{});
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().code, Errc::kInvalidArgument);
  EXPECT_EQ(Fields(in.error()),
            (std::vector<std::string>{"rating:required", "title:required", "body:required"}));
}

TEST(ReviewValidation, RatingIsAnIntegerFromOneToFive) {
  for (const char* bad : {R"(0)", R"(6)", R"(-1)", R"(4.5)", R"("5")", R"(true)"}) {
    auto in = ParseReviewInput(
        json::parse(std::string(R"({"title": "t", "body": "b", "rating": )") + bad + "}")
            .as_object());
    ASSERT_FALSE(in) << bad;
    ASSERT_EQ(in.error().fields.size(), 1u) << bad;
    EXPECT_EQ(in.error().fields[0].field, "rating") << bad;
  }
}

TEST(ReviewValidation, LengthsCountCharactersNotBytes) {
  std::string title;
  for (int i = 0; i < 120; ++i) title += "ñ";  // 240 bytes, 120 characters
  std::string body(5000, 'a');
  auto ok = ParseReviewInput(json::object{{"rating", 3}, {"title", title}, {"body", body}});
  EXPECT_TRUE(ok);
  auto bad = ParseReviewInput(
      json::object{{"rating", 3}, {"title", title + "a"}, {"body", body + "a"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(Fields(bad.error()), (std::vector<std::string>{"title:too_long", "body:too_long"}));
  auto blank = ParseReviewInput(json::object{{"rating", 3}, {"title", "   "}, {"body", 7}});
  ASSERT_FALSE(blank);
  EXPECT_EQ(Fields(blank.error()), (std::vector<std::string>{"title:required", "body:type"}));
}

TEST(ReviewValidation, ListQueryDefaultsAndNamesBadParameters) {
  auto q = ParseListQuery({});
  ASSERT_TRUE(q);
  EXPECT_EQ(q->sort, Sort::kNewest);
  EXPECT_EQ(q->page, 1);
  EXPECT_EQ(q->limit, 20);
  auto sorted = ParseListQuery({{"sort", "rating_asc"}, {"page", "2"}, {"limit", "5"}});
  ASSERT_TRUE(sorted);
  EXPECT_EQ(sorted->sort, Sort::kRatingAsc);
  EXPECT_EQ(sorted->page, 2);
  auto bad = ParseListQuery({{"sort", "best"}, {"page", "0"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(Fields(bad.error()), (std::vector<std::string>{"page:invalid", "sort:invalid"}));
}

TEST(ReviewValidation, StaffQueryAndModeration) {
  auto q = ParseStaffQuery({{"status", "hidden"}, {"product_id", "42"}});
  ASSERT_TRUE(q);
  EXPECT_EQ(q->status, Status::kHidden);
  EXPECT_EQ(q->product_id, 42);
  auto bad = ParseStaffQuery({{"status", "approved"}, {"product_id", "x"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(Fields(bad.error()),
            (std::vector<std::string>{"status:invalid", "product_id:invalid"}));

  EXPECT_EQ(ParseModeration(json::object{{"status", "hidden"}}).value(), Status::kHidden);
  EXPECT_EQ(ParseModeration(json::object{{"status", "published"}}).value(), Status::kPublished);
  for (const char* bad_status : {"pending", "rejected", ""}) {
    auto m = ParseModeration(json::object{{"status", bad_status}});
    ASSERT_FALSE(m) << bad_status;
    EXPECT_EQ(m.error().fields.at(0).field, "status");
  }
  EXPECT_FALSE(ParseModeration(json::object{}));
}

TEST(ReviewModel, StatusesMapToTheStoredNames) {
  for (Status s : {Status::kPending, Status::kPublished, Status::kHidden}) {
    EXPECT_EQ(FromStored(StoredName(s)), s);
    EXPECT_EQ(ParseStatus(ApiName(s)), s);
  }
  EXPECT_EQ(StoredName(Status::kPublished), "approved");
  EXPECT_EQ(StoredName(Status::kHidden), "rejected");
}

TEST(ReviewModel, AuthorNameIsFirstNameAndLastInitial) {
  EXPECT_EQ(AuthorName("Ana María Pérez"), "Ana P.");
  EXPECT_EQ(AuthorName("  josé   ñuñez "), "josé Ñ.");
  EXPECT_EQ(AuthorName("Camila álvarez"), "Camila Á.");
  EXPECT_EQ(AuthorName("Madonna"), "Madonna");
  EXPECT_EQ(AuthorName("   "), "Cliente");
  EXPECT_EQ(AuthorName("Li 王"), "Li 王.");
}

}  // namespace
}  // namespace moderno::reviews
