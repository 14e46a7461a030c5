#include "catalog/admin/admin_support.hpp"

#include "catalog/repository.hpp"

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "catalog/admin/admin_queries.hpp"
#include "catalog/queries.hpp"
#include "platform/text/fold.hpp"
#include "platform/time/time.hpp"

namespace moderno::catalog {
namespace {

constexpr std::size_t kMaxSlugBase = 200;
constexpr int kMaxCategoryDepth = 64;

bool LowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool Alnum(char c) { return LowerAlnum(c) || (c >= 'A' && c <= 'Z'); }

}  // namespace

std::string SlugFrom(std::string_view text) {
  std::string out;
  for (char c : text::Fold(text)) {
    if (LowerAlnum(c)) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  if (out.size() > kMaxSlugBase) out.resize(kMaxSlugBase);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string SlugBase(std::string_view name, std::string_view fallback) {
  std::string slug = SlugFrom(name);
  if (slug.empty()) return std::string(fallback);
  if (std::ranges::none_of(slug, [](char c) { return c >= 'a' && c <= 'z'; })) {
    return std::string(fallback) + "-" + slug;
  }
  return slug;
}

bool IsSlug(std::string_view s) {
  if (s.empty() || s.size() > 255 || s.front() == '-' || s.back() == '-') return false;
  if (std::ranges::none_of(s, [](char c) { return c >= 'a' && c <= 'z'; })) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '-') {
      if (s[i - 1] == '-') return false;
    } else if (!LowerAlnum(s[i])) {
      return false;
    }
  }
  return true;
}

bool IsSku(std::string_view s) {
  if (s.empty() || !Alnum(s.front())) return false;
  return std::ranges::all_of(s,
                             [](char c) { return Alnum(c) || c == '.' || c == '_' || c == '-'; });
}

std::string FreeSlug(db::UnitOfWork& uow, std::string_view slugs_like, const std::string& base) {
  std::unordered_set<std::string> taken;
  // Slugs hold no '%' or '_', so the pattern needs no escaping.
  for (const db::Row& r : uow.Query(slugs_like, {base, base + "-%"})) taken.insert(r.Str(0));
  if (!taken.contains(base)) return base;
  for (std::size_t k = 2;; ++k) {
    std::string candidate = base + "-" + std::to_string(k);
    if (!taken.contains(candidate)) return candidate;
  }
}

std::string SearchText(std::string_view name, std::string_view sku, std::string_view brand,
                       std::string_view short_description, std::string_view description) {
  std::string joined;
  for (std::string_view part : {name, sku, brand, short_description, description}) {
    if (part.empty()) continue;
    if (!joined.empty()) joined += ' ';
    joined += part;
  }
  return text::Fold(joined);
}

std::optional<StaffProduct> LoadStaffProduct(db::UnitOfWork& uow, std::int64_t id,
                                             bool include_deleted) {
  const std::string select =
      std::string(sql::kSummaryColumns) + std::string(sql::kDetailColumns) +
      std::string(admin_sql::kStaffColumns) + std::string(sql::kSummaryFrom) +
      std::string(include_deleted ? admin_sql::kStaffWhereAny : admin_sql::kStaffWhere);
  auto row = uow.QueryOne(select, {id});
  if (!row) return std::nullopt;
  const db::Row& r = *row;
  StaffProduct out;
  out.detail = Repository().ReadDetail(uow, r);
  ProductDetail& d = out.detail;
  // The staff columns follow sql::kSummaryColumns and sql::kDetailColumns.
  out.is_active = r.Bool(24);
  out.cost_price = r.OptInt(25);
  if (!r.IsNull(26)) out.deleted_at = time::IsoFromSql(r.Str(26));
  std::optional<std::int64_t> next = d.summary.category.id;
  for (int depth = 0; next && depth < kMaxCategoryDepth; ++depth) {
    auto c = uow.QueryOne(admin_sql::kCategoryCrumb, {*next});
    if (!c) break;
    d.breadcrumbs.push_back({c->Int(0), c->Str(1), c->Str(2)});
    next = c->OptInt(3);
  }
  std::ranges::reverse(d.breadcrumbs);
  return out;
}

Error TakenFromBackstop(Error e, std::string_view fallback_field) {
  if (e.code != Errc::kAlreadyExists) return e;
  // SQLite: "UNIQUE constraint failed: products.sku"; MySQL: "Duplicate entry 'x' for key
  // 'idx_products_sku' in: <sql>". Only the index part is looked at: the value may say anything.
  std::string_view msg = e.internal;
  if (auto in = msg.find(" in: "); in != std::string_view::npos) msg = msg.substr(0, in);
  std::string_view index = msg;
  if (auto at = msg.rfind("key '"); at != std::string_view::npos)
    index = msg.substr(at);
  else if (auto at2 = msg.rfind("failed: "); at2 != std::string_view::npos)
    index = msg.substr(at2);
  std::string field(fallback_field);
  for (std::string_view candidate : {"slug", "sku", "code", "name"}) {
    if (index.find(candidate) != std::string_view::npos) {
      field = candidate;
      break;
    }
  }
  Error out = Invalid({{field, "taken", field + " is already in use"}}).error();
  out.internal = e.internal;
  return out;
}

void Audit(db::UnitOfWork& uow, audit::AuditEntry who, std::string_view action,
           std::string_view entity, std::int64_t entity_id, std::string details_json) {
  audit::RecordChange(uow, std::move(who), action, entity, entity_id, std::move(details_json));
}

void InvalidateAfterCommit(db::UnitOfWork& uow, Service& catalog) {
  uow.AfterCommit([&catalog] { catalog.Invalidate(); });
}

}  // namespace moderno::catalog
