#pragma once
// Reading orders: a customer's own, and any for staff (filtered, paginated).
#include <cstdint>
#include <optional>

#include "orders/model.hpp"
#include "orders/repository.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"

namespace moderno::orders {

class Service {
 public:
  Service(db::Database& db, const crypto::Cipher& cipher) : db_(db), repo_(cipher) {}

  // A customer's order (others' -> 404), or any order for staff (user_id nullopt).
  Result<Order> Get(std::optional<std::int64_t> user_id, std::int64_t order_id);
  Result<OrderPage> ListMine(std::int64_t user_id, int page, int limit);
  Result<OrderPage> ListAll(const OrderFilter& f);

 private:
  db::Database& db_;
  Repository repo_;
};

// 404 for an order that is not there (or not the caller's).
std::unexpected<Error> NoOrder(std::int64_t id);

}  // namespace moderno::orders
