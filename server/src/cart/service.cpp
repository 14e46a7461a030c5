#include "cart/service.hpp"

#include <algorithm>
#include <map>

#include "accounts/profile/address.hpp"
#include "cart/queries.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/db/retry.hpp"
#include "pricing/shipping.hpp"
#include "pricing/totals.hpp"
#include "promotions/coupons.hpp"

namespace moderno::cart {
namespace {

using catalog::ItemKey;

std::string TokenHash(const std::string& token) { return crypto::Sha256Hex("cart:" + token); }

std::unexpected<Error> NoItem(std::int64_t id) {
  return Fail(Errc::kNotFound, "No line " + std::to_string(id) + " in this cart.");
}

// 422 on quantity when the wanted units exceed what is available.
std::unexpected<Error> TooMany(std::int64_t wanted, std::int64_t available) {
  return Invalid({{"quantity", "insufficient_stock",
                   "only " + std::to_string(available) + " units available; " + std::to_string(wanted) +
                       " requested"}});
}

Result<void> CheckQuantity(std::int64_t quantity) {
  if (quantity < 1 || quantity > kMaxLineQuantity) {
    return Invalid({{"quantity", "out_of_range",
                     "quantity must be an integer from 1 to " + std::to_string(kMaxLineQuantity)}});
  }
  return {};
}

// What the customer is told about a line: gone from the catalog, short of stock, repriced.
void Warn(CartLine& line) {
  if (!line.item.active) {
    line.warnings.emplace_back("unavailable", "Este producto ya no está disponible.");
  } else if (line.item.available < line.quantity) {
    line.warnings.emplace_back("stock_short", "Solo quedan " + std::to_string(line.item.available) + " unidades.");
  }
  if (line.item.unit_price != line.price_when_added) {
    line.warnings.emplace_back("price_changed", "El precio cambió de " + std::to_string(line.price_when_added) + " a " +
                                                    std::to_string(line.item.unit_price) + ".");
  }
}

// The lines a coupon is evaluated on: the active ones.
std::vector<promotions::CouponLine> CouponLines(const Cart& cart) {
  std::vector<promotions::CouponLine> lines;
  for (const auto& l : cart.lines) {
    if (l.item.active) lines.push_back({l.item.product_id, l.item.category_id, l.line_total});
  }
  return lines;
}

}  // namespace

std::string Service::NewToken() { return crypto::RandomToken(24); }

bool Service::ValidToken(std::string_view token) {
  if (token.size() < 24 || token.size() > 128) return false;
  return std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::int64_t Service::Resolve(db::UnitOfWork& uow, const CartOwner& owner, bool create) {
  const std::string now = Now();
  std::int64_t guest_cart = 0;
  if (owner.guest_token) {
    if (auto row = uow.QueryOne(sql::kCartByTokenHash, {TokenHash(*owner.guest_token)})) guest_cart = row->Int(0);
  }
  if (!owner.user_id) {
    if (guest_cart || !create || !owner.guest_token) return guest_cart;
    return uow.Exec(sql::kInsertGuestCart, {TokenHash(*owner.guest_token), now, now}).last_insert_id;
  }
  std::int64_t cart = 0;
  if (auto row = uow.QueryOne(sql::kCartOfUser, {*owner.user_id})) cart = row->Int(0);
  if (!cart && guest_cart) {
    // The guest cart becomes the user's.
    uow.Exec(sql::kAdoptGuestCart, {*owner.user_id, now, guest_cart});
    return guest_cart;
  }
  if (cart && guest_cart && cart != guest_cart) {
    Merge(uow, guest_cart, cart);
    return cart;
  }
  if (cart || !create) return cart;
  // Two devices creating the user's cart at once: the retry finds the other's.
  return db::RetryOnDuplicate(
      [&] { return uow.Exec(sql::kInsertUserCart, {*owner.user_id, now, now}).last_insert_id; });
}

void Service::Merge(db::UnitOfWork& uow, std::int64_t guest_cart, std::int64_t cart) {
  const std::string now = Now();
  const db::Rows guest_lines = uow.Query(sql::kGuestLines, {guest_cart});
  std::vector<ItemKey> keys;
  for (const db::Row& r : guest_lines) keys.push_back({r.Int(0), r.Int(2)});
  const auto sellables = catalog::LoadSellables(uow, keys);
  std::map<ItemKey, std::int64_t> mine;
  for (const db::Row& r : uow.Query(sql::kLineQuantities, {cart})) mine[{r.Int(0), r.Int(1)}] = r.Int(2);
  for (const db::Row& r : guest_lines) {
    const ItemKey key{r.Int(0), r.Int(2)};
    auto s = sellables.find(key);
    if (s == sellables.end() || !s->second.active) continue;
    const std::int64_t have = mine.contains(key) ? mine[key] : 0;
    const std::int64_t cap = std::min(kMaxLineQuantity, std::max(s->second.available, have));
    const std::int64_t merged = std::min(have + r.Int(3), cap);
    if (merged <= 0) continue;
    if (mine.contains(key)) {
      uow.Exec(sql::kSetLineQuantity, {merged, now, cart, key.first, key.second});
    } else if (mine.size() < kMaxCartLines) {
      uow.Exec(sql::kInsertLine, {cart, key.first, r.IsNull(1) ? db::Value(db::kNull) : db::Value(r.Int(1)), key.second,
                                  merged, r.Int(4), now, now});
      mine[key] = merged;
    }
  }
  uow.Exec(sql::kTakeGuestCoupon, {guest_cart, now, cart});
  uow.Exec(sql::kDeleteCart, {guest_cart});
}

Cart Service::Load(db::UnitOfWork& uow, const CartOwner& owner, const std::optional<std::string>& region) {
  Cart cart;
  cart.currency = settings_.currency;
  cart.id = Resolve(uow, owner, false);
  if (cart.id) {
    if (auto row = uow.QueryOne(sql::kCouponOfCart, {cart.id})) cart.coupon_code = row->OptStr(0);
    const db::Rows rows = uow.Query(sql::kLines, {cart.id});
    std::vector<ItemKey> keys;
    for (const db::Row& r : rows) keys.push_back({r.Int(1), r.Int(2)});
    const auto sellables = catalog::LoadSellables(uow, keys);
    for (const db::Row& r : rows) {
      auto s = sellables.find({r.Int(1), r.Int(2)});
      if (s == sellables.end()) continue;  // deleted from the catalog: the FK cascade removes it
      CartLine line;
      line.id = r.Int(0);
      line.item = s->second;
      line.quantity = r.Int(3);
      line.price_when_added = r.Int(4);
      line.line_total = line.item.unit_price * line.quantity;
      Warn(line);
      cart.lines.push_back(std::move(line));
    }
  }
  Price(uow, owner, region, cart);
  return cart;
}

void Service::Price(db::UnitOfWork& uow, const CartOwner& owner, const std::optional<std::string>& region, Cart& cart) {
  const auto coupon_lines = CouponLines(cart);
  std::int64_t subtotal = 0;
  for (const auto& l : coupon_lines) subtotal += l.line_total;
  std::int64_t discount = 0;
  bool free_shipping = false;
  if (cart.coupon_code && !coupon_lines.empty()) {
    auto applied = promotions::Evaluate(uow, *cart.coupon_code, owner.user_id, coupon_lines, Now());
    if (applied) {
      cart.coupon = CouponView{applied->code, applied->type, applied->value, applied->discount, applied->free_shipping};
      discount = applied->discount;
      free_shipping = applied->free_shipping;
    } else {
      const auto& f = applied.error().fields;
      cart.coupon_problem = {f.empty() ? "invalid" : f.front().code, f.empty() ? applied.error().detail : f.front().message};
    }
  }
  // Shipping estimate: the cheapest delivery (not pickup) for the region we know of.
  std::optional<std::string> region_code = region;
  if (!region_code && owner.user_id) {
    if (auto stored = accounts::profile::DefaultShippingRegion(uow, *owner.user_id)) {
      region_code = accounts::profile::RegionCode(*stored);
    }
  }
  std::int64_t shipping = 0;
  if (!cart.lines.empty()) {
    std::optional<pricing::ShippingQuote> best;
    for (auto& m : pricing::ListShippingMethods(uow, region_code.value_or("CL-RM"))) {
      if (m.is_pickup) continue;
      m.price = pricing::ShippingFor(m, subtotal - discount, free_shipping);
      if (!best || m.price < best->price) best = m;
    }
    if (best) {
      shipping = best->price;
      cart.shipping = std::move(best);
    }
  }
  cart.totals = pricing::ComputeTotals(subtotal, discount, shipping, settings_.tax_rate_percent,
                                       settings_.prices_include_tax);
}

void Service::Empty(db::UnitOfWork& uow, std::int64_t cart_id) {
  uow.Exec(sql::kDeleteLines, {cart_id});
  uow.Exec(sql::kSetCoupon, {db::kNull, Now(), cart_id});
}

template <class F>
Result<Cart> Service::Change(const CartOwner& owner, F&& change) {
  return db_.Write([&](db::UnitOfWork& uow) -> Result<Cart> {
    if (auto done = change(uow); !done) return std::unexpected(done.error());
    Cart c = Load(uow, owner, std::nullopt);
    if (!owner.user_id) c.guest_token = owner.guest_token;
    return c;
  });
}

Result<Cart> Service::Get(const CartOwner& owner, const std::optional<std::string>& region) {
  CartOwner o = owner;
  if (!o.user_id && !o.guest_token) o.guest_token = NewToken();
  const bool merging = o.user_id && o.guest_token;
  auto run = [&](db::UnitOfWork& uow) -> Result<Cart> {
    Cart c = Load(uow, o, region);
    if (!o.user_id) c.guest_token = o.guest_token;
    return c;
  };
  // A merge writes; a plain read does not.
  return merging ? db_.Write(run) : db_.Read(run);
}

Result<Cart> Service::AddItem(const CartOwner& owner, std::int64_t product_id, std::optional<std::int64_t> variant_id,
                              std::int64_t quantity) {
  if (auto q = CheckQuantity(quantity); !q) return std::unexpected(q.error());
  CartOwner o = owner;
  if (!o.user_id && !o.guest_token) o.guest_token = NewToken();
  return Change(o, [&](db::UnitOfWork& uow) -> Result<void> {
    const ItemKey key{product_id, variant_id.value_or(0)};
    const auto sellables = catalog::LoadSellables(uow, {key});
    auto s = sellables.find(key);
    if (s == sellables.end() || !s->second.active) {
      return Fail(Errc::kNotFound, variant_id ? "No such product variant for sale." : "No such product for sale.");
    }
    if (s->second.has_variants && !variant_id) {
      return Invalid({{"variant_id", "required", "this product is sold by variant; choose one"}});
    }
    const std::int64_t cart_id = Resolve(uow, o, true);
    std::int64_t have = 0;
    if (auto row = uow.QueryOne(sql::kLineQuantity, {cart_id, key.first, key.second})) have = row->Int(0);
    const std::int64_t wanted = have + quantity;
    if (wanted > kMaxLineQuantity) {
      return Invalid({{"quantity", "out_of_range",
                       "at most " + std::to_string(kMaxLineQuantity) + " units per product; the cart has " +
                           std::to_string(have)}});
    }
    if (wanted > s->second.available) return TooMany(wanted, s->second.available);
    const std::string now = Now();
    if (have) {
      uow.Exec(sql::kRepriceItem, {wanted, s->second.unit_price, now, cart_id, key.first, key.second});
    } else {
      if (static_cast<std::size_t>(uow.QueryOne(sql::kCountLines, {cart_id})->Int(0)) >= kMaxCartLines) {
        return Invalid({{"product_id", "cart_full", "a cart holds at most " + std::to_string(kMaxCartLines) + " products"}});
      }
      uow.Exec(sql::kInsertLine,
               {cart_id, key.first, db::Opt(variant_id), key.second, quantity, s->second.unit_price, now, now});
    }
    uow.Exec(sql::kTouchCart, {now, cart_id});
    return {};
  });
}

Result<Cart> Service::UpdateItem(const CartOwner& owner, std::int64_t item_id, std::int64_t quantity) {
  if (auto q = CheckQuantity(quantity); !q) return std::unexpected(q.error());
  return Change(owner, [&](db::UnitOfWork& uow) -> Result<void> {
    const std::int64_t cart_id = Resolve(uow, owner, false);
    auto row = uow.QueryOne(sql::kLineItem, {item_id, cart_id});
    if (!cart_id || !row) return NoItem(item_id);
    const ItemKey key{row->Int(0), row->Int(1)};
    const auto sellables = catalog::LoadSellables(uow, {key});
    auto s = sellables.find(key);
    if (s == sellables.end() || !s->second.active) return Fail(Errc::kNotFound, "This product is no longer for sale.");
    if (quantity > s->second.available) return TooMany(quantity, s->second.available);
    // Changing the quantity confirms the current price.
    uow.Exec(sql::kRepriceLine, {quantity, s->second.unit_price, Now(), item_id});
    return {};
  });
}

Result<Cart> Service::RemoveItem(const CartOwner& owner, std::int64_t item_id) {
  return Change(owner, [&](db::UnitOfWork& uow) -> Result<void> {
    const std::int64_t cart_id = Resolve(uow, owner, false);
    if (!cart_id || uow.Exec(sql::kDeleteLine, {item_id, cart_id}).affected == 0) return NoItem(item_id);
    return {};
  });
}

Result<Cart> Service::Clear(const CartOwner& owner) {
  return Change(owner, [&](db::UnitOfWork& uow) -> Result<void> {
    if (const std::int64_t cart_id = Resolve(uow, owner, false)) Empty(uow, cart_id);
    return {};
  });
}

Result<Cart> Service::ApplyCoupon(const CartOwner& owner, const std::string& code) {
  return Change(owner, [&](db::UnitOfWork& uow) -> Result<void> {
    const std::int64_t cart_id = Resolve(uow, owner, false);
    const auto lines = CouponLines(Load(uow, owner, std::nullopt));
    if (!cart_id || lines.empty()) return Invalid({{"code", "empty_cart", "add products to the cart before applying a coupon"}});
    auto applied = promotions::Evaluate(uow, code, owner.user_id, lines, Now());
    if (!applied) {
      Error e = applied.error();
      for (auto& f : e.fields) f.field = "code";  // the body field of this call
      return std::unexpected(std::move(e));
    }
    uow.Exec(sql::kSetCoupon, {applied->code, Now(), cart_id});
    return {};
  });
}

Result<Cart> Service::RemoveCoupon(const CartOwner& owner) {
  return Change(owner, [&](db::UnitOfWork& uow) -> Result<void> {
    if (const std::int64_t cart_id = Resolve(uow, owner, false)) uow.Exec(sql::kSetCoupon, {db::kNull, Now(), cart_id});
    return {};
  });
}

}  // namespace moderno::cart
