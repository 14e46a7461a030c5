#include "orders/service.hpp"

#include <algorithm>
#include <cctype>

namespace moderno::orders {

std::unexpected<Error> NoOrder(std::int64_t id) { return Fail(Errc::kNotFound, "No order " + std::to_string(id) + "."); }

Result<Order> Service::Get(std::optional<std::int64_t> user_id, std::int64_t order_id) {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<Order> {
    auto o = repo_.Load(uow, order_id, true);
    if (!o || (user_id && o->user_id != *user_id)) return NoOrder(order_id);
    return std::move(*o);
  });
}

Result<OrderPage> Service::ListMine(std::int64_t user_id, int page, int limit) {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<OrderPage> {
    return repo_.Page(uow, " WHERE o.user_id = ?", {user_id}, page, limit);
  });
}

Result<OrderPage> Service::ListAll(const OrderFilter& f) {
  std::string where;
  std::vector<db::Value> params;
  auto add = [&](const std::string& clause, db::Value v) {
    where += where.empty() ? " WHERE " : " AND ";
    where += clause;
    params.push_back(std::move(v));
  };
  if (f.status) add("o.status = ?", std::string(Name(*f.status)));
  if (f.payment_status) add("o.payment_status = ?", *f.payment_status);
  if (f.from) add("o.created_at >= ?", *f.from);
  if (f.to) add("o.created_at <= ?", *f.to);
  if (f.customer) add("o.user_id = ?", *f.customer);
  if (f.q) {
    // An order number (exact, any case) or a customer's email (prefix).
    std::string upper = *f.q, escaped;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    for (unsigned char c : *f.q) {  // '!' escapes LIKE's wildcards on both dialects
      if (c == '%' || c == '_' || c == '!') escaped += '!';
      escaped += static_cast<char>(std::tolower(c));
    }
    where += where.empty() ? " WHERE " : " AND ";
    where += "(o.order_number = ? OR o.user_id IN (SELECT id FROM users WHERE email LIKE ? ESCAPE '!'))";
    params.emplace_back(upper);
    params.emplace_back(escaped + "%");
  }
  return db_.Read([&](db::UnitOfWork& uow) -> Result<OrderPage> { return repo_.Page(uow, where, params, f.page, f.limit); });
}

}  // namespace moderno::orders
