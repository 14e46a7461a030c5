#pragma once
// Carts: one per signed-in user (seen from every device) and one per guest cart token. A
// signed-in call that also carries a guest token merges the guest cart into the user's.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "orders/model.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "platform/time/time.hpp"

namespace moderno::orders {

// Whose cart a request means.
struct CartOwner {
  std::optional<std::int64_t> user_id;
  std::optional<std::string> guest_token;  // as sent (cookie or X-Cart-Token), validated
};

inline constexpr std::int64_t kMaxLineQuantity = 100;
inline constexpr std::size_t kMaxCartLines = 50;

class CartService {
 public:
  CartService(db::Database& db, Settings settings, time::SystemClock clock)
      : db_(db), settings_(std::move(settings)), clock_(std::move(clock)) {}

  // The cart as the customer sees it; a guest without a token gets an empty cart and a new token.
  // `region`: a region code for the shipping estimate (else the user's default address, else
  // the cheapest base price).
  Result<Cart> Get(const CartOwner& owner, const std::optional<std::string>& region = std::nullopt);
  Result<Cart> AddItem(const CartOwner& owner, std::int64_t product_id, std::optional<std::int64_t> variant_id,
                       std::int64_t quantity);
  Result<Cart> UpdateItem(const CartOwner& owner, std::int64_t item_id, std::int64_t quantity);
  Result<Cart> RemoveItem(const CartOwner& owner, std::int64_t item_id);
  Result<Cart> Clear(const CartOwner& owner);
  Result<Cart> ApplyCoupon(const CartOwner& owner, const std::string& code);
  Result<Cart> RemoveCoupon(const CartOwner& owner);

  // A new guest token (what the first cart call of a guest receives).
  static std::string NewToken();
  // True when `token` has the shape of a cart token.
  static bool ValidToken(std::string_view token);

  // Reads the stored cart of `owner` into priced lines (used by checkout with from_cart).
  // Merges a guest cart first when both are given. Returns cart id 0 when there is none.
  Cart Load(db::UnitOfWork& uow, const CartOwner& owner, const std::optional<std::string>& region);

 private:
  // The stored cart id of the owner, created when `create`; merges a guest cart into a user's.
  std::int64_t Resolve(db::UnitOfWork& uow, const CartOwner& owner, bool create);
  std::string Now() const { return time::ToSql(clock_()); }

  db::Database& db_;
  Settings settings_;
  time::SystemClock clock_;
};

}  // namespace moderno::orders
