#include "promotions/repository.hpp"

#include <algorithm>
#include <map>

#include "promotions/queries.hpp"

namespace moderno::promotions {
namespace {

// The order of sql::kCouponSelect.
Coupon ReadCoupon(const db::Row& r) {
  Coupon c;
  c.id = r.Int(0);
  c.code = r.Str(1);
  c.type = r.Str(2);
  c.value = r.Int(3);
  c.min_subtotal = r.Int(4);
  c.starts_at = r.OptStr(5);
  c.ends_at = r.OptStr(6);
  c.usage_limit = r.OptInt(7);
  c.usage_limit_per_customer = r.OptInt(8);
  c.times_used = r.Int(9);
  c.is_active = r.Bool(10);
  c.created_at = r.Str(11);
  c.updated_at = r.Str(12);
  return c;
}

// "(?, ?, ?)" for n > 0 values.
std::string Placeholders(std::size_t n) { return "(" + db::Placeholders(n) + ")"; }

}  // namespace

std::optional<Coupon> FindCouponByCode(db::UnitOfWork& uow, const std::string& canonical_code) {
  static const std::string kSql = std::string(sql::kCouponSelect) + " WHERE code = ?";
  auto row = uow.QueryOne(kSql, {canonical_code});
  if (!row) return std::nullopt;
  return ReadCoupon(*row);
}

std::optional<Coupon> FindCoupon(db::UnitOfWork& uow, std::int64_t id) {
  static const std::string kSql = std::string(sql::kCouponSelect) + " WHERE id = ?";
  auto row = uow.QueryOne(kSql, {id});
  if (!row) return std::nullopt;
  std::vector<Coupon> one{ReadCoupon(*row)};
  LoadScopes(uow, one);
  return std::move(one.front());
}

CouponPage ListCoupons(db::UnitOfWork& uow, const CouponFilter& f) {
  std::string where = " WHERE 1 = 1";
  std::vector<db::Value> params;
  if (f.q && !f.q->empty()) {
    // Codes hold only A-Z, 0-9, '_' and '-': '_' is the one LIKE wildcard to escape.
    std::string pattern = "%";
    for (char c : *f.q) {
      if (c == '%' || c == '_' || c == '!') pattern += '!';
      pattern += c;
    }
    pattern += '%';
    where += " AND code LIKE ? ESCAPE '!'";
    params.emplace_back(std::move(pattern));
  }
  if (f.is_active) {
    where += " AND is_active = ?";
    params.emplace_back(std::int64_t{*f.is_active});
  }
  CouponPage page;
  page.total = uow.QueryOne(std::string(sql::kCountCoupons) + where, params)->Int(0);
  params.emplace_back(std::int64_t{f.limit});
  params.emplace_back(std::int64_t{f.page - 1} * f.limit);
  for (const db::Row& r :
       uow.Query(std::string(sql::kCouponSelect) + where + std::string(sql::kPageOrder), params)) {
    page.items.push_back(ReadCoupon(r));
  }
  LoadScopes(uow, page.items);
  return page;
}

void LoadScopes(db::UnitOfWork& uow, std::vector<Coupon>& coupons) {
  if (coupons.empty()) return;
  std::map<std::int64_t, Coupon*> by_id;
  std::vector<db::Value> ids;
  for (Coupon& c : coupons) {
    by_id[c.id] = &c;
    ids.emplace_back(c.id);
    c.category_ids.clear();
    c.product_ids.clear();
  }
  const std::string in = Placeholders(ids.size());
  for (const db::Row& r : uow.Query(std::string(sql::kScopeCategoriesOfCoupons) + in, ids)) {
    by_id.at(r.Int(0))->category_ids.push_back(r.Int(1));
  }
  for (const db::Row& r : uow.Query(std::string(sql::kScopeProductsOfCoupons) + in, ids)) {
    by_id.at(r.Int(0))->product_ids.push_back(r.Int(1));
  }
  for (Coupon& c : coupons) {
    std::ranges::sort(c.category_ids);
    std::ranges::sort(c.product_ids);
  }
}

std::vector<std::int64_t> ExistingIds(db::UnitOfWork& uow, std::string_view prefix,
                                      const std::vector<std::int64_t>& ids) {
  std::vector<std::int64_t> out;
  if (ids.empty()) return out;
  std::vector<db::Value> params(ids.begin(), ids.end());
  for (const db::Row& r : uow.Query(std::string(prefix) + Placeholders(ids.size()), params)) {
    out.push_back(r.Int(0));
  }
  std::ranges::sort(out);
  return out;
}

}  // namespace moderno::promotions
