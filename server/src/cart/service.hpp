#pragma once
// Carts: one per signed-in user (seen from every device) and one per guest cart token. A
// signed-in call that also carries a guest token merges the guest cart into the user's.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cart/model.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "platform/time/time.hpp"
#include "pricing/model.hpp"

namespace moderno::cart {

class Service {
 public:
  Service(db::Database& db, pricing::Settings settings, time::SystemClock clock)
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

  // The stored cart of `owner` as priced lines, inside the caller's unit of work (checkout with
  // from_cart). Merges a guest cart first when both are given. Cart id 0 when there is none.
  Cart Load(db::UnitOfWork& uow, const CartOwner& owner, const std::optional<std::string>& region);
  // Empties a cart and drops its coupon (its order was placed), in the caller's unit of work.
  void Empty(db::UnitOfWork& uow, std::int64_t cart_id);

 private:
  // The stored cart id of the owner, created when `create`; merges a guest cart into a user's.
  std::int64_t Resolve(db::UnitOfWork& uow, const CartOwner& owner, bool create);
  // Moves the lines of a guest cart into the user's (quantities add, capped by stock and limits).
  void Merge(db::UnitOfWork& uow, std::int64_t guest_cart, std::int64_t cart);
  // The coupon, shipping estimate and totals of a loaded cart.
  void Price(db::UnitOfWork& uow, const CartOwner& owner, const std::optional<std::string>& region, Cart& cart);
  // Runs a write on the owner's cart and answers the cart as it is after it.
  template <class F>
  Result<Cart> Change(const CartOwner& owner, F&& change);
  std::string Now() const { return time::ToSql(clock_()); }

  db::Database& db_;
  pricing::Settings settings_;
  time::SystemClock clock_;
};

}  // namespace moderno::cart
