// The catalog repository on the real backend: bounded queries per request.
#include <gtest/gtest.h>

#include "catalog/repository.hpp"
#include "catalog/seed.hpp"
#include "platform/db/migrate.hpp"
#include "test_store.hpp"

namespace moderno::testing {
namespace {

TEST(CatalogRepository, ListRunsAtMostThreeQueriesWhateverThePageSize) {
  TestDatabase tdb;
  db::Database db(tdb.url(), 1);
  ASSERT_TRUE(db::MigrateUp(db));
  catalog::SeedOptions so;
  ASSERT_TRUE(catalog::Seed(db, so));
  catalog::Repository repo;
  for (int limit : {1, 20, 100}) {
    catalog::ProductQuery q;
    q.limit = limit;
    q.in_stock = true;
    q.search_words = {"a"};
    auto statements = db.Read([&](db::UnitOfWork& uow) -> Result<int> {
      auto page = repo.ListProducts(uow, q);
      EXPECT_EQ(static_cast<int>(page.items.size()), std::min<std::int64_t>(limit, page.total));
      return uow.statements();
    });
    ASSERT_TRUE(statements);
    EXPECT_LE(*statements, 3) << "limit " << limit;
  }
  auto detail_statements = db.Read([&](db::UnitOfWork& uow) -> Result<int> {
    EXPECT_TRUE(repo.FindProduct(uow, "1"));
    return uow.statements();
  });
  EXPECT_LE(*detail_statements, 3);
}

}  // namespace
}  // namespace moderno::testing
