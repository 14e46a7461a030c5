// Categories and brands: create, partial update, delete.
#include <boost/json.hpp>
#include <set>

#include "catalog/admin/admin_queries.hpp"
#include "catalog/admin/admin_service.hpp"
#include "catalog/admin/admin_support.hpp"
#include "catalog/errors.hpp"
#include "platform/search_log/search_log.hpp"

namespace moderno::catalog {
namespace json = boost::json;
namespace sqla = admin_sql;
namespace {

// Deeper chains than this are treated as cycles (the seed tree is three levels deep).
constexpr int kMaxCategoryDepth = 64;

template <class T>
void Take(T& target, const std::optional<T>& input) {
  if (input) target = *input;
}

CategoryRecord ReadCategory(const db::Row& r) {
  return {r.Int(0), r.Str(1), r.Str(2), r.OptStr(3), r.OptInt(4), r.OptStr(5), r.Int(6), r.Bool(7)};
}

BrandRecord ReadBrand(const db::Row& r) {
  return {r.Int(0), r.Str(1), r.Str(2), r.OptStr(3), r.OptStr(4), r.Bool(5)};
}

std::unexpected<Error> BrandNotFound(std::int64_t id) {
  return Fail(Errc::kNotFound, "No brand with id " + std::to_string(id) + ".");
}

// True when `parent` is `id` or one of its descendants, i.e. when making `parent` the parent
// of `id` would close a cycle. Walks up from `parent`; a chain too deep counts as a cycle.
bool WouldCycle(db::UnitOfWork& uow, std::int64_t id, std::int64_t parent) {
  std::optional<std::int64_t> at = parent;
  for (int depth = 0; at; ++depth) {
    if (*at == id || depth >= kMaxCategoryDepth) return true;
    auto row = uow.QueryOne(sqla::kParentOf, {*at});
    if (!row) return false;
    at = row->OptInt(0);
  }
  return false;
}

// Validates a category write against the database; `id` is 0 on create.
void CheckCategory(db::UnitOfWork& uow, std::int64_t id, const CategoryRecord& c,
                   const CategoryInput& in, std::vector<FieldError>& errors) {
  if (in.slug && uow.QueryOne(sqla::kCategorySlugTaken, {c.slug, id})) {
    errors.push_back({"slug", "taken", "slug " + c.slug + " is already in use"});
  }
  if (in.parent_id && c.parent_id) {
    if (!uow.QueryOne(sqla::kCategoryById, {*c.parent_id})) {
      errors.push_back({"parent_id", "unknown", "no category with this id"});
    } else if (id != 0 && WouldCycle(uow, id, *c.parent_id)) {
      errors.push_back({"parent_id", "cycle",
                        "a category cannot be its own parent or the child of a descendant"});
    }
  }
}

std::vector<db::Value> CategoryParams(const CategoryRecord& c) {
  return {c.name,
          c.slug,
          db::Opt(c.description),
          db::Opt(c.parent_id),
          db::Opt(c.image_url),
          c.sort_order,
          std::int64_t{c.is_active}};
}

std::vector<db::Value> BrandParams(const BrandRecord& b) {
  return {b.name, b.slug, db::Opt(b.description), db::Opt(b.logo_url), std::int64_t{b.is_active}};
}

void CheckBrand(db::UnitOfWork& uow, std::int64_t id, const BrandRecord& b, const BrandInput& in,
                std::vector<FieldError>& errors) {
  if (in.name && uow.QueryOne(sqla::kBrandNameTaken, {b.name, id})) {
    errors.push_back({"name", "taken", "a brand named " + b.name + " exists"});
  }
  if (in.slug && uow.QueryOne(sqla::kBrandSlugTaken, {b.slug, id})) {
    errors.push_back({"slug", "taken", "slug " + b.slug + " is already in use"});
  }
}

// 409 while rows still point at it; the detail says what to do instead.
std::optional<Error> StillUsed(db::UnitOfWork& uow, std::string_view products_sql, std::int64_t id,
                               std::string_view what) {
  auto counts = uow.QueryOne(products_sql, {id});
  const std::int64_t all = counts->Int(0);
  const std::int64_t live = counts->Int(1);
  if (all == 0) return std::nullopt;
  Error e;
  e.code = Errc::kConflict;
  e.type = "in_use";
  e.detail = live > 0 ? "The " + std::string(what) + " has " + std::to_string(live) +
                            " products; move or delete them first."
                      : "Deleted products still refer to the " + std::string(what) +
                            "; deactivate it (is_active: false) instead.";
  return e;
}

json::object CategoryChanges(const CategoryRecord& a, const CategoryRecord& b) {
  json::object c;
  auto diff = [&c](const char* name, json::value from, json::value to) {
    if (from != to) c[name] = {{"from", std::move(from)}, {"to", std::move(to)}};
  };
  auto opt = [](const auto& v) { return v ? json::value(*v) : json::value(nullptr); };
  diff("name", json::value(a.name), json::value(b.name));
  diff("slug", json::value(a.slug), json::value(b.slug));
  diff("description", opt(a.description), opt(b.description));
  diff("parent_id", opt(a.parent_id), opt(b.parent_id));
  diff("image_url", opt(a.image_url), opt(b.image_url));
  diff("sort_order", json::value(a.sort_order), json::value(b.sort_order));
  diff("is_active", json::value(a.is_active), json::value(b.is_active));
  return c;
}

json::object BrandChanges(const BrandRecord& a, const BrandRecord& b) {
  json::object c;
  auto diff = [&c](const char* name, json::value from, json::value to) {
    if (from != to) c[name] = {{"from", std::move(from)}, {"to", std::move(to)}};
  };
  auto opt = [](const auto& v) { return v ? json::value(*v) : json::value(nullptr); };
  diff("name", json::value(a.name), json::value(b.name));
  diff("slug", json::value(a.slug), json::value(b.slug));
  diff("description", opt(a.description), opt(b.description));
  diff("logo_url", opt(a.logo_url), opt(b.logo_url));
  diff("is_active", json::value(a.is_active), json::value(b.is_active));
  return c;
}

}  // namespace

Result<CategoryRecord> AdminService::CreateCategory(const CategoryInput& in,
                                                    audit::AuditEntry who) {
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<CategoryRecord> {
    CategoryRecord c;
    Take(c.name, in.name);
    Take(c.slug, in.slug);
    Take(c.description, in.description);
    Take(c.parent_id, in.parent_id);
    Take(c.image_url, in.image_url);
    Take(c.sort_order, in.sort_order);
    Take(c.is_active, in.is_active);
    std::vector<FieldError> errors;
    CheckCategory(uow, 0, c, in, errors);
    if (!errors.empty()) return Invalid(std::move(errors));
    if (!in.slug) c.slug = FreeSlug(uow, sqla::kCategorySlugsLike, SlugBase(c.name, "categoria"));
    c.id = uow.Exec(sqla::kInsertCategory, CategoryParams(c)).last_insert_id;
    search_log::Record(uow, search_log::kCategory, c.id);
    Audit(uow, who, "category.create", "category", c.id,
          json::serialize(json::object{
              {"name", c.name},
              {"slug", c.slug},
              {"parent_id", c.parent_id ? json::value(*c.parent_id) : json::value(nullptr)}}));
    InvalidateAfterCommit(uow, catalog_);
    return c;
  });
  if (!r) return std::unexpected(TakenFromBackstop(std::move(r.error()), "slug"));
  return r;
}

Result<CategoryRecord> AdminService::UpdateCategory(std::int64_t id, const CategoryInput& in,
                                                    audit::AuditEntry who) {
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<CategoryRecord> {
    if (uow.Exec(sqla::kLockCategory, {id}).affected == 0) {
      return CategoryNotFound(std::to_string(id));
    }
    const CategoryRecord stored = ReadCategory(*uow.QueryOne(sqla::kCategoryById, {id}));
    CategoryRecord c = stored;
    Take(c.name, in.name);
    Take(c.slug, in.slug);
    Take(c.description, in.description);
    Take(c.parent_id, in.parent_id);
    Take(c.image_url, in.image_url);
    Take(c.sort_order, in.sort_order);
    Take(c.is_active, in.is_active);
    std::vector<FieldError> errors;
    CheckCategory(uow, id, c, in, errors);
    if (!errors.empty()) return Invalid(std::move(errors));
    std::vector<db::Value> params = CategoryParams(c);
    params.emplace_back(id);
    uow.Exec(sqla::kUpdateCategory, params);
    search_log::Record(uow, search_log::kCategory, id);
    Audit(uow, who, "category.update", "category", id,
          json::serialize(json::object{{"changes", CategoryChanges(stored, c)}}));
    InvalidateAfterCommit(uow, catalog_);
    return c;
  });
  if (!r) return std::unexpected(TakenFromBackstop(std::move(r.error()), "slug"));
  return r;
}

Result<void> AdminService::DeleteCategory(std::int64_t id, audit::AuditEntry who) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    if (uow.Exec(sqla::kLockCategory, {id}).affected == 0) {
      return CategoryNotFound(std::to_string(id));
    }
    const CategoryRecord stored = ReadCategory(*uow.QueryOne(sqla::kCategoryById, {id}));
    if (auto used = StillUsed(uow, sqla::kProductsInCategory, id, "category")) {
      return std::unexpected(std::move(*used));
    }
    if (const std::int64_t children = uow.QueryOne(sqla::kChildCategories, {id})->Int(0)) {
      Error e;
      e.code = Errc::kConflict;
      e.type = "in_use";
      e.detail = "The category has " + std::to_string(children) +
                 " subcategories; move or delete them first.";
      return std::unexpected(std::move(e));
    }
    uow.Exec(sqla::kDeleteCategory, {id});
    search_log::Record(uow, search_log::kCategory, id);
    Audit(uow, who, "category.delete", "category", id,
          json::serialize(json::object{{"name", stored.name}, {"slug", stored.slug}}));
    InvalidateAfterCommit(uow, catalog_);
    return {};
  });
}

Result<BrandRecord> AdminService::CreateBrand(const BrandInput& in, audit::AuditEntry who) {
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<BrandRecord> {
    BrandRecord b;
    Take(b.name, in.name);
    Take(b.slug, in.slug);
    Take(b.description, in.description);
    Take(b.logo_url, in.logo_url);
    Take(b.is_active, in.is_active);
    std::vector<FieldError> errors;
    CheckBrand(uow, 0, b, in, errors);
    if (!errors.empty()) return Invalid(std::move(errors));
    if (!in.slug) b.slug = FreeSlug(uow, sqla::kBrandSlugsLike, SlugBase(b.name, "marca"));
    b.id = uow.Exec(sqla::kInsertBrand, BrandParams(b)).last_insert_id;
    search_log::Record(uow, search_log::kBrand, b.id);
    Audit(uow, who, "brand.create", "brand", b.id,
          json::serialize(json::object{{"name", b.name}, {"slug", b.slug}}));
    InvalidateAfterCommit(uow, catalog_);
    return b;
  });
  if (!r) return std::unexpected(TakenFromBackstop(std::move(r.error()), "name"));
  return r;
}

Result<BrandRecord> AdminService::UpdateBrand(std::int64_t id, const BrandInput& in,
                                              audit::AuditEntry who) {
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<BrandRecord> {
    if (uow.Exec(sqla::kLockBrand, {id}).affected == 0) return BrandNotFound(id);
    const BrandRecord stored = ReadBrand(*uow.QueryOne(sqla::kBrandById, {id}));
    BrandRecord b = stored;
    Take(b.name, in.name);
    Take(b.slug, in.slug);
    Take(b.description, in.description);
    Take(b.logo_url, in.logo_url);
    Take(b.is_active, in.is_active);
    std::vector<FieldError> errors;
    CheckBrand(uow, id, b, in, errors);
    if (!errors.empty()) return Invalid(std::move(errors));
    std::vector<db::Value> params = BrandParams(b);
    params.emplace_back(id);
    uow.Exec(sqla::kUpdateBrand, params);
    search_log::Record(uow, search_log::kBrand, id);
    // The brand's name is part of its products' search text.
    if (b.name != stored.name) {
      for (const db::Row& p : uow.Query(sqla::kSearchFieldsOfBrand, {id})) {
        uow.Exec(sqla::kUpdateSearchText,
                 {SearchText(p.Str(1), p.Str(2), b.name, p.Str(3), p.Str(4)), p.Int(0)});
      }
    }
    Audit(uow, who, "brand.update", "brand", id,
          json::serialize(json::object{{"changes", BrandChanges(stored, b)}}));
    InvalidateAfterCommit(uow, catalog_);
    return b;
  });
  if (!r) return std::unexpected(TakenFromBackstop(std::move(r.error()), "name"));
  return r;
}

Result<void> AdminService::DeleteBrand(std::int64_t id, audit::AuditEntry who) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    if (uow.Exec(sqla::kLockBrand, {id}).affected == 0) return BrandNotFound(id);
    const BrandRecord stored = ReadBrand(*uow.QueryOne(sqla::kBrandById, {id}));
    if (auto used = StillUsed(uow, sqla::kProductsOfBrand, id, "brand")) {
      return std::unexpected(std::move(*used));
    }
    uow.Exec(sqla::kDeleteBrand, {id});
    search_log::Record(uow, search_log::kBrand, id);
    Audit(uow, who, "brand.delete", "brand", id,
          json::serialize(json::object{{"name", stored.name}, {"slug", stored.slug}}));
    InvalidateAfterCommit(uow, catalog_);
    return {};
  });
}

}  // namespace moderno::catalog
