#include "promotions/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <iterator>

#include "promotions/queries.hpp"
#include "promotions/repository.hpp"

namespace moderno::promotions {
namespace json = boost::json;
namespace {

// The columns and lists that staff write.
struct CouponRow {
  std::string code;
  std::string type;
  std::int64_t value = 0;
  std::int64_t min_subtotal = 0;
  std::optional<std::string> starts_at;
  std::optional<std::string> ends_at;
  std::optional<std::int64_t> usage_limit;
  std::optional<std::int64_t> usage_limit_per_customer;
  bool is_active = true;
  std::vector<std::int64_t> category_ids;
  std::vector<std::int64_t> product_ids;
};

CouponRow RowOf(const Coupon& c) {
  return {c.code,         c.type,        c.value,
          c.min_subtotal, c.starts_at,   c.ends_at,
          c.usage_limit,  c.usage_limit_per_customer,
          c.is_active,    c.category_ids, c.product_ids};
}

template <class T>
void Take(T& target, const std::optional<T>& input) {
  if (input) target = *input;
}

void Merge(CouponRow& row, const CouponInput& in) {
  Take(row.code, in.code);
  Take(row.type, in.type);
  Take(row.value, in.value);
  // A free-shipping coupon has no value: turning one into it needs none to be sent.
  if (in.type && *in.type == kFreeShipping && !in.value) row.value = 0;
  Take(row.min_subtotal, in.min_subtotal);
  Take(row.starts_at, in.starts_at);
  Take(row.ends_at, in.ends_at);
  Take(row.usage_limit, in.usage_limit);
  Take(row.usage_limit_per_customer, in.usage_limit_per_customer);
  Take(row.is_active, in.is_active);
  Take(row.category_ids, in.category_ids);
  Take(row.product_ids, in.product_ids);
}

std::string Join(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (std::int64_t id : ids) out += (out.empty() ? "" : ", ") + std::to_string(id);
  return out;
}

// The ids of `wanted` that `existing` (both ascending) lacks.
std::vector<std::int64_t> Missing(const std::vector<std::int64_t>& wanted,
                                  const std::vector<std::int64_t>& existing) {
  std::vector<std::int64_t> out;
  std::ranges::set_difference(wanted, existing, std::back_inserter(out));
  return out;
}

// The checks across fields and against the database. `stored` is null on create.
std::vector<FieldError> Check(db::UnitOfWork& uow, std::int64_t id, const CouponRow& row,
                              const CouponInput& in, const Coupon* stored) {
  std::vector<FieldError> errors;
  const bool create = stored == nullptr;
  if (in.code && (create || row.code != stored->code) &&
      uow.QueryOne(sql::kCodeTaken, {row.code, id})) {
    errors.push_back({"code", "taken", "code " + row.code + " is already in use"});
  }
  const bool type_changed = !create && in.type && *in.type != stored->type;
  if ((create || type_changed) && row.type != kFreeShipping && !in.value) {
    errors.push_back({"value", "required", "value is required for a " + row.type + " coupon"});
  } else if (create || in.type || in.value) {
    if (row.type == kPercentage && (row.value < 1 || row.value > 100)) {
      errors.push_back({"value", "out_of_range", "a percentage value must be from 1 to 100"});
    } else if (row.type == kFixed && row.value < 1) {
      errors.push_back({"value", "out_of_range", "a fixed value must be at least 1 peso"});
    } else if (row.type == kFreeShipping && row.value != 0) {
      errors.push_back({"value", "invalid", "a free_shipping coupon takes no value (0 or absent)"});
    }
  }
  if ((create || in.starts_at || in.ends_at) && row.starts_at && row.ends_at &&
      *row.ends_at <= *row.starts_at) {
    errors.push_back({"ends_at", "before_start", "ends_at must be after starts_at"});
  }
  if (!create && in.usage_limit && row.usage_limit && *row.usage_limit < stored->times_used) {
    errors.push_back({"usage_limit", "below_times_used",
                      "usage_limit may not be below times_used (" +
                          std::to_string(stored->times_used) + ")"});
  }
  if (in.category_ids) {
    auto unknown = Missing(row.category_ids,
                           ExistingIds(uow, sql::kExistingCategories, row.category_ids));
    if (!unknown.empty()) {
      errors.push_back({"category_ids", "unknown", "no category with id " + Join(unknown)});
    }
  }
  if (in.product_ids) {
    auto unknown =
        Missing(row.product_ids, ExistingIds(uow, sql::kExistingProducts, row.product_ids));
    if (!unknown.empty()) {
      errors.push_back({"product_ids", "unknown", "no product with id " + Join(unknown)});
    }
  }
  return errors;
}

void WriteScope(db::UnitOfWork& uow, std::int64_t id, const CouponRow& row,
                const CouponInput& in, bool create) {
  if (in.category_ids) {
    if (!create) uow.Exec(sql::kDeleteScopeCategories, {id});
    for (std::int64_t c : row.category_ids) uow.Exec(sql::kInsertScopeCategory, {id, c});
  }
  if (in.product_ids) {
    if (!create) uow.Exec(sql::kDeleteScopeProducts, {id});
    for (std::int64_t p : row.product_ids) uow.Exec(sql::kInsertScopeProduct, {id, p});
  }
}

// The parameters of kInsertCoupon, and of kUpdateCoupon before the id.
std::vector<db::Value> Params(const CouponRow& r) {
  return {r.code,
          r.type,
          r.value,
          r.min_subtotal,
          db::Opt(r.starts_at),
          db::Opt(r.ends_at),
          db::Opt(r.usage_limit),
          db::Opt(r.usage_limit_per_customer),
          std::int64_t{r.is_active}};
}

json::value ToValue(const std::string& s) { return json::value(s); }
json::value ToValue(std::int64_t n) { return json::value(n); }
json::value ToValue(bool b) { return json::value(b); }
json::value ToValue(const std::vector<std::int64_t>& ids) {
  json::array a;
  for (std::int64_t id : ids) a.emplace_back(id);
  return a;
}
template <class T>
json::value ToValue(const std::optional<T>& v) {
  return v ? ToValue(*v) : json::value(nullptr);
}

template <class T>
void Diff(json::object& changes, const char* name, const T& before, const T& after) {
  if (before != after) changes[name] = {{"from", ToValue(before)}, {"to", ToValue(after)}};
}

json::object Changes(const CouponRow& a, const CouponRow& b) {
  json::object c;
  Diff(c, "code", a.code, b.code);
  Diff(c, "type", a.type, b.type);
  Diff(c, "value", a.value, b.value);
  Diff(c, "min_subtotal", a.min_subtotal, b.min_subtotal);
  Diff(c, "starts_at", a.starts_at, b.starts_at);
  Diff(c, "ends_at", a.ends_at, b.ends_at);
  Diff(c, "usage_limit", a.usage_limit, b.usage_limit);
  Diff(c, "usage_limit_per_customer", a.usage_limit_per_customer, b.usage_limit_per_customer);
  Diff(c, "is_active", a.is_active, b.is_active);
  Diff(c, "category_ids", a.category_ids, b.category_ids);
  Diff(c, "product_ids", a.product_ids, b.product_ids);
  return c;
}

void Audit(db::UnitOfWork& uow, audit::AuditEntry who, std::string_view action, std::int64_t id,
           const json::object& details) {
  audit::RecordChange(uow, std::move(who), action, "coupon", id, json::serialize(details));
}

std::unexpected<Error> NotFound(std::int64_t id) {
  return Fail(Errc::kNotFound, "No coupon with id " + std::to_string(id) + ".");
}

// A concurrent write that took the code between the check and the insert trips the unique
// index: the same 422 as the check.
Error CodeTakenBackstop(Error e) {
  if (e.code != Errc::kAlreadyExists) return e;
  Error out = Invalid({{"code", "taken", "code is already in use"}}).error();
  out.internal = std::move(e.internal);
  return out;
}

}  // namespace

Result<CouponPage> CouponAdmin::List(const CouponFilter& filter) {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<CouponPage> {
    return ListCoupons(uow, filter);
  });
}

Result<Coupon> CouponAdmin::Get(std::int64_t id) {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<Coupon> {
    auto c = FindCoupon(uow, id);
    if (!c) return NotFound(id);
    return std::move(*c);
  });
}

Result<Coupon> CouponAdmin::Create(const CouponInput& in, audit::AuditEntry who) {
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<Coupon> {
    CouponRow row;
    Merge(row, in);
    auto errors = Check(uow, 0, row, in, nullptr);
    if (!errors.empty()) return Invalid(std::move(errors));
    const std::int64_t id = uow.Exec(sql::kInsertCoupon, Params(row)).last_insert_id;
    WriteScope(uow, id, row, in, true);
    Audit(uow, who, "coupon.create", id,
          {{"code", row.code}, {"type", row.type}, {"value", row.value}});
    auto created = FindCoupon(uow, id);
    if (!created) return Fail(Errc::kInternal, "", "created coupon not found");
    return std::move(*created);
  });
  if (!r) return std::unexpected(CodeTakenBackstop(std::move(r.error())));
  return r;
}

Result<Coupon> CouponAdmin::Update(std::int64_t id, const CouponInput& in,
                                   audit::AuditEntry who) {
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<Coupon> {
    if (uow.Exec(sql::kLockCoupon, {id}).affected == 0) return NotFound(id);
    const Coupon stored = *FindCoupon(uow, id);
    const CouponRow before = RowOf(stored);
    CouponRow row = before;
    Merge(row, in);
    auto errors = Check(uow, id, row, in, &stored);
    if (!errors.empty()) return Invalid(std::move(errors));
    std::vector<db::Value> params = Params(row);
    params.emplace_back(id);
    uow.Exec(sql::kUpdateCoupon, params);
    WriteScope(uow, id, row, in, false);
    Audit(uow, who, "coupon.update", id, {{"code", row.code}, {"changes", Changes(before, row)}});
    auto updated = FindCoupon(uow, id);
    if (!updated) return Fail(Errc::kInternal, "", "updated coupon not found");
    return std::move(*updated);
  });
  if (!r) return std::unexpected(CodeTakenBackstop(std::move(r.error())));
  return r;
}

Result<DeleteOutcome> CouponAdmin::Delete(std::int64_t id, audit::AuditEntry who) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<DeleteOutcome> {
    if (uow.Exec(sql::kLockCoupon, {id}).affected == 0) return NotFound(id);
    const Coupon stored = *FindCoupon(uow, id);
    DeleteOutcome outcome = DeleteOutcome::kDeleted;
    if (uow.QueryOne(sql::kCouponUsed, {id})->Bool(0)) {
      outcome = DeleteOutcome::kDeactivated;
      uow.Exec(sql::kDeactivateCoupon, {id});
    } else {
      uow.Exec(sql::kDeleteScopeCategories, {id});
      uow.Exec(sql::kDeleteScopeProducts, {id});
      uow.Exec(sql::kDeleteCoupon, {id});
    }
    Audit(uow, who, "coupon.delete", id,
          {{"code", stored.code},
           {"outcome", outcome == DeleteOutcome::kDeleted ? "deleted" : "deactivated"},
           {"times_used", stored.times_used}});
    return outcome;
  });
}

}  // namespace moderno::promotions
