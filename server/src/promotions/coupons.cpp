#include "promotions/coupons.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_set>

#include "promotions/model.hpp"
#include "promotions/queries.hpp"
#include "promotions/repository.hpp"

namespace moderno::promotions {
namespace {

// Products of sums of pesos can pass 2^63; the rest stays in int64.
__extension__ typedef __int128 Wide;

constexpr std::string_view kField = "coupon_code";

std::unexpected<Error> Refuse(std::string why, std::string message) {
  return Invalid({{std::string(kField), std::move(why), std::move(message)}},
                 "The coupon cannot be applied.");
}

// 20000 -> "$20.000", as prices are written in Chile.
std::string Pesos(std::int64_t amount) {
  std::string digits = std::to_string(amount < 0 ? -amount : amount);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return (amount < 0 ? "-$" : "$") + out;
}

// Timestamps as stored are 'YYYY-MM-DD HH:MM:SS'; an ISO 'T' separator compares the same.
std::string Comparable(std::string_view ts) {
  std::string s(ts.substr(0, 19));
  if (s.size() > 10 && s[10] == 'T') s[10] = ' ';
  return s;
}

// Spreads `amount` over the lines in proportion to `weights` (0: the line takes nothing):
// each line gets the floor of its share, and the pesos left over go one each to the lines
// with the largest remainders (earlier lines first on ties). Needs amount <= sum(weights).
std::vector<std::int64_t> Spread(std::int64_t amount, const std::vector<std::int64_t>& weights) {
  std::vector<std::int64_t> out(weights.size(), 0);
  const Wide total = std::accumulate(weights.begin(), weights.end(), Wide{0});
  if (amount <= 0 || total <= 0) return out;
  std::vector<Wide> remainder(weights.size(), 0);
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Wide scaled = Wide{amount} * weights[i];
    out[i] = static_cast<std::int64_t>(scaled / total);
    remainder[i] = scaled % total;
    given += out[i];
  }
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] > 0) order.push_back(i);
  }
  std::ranges::stable_sort(order, [&](std::size_t a, std::size_t b) {
    return remainder[a] > remainder[b];
  });
  // Fewer pesos are left than lines with a share, since each floor lost less than one.
  for (std::size_t k = 0; given < amount && k < order.size(); ++k, ++given) ++out[order[k]];
  return out;
}

}  // namespace

std::string CanonicalCode(std::string_view code) {
  const auto first = code.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  code = code.substr(first, code.find_last_not_of(" \t\r\n") - first + 1);
  std::string out(code);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

Result<AppliedCoupon> Evaluate(db::UnitOfWork& uow, std::string_view code,
                               std::optional<std::int64_t> user_id,
                               const std::vector<CouponLine>& lines, std::string_view now_sql) {
  const std::string canonical = CanonicalCode(code);
  std::optional<Coupon> found;
  if (!canonical.empty() && canonical.size() <= kMaxCodeLength) {
    found = FindCouponByCode(uow, canonical);
  }
  if (!found) {
    if (canonical.empty()) return Refuse("unknown", "Ingresa un código de cupón.");
    if (canonical.size() > kMaxCodeLength) return Refuse("unknown", "El cupón no existe.");
    return Refuse("unknown", "El cupón " + canonical + " no existe.");
  }
  const Coupon& c = *found;
  if (!c.is_active) return Refuse("inactive", "El cupón " + c.code + " no está activo.");
  const std::string now = Comparable(now_sql);
  if (c.starts_at && now < Comparable(*c.starts_at)) {
    return Refuse("not_started", "El cupón " + c.code + " todavía no está vigente.");
  }
  if (c.ends_at && now > Comparable(*c.ends_at)) {
    return Refuse("expired", "El cupón " + c.code + " expiró.");
  }
  if (c.usage_limit && c.times_used >= *c.usage_limit) {
    return Refuse("exhausted", "El cupón " + c.code + " ya alcanzó su límite de usos.");
  }
  if (user_id && c.usage_limit_per_customer &&
      uow.QueryOne(sql::kUserRedemptions, {c.id, *user_id})->Int(0) >=
          *c.usage_limit_per_customer) {
    return Refuse("per_customer_limit",
                  "Ya usaste el cupón " + c.code + " las veces que permite por cliente.");
  }
  std::int64_t subtotal = 0;
  for (const CouponLine& line : lines) subtotal += std::max<std::int64_t>(line.line_total, 0);
  if (subtotal < c.min_subtotal) {
    return Refuse("min_subtotal", "El cupón " + c.code + " requiere una compra mínima de " +
                                      Pesos(c.min_subtotal) + ".");
  }

  // Eligible lines: every line, or those in the scope (products, or categories with their
  // descendants).
  std::unordered_set<std::int64_t> products, categories;
  for (const db::Row& r : uow.Query(sql::kScopeProducts, {c.id})) products.insert(r.Int(0));
  for (const db::Row& r : uow.Query(sql::kScopeCategoryTree, {c.id})) categories.insert(r.Int(0));
  const bool scoped = !products.empty() || !categories.empty();
  std::vector<std::int64_t> eligible(lines.size(), 0);
  std::int64_t eligible_total = 0;
  bool any_eligible = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const CouponLine& line = lines[i];
    if (scoped && !products.contains(line.product_id) && !categories.contains(line.category_id)) {
      continue;
    }
    any_eligible = true;
    eligible[i] = std::max<std::int64_t>(line.line_total, 0);
    eligible_total += eligible[i];
  }
  if (scoped && !any_eligible) {
    return Refuse("not_applicable",
                  "El cupón " + c.code + " no aplica a los productos de tu carro.");
  }

  AppliedCoupon out;
  out.coupon_id = c.id;
  out.code = c.code;
  out.type = c.type;
  out.value = c.value;
  if (c.type == kPercentage) {
    out.discount = static_cast<std::int64_t>(Wide{eligible_total} * c.value / 100);
  } else if (c.type == kFixed) {
    out.discount = std::min(c.value, eligible_total);
  } else {
    out.free_shipping = true;
  }
  out.discount = std::clamp<std::int64_t>(out.discount, 0, eligible_total);
  out.line_discounts = Spread(out.discount, eligible);
  return out;
}

Result<void> Redeem(db::UnitOfWork& uow, const AppliedCoupon& coupon, std::int64_t user_id,
                    std::int64_t order_id) {
  const bool mysql = uow.dialect() == db::Dialect::kMysql;
  // The use is taken first: the conditional update locks the coupon's row, so every
  // redemption of this coupon queues there before it locks anything else (a fixed lock order:
  // coupon, then user, then the redemption rows), and the locking count below cannot
  // deadlock with another customer's insert into the same index gap. When a check fails
  // later, the caller rolls back and the use with it.
  if (uow.Exec(sql::kTakeUse, {coupon.coupon_id}).affected == 0) {
    if (!uow.QueryOne(sql::kPerCustomerLimit, {coupon.coupon_id})) {
      return Refuse("unknown", "El cupón " + coupon.code + " ya no existe.");
    }
    return Refuse("exhausted", "El cupón " + coupon.code + " ya alcanzó su límite de usos.");
  }
  auto limit = uow.QueryOne(sql::kPerCustomerLimit, {coupon.coupon_id})->OptInt(0);
  if (limit) {
    if (mysql) uow.Query(sql::kLockUserMysql, {user_id});
    const std::int64_t used =
        uow.QueryOne(mysql ? sql::kUserRedemptionsLockingMysql : sql::kUserRedemptions,
                     {coupon.coupon_id, user_id})
            ->Int(0);
    if (used >= *limit) {
      return Refuse("per_customer_limit",
                    "Ya usaste el cupón " + coupon.code + " las veces que permite por cliente.");
    }
  }
  uow.Exec(sql::kInsertRedemption, {coupon.coupon_id, user_id, order_id, coupon.discount});
  return {};
}

void Release(db::UnitOfWork& uow, std::int64_t order_id) {
  auto redemption = uow.QueryOne(sql::kRedemptionOfOrder, {order_id});
  if (!redemption) return;
  const std::int64_t id = redemption->Int(0);
  const std::int64_t coupon_id = redemption->Int(1);
  // Same lock order as Redeem: the coupon's row before the redemption rows.
  if (uow.dialect() == db::Dialect::kMysql) uow.Query(sql::kLockCouponMysql, {coupon_id});
  // Only the unit of work that really deleted the row gives the use back.
  if (uow.Exec(sql::kDeleteRedemption, {id}).affected == 1) {
    uow.Exec(sql::kGiveUseBack, {coupon_id});
  }
}

}  // namespace moderno::promotions
