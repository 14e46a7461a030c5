#include "orders/repository.hpp"

#include "orders/queries.hpp"
#include "platform/error.hpp"

namespace moderno::orders {
namespace {

constexpr int kNumberAttempts = 5;

// Order numbers: MOD-<year>-<6 symbols> from an alphabet without look-alikes (no 0/O, 1/I).
std::string NewOrderNumber(const std::string& now_sql) {
  static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  const std::string random = crypto::RandomToken(12);
  std::string code;
  for (std::size_t i = 0; code.size() < 6; ++i) {
    code += kAlphabet[static_cast<unsigned char>(random[i % random.size()] + i * 7) % kAlphabet.size()];
  }
  return "MOD-" + now_sql.substr(0, 4) + "-" + code;
}

}  // namespace

Order Repository::ReadRow(const db::Row& r) const {
  Order o;
  o.id = r.Int(0);
  o.order_number = r.Str(1);
  o.user_id = r.Int(2);
  o.status = ParseStatus(r.Str(3)).value_or(OrderStatus::kPending);
  o.payment_status = r.Str(4);
  o.payment_method = r.Str(5);
  o.payment_reference = r.OptStr(6);
  o.currency = r.Str(7);
  o.totals = {r.Int(8), r.Int(9), r.Int(10), r.Int(11), r.Int(12)};
  o.refunded_amount = r.Int(13);
  o.coupon_code = r.OptStr(14);
  o.shipping_method = r.Str(15);
  o.shipping_region = r.Str(16);
  auto ship = cipher_.Decrypt(r.Str(17));
  o.shipping_address_json = ship ? *ship : "{}";
  if (auto b = r.OptStr(18)) {
    if (auto bill = cipher_.Decrypt(*b)) o.billing_address_json = *bill;
  }
  o.notes = r.OptStr(19);
  o.tracking_number = r.OptStr(20);
  o.reserved_until = r.OptStr(21);
  o.created_at = r.Str(22);
  o.updated_at = r.Str(23);
  o.paid_at = r.OptStr(24);
  o.shipped_at = r.OptStr(25);
  o.delivered_at = r.OptStr(26);
  o.cancelled_at = r.OptStr(27);
  o.customer_email = r.Str(28);
  return o;
}

std::optional<Order> Repository::Load(db::UnitOfWork& uow, std::int64_t order_id, bool details) const {
  auto r = uow.QueryOne(std::string(sql::kOrderColumns) + std::string(sql::kWhereId), {order_id});
  if (!r) return std::nullopt;
  Order o = ReadRow(*r);
  if (!details) return o;
  for (const db::Row& i : uow.Query(sql::kItems, {order_id})) {
    o.items.push_back({i.Int(0), i.Int(1), i.OptInt(2), i.Str(3), i.Str(4), i.OptStr(5), i.OptStr(6), i.Int(7),
                       i.Int(8), i.Int(9), i.Int(10)});
  }
  for (const db::Row& h : uow.Query(sql::kHistory, {order_id})) {
    o.history.push_back({h.OptStr(0), h.Str(1), h.Str(2), h.OptInt(3), h.OptStr(4), h.Str(5)});
  }
  for (const db::Row& p : uow.Query(sql::kPayments, {order_id})) {
    o.payments.push_back({p.Int(0), p.Str(1), p.Str(2), p.Str(3), p.Int(4), p.OptStr(5), p.OptStr(6), p.Str(7),
                          p.OptStr(8), p.OptStr(9), p.OptStr(10), p.OptInt(11), p.OptStr(12), p.OptStr(13)});
  }
  return o;
}

void Repository::Lock(db::UnitOfWork& uow, std::int64_t order_id) const {
  if (uow.dialect() == db::Dialect::kMysql) uow.Query(sql::kLockOrderMysql, {order_id});
}

OrderPage Repository::Page(db::UnitOfWork& uow, const std::string& where, std::vector<db::Value> params, int page,
                           int limit) const {
  OrderPage out;
  out.total = uow.QueryOne(std::string(sql::kCount) + where, params)->Int(0);
  params.emplace_back(std::int64_t{limit});
  params.emplace_back(static_cast<std::int64_t>(page - 1) * limit);
  for (const db::Row& r : uow.Query(std::string(sql::kPageHead) + std::string(sql::kOrderColumns) + where +
                                        std::string(sql::kPageTail),
                                    params)) {
    out.item_counts.push_back(r.Int(29));
    out.orders.push_back(ReadRow(r));
  }
  return out;
}

std::optional<std::int64_t> Repository::FindByPaymentReference(db::UnitOfWork& uow, const std::string& reference) const {
  auto row = uow.QueryOne(sql::kByPaymentReference, {reference});
  if (!row) return std::nullopt;
  return row->Int(0);
}

std::optional<std::pair<std::string, std::string>> Repository::Customer(db::UnitOfWork& uow, std::int64_t user_id) const {
  auto u = uow.QueryOne(sql::kCustomer, {user_id});
  if (!u) return std::nullopt;
  return std::make_pair(u->Str(0), u->Str(1));
}

std::pair<std::int64_t, std::string> Repository::Insert(db::UnitOfWork& uow, const NewOrder& o,
                                                        const std::string& now) const {
  const db::Value shipping = cipher_.Encrypt(o.shipping_address_json);
  const db::Value billing = o.billing_address_json ? db::Value(cipher_.Encrypt(*o.billing_address_json)) : db::kNull;
  for (int attempt = 0; attempt < kNumberAttempts; ++attempt) {
    const std::string number = NewOrderNumber(now);
    // A collision (32^6 codes a year) fails only this statement and draws again: the unique
    // index answers it, so the common case costs no look-up.
    try {
      const std::int64_t id =
          uow.Exec(sql::kInsertOrder,
                   {number, o.user_id, o.payment_method, o.currency, o.totals.subtotal, o.totals.discount_amount,
                    o.totals.shipping_amount, o.totals.tax_amount, o.totals.total_amount, db::Opt(o.coupon_id),
                    db::Opt(o.coupon_code), o.shipping_method, o.shipping_region, shipping, billing, db::Opt(o.notes),
                    db::Opt(o.reserved_until), now, now})
              .last_insert_id;
      return {id, number};
    } catch (const db::DbError& e) {
      if (e.code() != Errc::kAlreadyExists) throw;
    }
  }
  throw db::DbError(Errc::kInternal, "order number collisions");
}

std::int64_t Repository::InsertItem(db::UnitOfWork& uow, std::int64_t order_id, const OrderItem& i) const {
  return uow
      .Exec(sql::kInsertItem, {order_id, i.product_id, db::Opt(i.variant_id), i.sku, i.name, db::Opt(i.variant_name),
                               db::Opt(i.image_url), i.unit_price, i.quantity, i.discount_amount, i.line_total})
      .last_insert_id;
}

void Repository::SetStatus(db::UnitOfWork& uow, std::int64_t order_id, std::optional<OrderStatus> from, OrderStatus to,
                           const Actor& actor, const std::optional<std::string>& note, const std::string& now) const {
  if (from) {
    std::string text(sql::kSetStatus);
    std::vector<db::Value> params{std::string(Name(to)), now};
    const char* column = to == OrderStatus::kShipped     ? "shipped_at"
                         : to == OrderStatus::kDelivered ? "delivered_at"
                         : to == OrderStatus::kCancelled ? "cancelled_at"
                                                         : nullptr;
    if (column) {
      text += std::string(", ") + column + " = ?";
      params.emplace_back(now);
    }
    params.emplace_back(order_id);
    uow.Exec(text + std::string(sql::kWhereOrder), params);
  }
  uow.Exec(sql::kInsertHistory, {order_id, from ? db::Value(std::string(Name(*from))) : db::kNull, std::string(Name(to)),
                                 db::Opt(actor.user_id), actor.kind, db::Opt(note), now});
}

void Repository::SetPaymentReference(db::UnitOfWork& uow, std::int64_t order_id, const std::string& reference,
                                     const std::string& now) const {
  uow.Exec(sql::kSetPaymentReference, {reference, now, order_id});
}

void Repository::SetPaid(db::UnitOfWork& uow, std::int64_t order_id, const std::string& now) const {
  uow.Exec(sql::kSetPaid, {now, now, order_id});
}

void Repository::SetPaymentReceived(db::UnitOfWork& uow, std::int64_t order_id, const std::string& now) const {
  uow.Exec(sql::kSetPaymentReceived, {now, order_id});
}

void Repository::EndReservation(db::UnitOfWork& uow, std::int64_t order_id,
                                const std::optional<std::string>& payment_status) const {
  uow.Exec(sql::kEndReservation, {db::Opt(payment_status), order_id});
}

void Repository::SetTracking(db::UnitOfWork& uow, std::int64_t order_id, const std::string& tracking) const {
  uow.Exec(sql::kSetTracking, {tracking, order_id});
}

void Repository::SetPaymentStatus(db::UnitOfWork& uow, std::int64_t order_id, std::string_view payment_status) const {
  uow.Exec(sql::kSetPaymentStatus, {std::string(payment_status), order_id});
}

void Repository::AddRefund(db::UnitOfWork& uow, std::int64_t order_id, std::int64_t amount) const {
  uow.Exec(sql::kAddRefund, {amount, order_id});
}

bool Repository::AddRefundIfUnchanged(db::UnitOfWork& uow, std::int64_t order_id, std::int64_t amount,
                                      std::int64_t expected, const std::string& now) const {
  return uow.Exec(sql::kAddRefundIfUnchanged, {amount, now, order_id, expected}).affected == 1;
}

void Repository::SetRefunded(db::UnitOfWork& uow, std::int64_t order_id, std::int64_t refunded,
                             std::string_view payment_status, const std::string& now) const {
  uow.Exec(sql::kSetRefunded, {refunded, std::string(payment_status), now, order_id});
}

std::vector<std::int64_t> Repository::Expired(db::UnitOfWork& uow, const std::string& now, int limit) const {
  std::vector<std::int64_t> ids;
  for (const db::Row& r : uow.Query(sql::kExpired, {now, std::int64_t{limit}})) ids.push_back(r.Int(0));
  return ids;
}

bool Repository::ClaimExpired(db::UnitOfWork& uow, std::int64_t order_id, const std::string& now) const {
  return uow.Exec(sql::kClaimExpired, {order_id, now}).affected == 1;
}

std::vector<std::pair<std::int64_t, std::int64_t>> Repository::SoldUnits(db::UnitOfWork& uow,
                                                                         std::int64_t order_id) const {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (const db::Row& r : uow.Query(sql::kSoldUnits, {order_id})) out.emplace_back(r.Int(0), r.Int(1));
  return out;
}

}  // namespace moderno::orders
