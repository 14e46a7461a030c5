#include "orders/order_service.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <set>

#include "orders/pricing.hpp"
#include "orders/sellables.hpp"
#include "orders/shipping.hpp"
#include "orders/stock.hpp"
#include "platform/log/log.hpp"
#include "platform/search_log/search_log.hpp"
#include "promotions/coupons.hpp"

namespace moderno::orders {
namespace json = boost::json;
namespace {

constexpr const char* kOrderColumns =
    "SELECT o.id, o.order_number, o.user_id, o.status, o.payment_status, o.payment_method, o.payment_reference, "
    "o.currency, o.subtotal, o.discount_amount, o.shipping_amount, o.tax_amount, o.total_amount, o.refunded_amount, "
    "o.coupon_code, o.shipping_method, o.shipping_region, o.shipping_address, o.billing_address, o.notes, "
    "o.tracking_number, o.reserved_until, o.created_at, o.updated_at, o.paid_at, o.shipped_at, o.delivered_at, "
    "o.cancelled_at, u.email FROM orders o JOIN users u ON u.id = o.user_id";

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

json::object AddressJson(const accounts::profile::AddressFields& a) {
  auto opt = [](const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); };
  return {{"recipient_name", a.recipient_name}, {"street", a.street},     {"number", a.number},
          {"apartment", opt(a.apartment)},      {"comuna", a.comuna},     {"city", a.city},
          {"region", a.region},                 {"postal_code", opt(a.postal_code)},
          {"country", a.country},               {"phone", opt(a.phone)}};
}

// The columns of kOrderColumns that need no key: everything but the addresses.
Order ReadOrderRow(const db::Row& r) {
  Order o;
  o.id = r.Int(0);
  o.order_number = r.Str(1);
  o.user_id = r.Int(2);
  o.status = r.Str(3);
  o.payment_status = r.Str(4);
  o.payment_method = r.Str(5);
  o.payment_reference = r.OptStr(6);
  o.currency = r.Str(7);
  o.totals = {r.Int(8), r.Int(9), r.Int(10), r.Int(11), r.Int(12)};
  o.refunded_amount = r.Int(13);
  o.coupon_code = r.OptStr(14);
  o.shipping_method = r.Str(15);
  o.shipping_region = r.Str(16);
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

std::unexpected<Error> Conflict(std::string type, std::string detail, std::string extensions = {}) {
  Error e;
  e.code = Errc::kConflict;
  e.type = std::move(type);
  e.detail = std::move(detail);
  e.extensions = std::move(extensions);
  return std::unexpected(std::move(e));
}

std::unexpected<Error> NoOrder(std::int64_t id) {
  return Fail(Errc::kNotFound, "No order " + std::to_string(id) + ".");
}

const std::map<std::string, std::vector<std::string>>& Machine() {
  static const std::map<std::string, std::vector<std::string>> m = {
      {"pending", {"confirmed", "cancelled"}},
      {"confirmed", {"processing", "cancelled"}},
      {"processing", {"shipped", "cancelled"}},
      {"shipped", {"delivered"}},
      {"delivered", {}},
      {"cancelled", {}},
      {"refunded", {}},
  };
  return m;
}

}  // namespace

std::vector<std::string> AllowedTransitions(const std::string& from) {
  auto it = Machine().find(from);
  return it == Machine().end() ? std::vector<std::string>{} : it->second;
}

OrderService::OrderService(db::Database& db, const crypto::Cipher& cipher, Settings settings,
                           time::SystemClock clock, std::function<void()> stock_changed)
    : db_(db),
      cipher_(cipher),
      addresses_(cipher),
      settings_(std::move(settings)),
      clock_(std::move(clock)),
      stock_changed_(std::move(stock_changed)),
      carts_(db, settings_, clock_) {
  if (settings_.sandbox) sandbox_ = MakeSandboxGateway();
}

OrderService::~OrderService() = default;

std::vector<OrderService::Method> OrderService::PaymentMethods() const {
  std::vector<Method> out{{"manual", "Transferencia bancaria", false, false},
                          {"cod", "Pago contra entrega", false, false}};
  if (stripe_) out.push_back({"stripe", "Tarjeta de crédito o débito", true, false});
  if (sandbox_) out.push_back({"sandbox", "Tarjeta (modo de prueba: tok_visa aprueba, tok_chargeDeclined rechaza)", true, true});
  return out;
}

std::vector<ShippingQuote> OrderService::ShippingMethods(const std::optional<std::string>& region_code) {
  auto r = db_.Read([&](db::UnitOfWork& uow) -> Result<std::vector<ShippingQuote>> {
    return ListShippingMethods(uow, region_code);
  });
  return r ? *r : std::vector<ShippingQuote>{};
}

PaymentGateway* OrderService::GatewayFor(const std::string& method) const {
  if (method == "sandbox") return sandbox_.get();
  if (method == "stripe") return stripe_.get();
  return nullptr;
}

// --- Reading -----------------------------------------------------------------------------------

std::optional<Order> OrderService::Load(db::UnitOfWork& uow, std::int64_t order_id, bool details) {
  auto r = uow.QueryOne(std::string(kOrderColumns) + " WHERE o.id = ?", {order_id});
  if (!r) return std::nullopt;
  Order o = ReadOrderRow(*r);
  auto ship = cipher_.Decrypt(r->Str(17));
  o.shipping_address_json = ship ? *ship : "{}";
  if (auto b = r->OptStr(18)) {
    if (auto bill = cipher_.Decrypt(*b)) o.billing_address_json = *bill;
  }
  if (!details) return o;
  for (const db::Row& i : uow.Query(
           "SELECT id, product_id, variant_id, sku, name, variant_name, image_url, unit_price, quantity, "
           "discount_amount, line_total FROM order_items WHERE order_id = ? ORDER BY id",
           {order_id})) {
    o.items.push_back({i.Int(0), i.Int(1), i.OptInt(2), i.Str(3), i.Str(4), i.OptStr(5), i.OptStr(6), i.Int(7),
                       i.Int(8), i.Int(9), i.Int(10)});
  }
  for (const db::Row& h : uow.Query(
           "SELECT from_status, to_status, actor_kind, actor_user_id, note, created_at FROM order_status_history "
           "WHERE order_id = ? ORDER BY id",
           {order_id})) {
    o.history.push_back({h.OptStr(0), h.Str(1), h.Str(2), h.OptInt(3), h.OptStr(4), h.Str(5)});
  }
  for (const db::Row& p : uow.Query(
           "SELECT id, provider, kind, status, amount, provider_reference, failure_code, created_at FROM payments "
           "WHERE order_id = ? ORDER BY id",
           {order_id})) {
    o.payments.push_back({p.Int(0), p.Str(1), p.Str(2), p.Str(3), p.Int(4), p.OptStr(5), p.OptStr(6), p.Str(7)});
  }
  return o;
}

Result<Order> OrderService::Get(std::optional<std::int64_t> user_id, std::int64_t order_id) {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<Order> {
    auto o = Load(uow, order_id, true);
    if (!o || (user_id && o->user_id != *user_id)) return NoOrder(order_id);
    return std::move(*o);
  });
}

namespace {
OrderPage ReadPage(db::UnitOfWork& uow, const std::string& where, std::vector<db::Value> params, int page, int limit) {
  OrderPage out;
  out.total = uow.QueryOne("SELECT COUNT(*) FROM orders o" + where, params)->Int(0);
  params.emplace_back(std::int64_t{limit});
  params.emplace_back(static_cast<std::int64_t>(page - 1) * limit);
  const std::string cols = std::string(kOrderColumns) + where;
  // The page, newest first, with the item count of each order in the same statement.
  for (const db::Row& r : uow.Query(
           "SELECT x.*, (SELECT COALESCE(SUM(quantity), 0) FROM order_items oi WHERE oi.order_id = x.id) FROM (" + cols +
               " ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?) x ORDER BY x.created_at DESC, x.id DESC",
           params)) {
    Order o = ReadOrderRow(r);
    out.item_counts.push_back(r.Int(29));
    out.orders.push_back(std::move(o));
  }
  return out;
}
}  // namespace

Result<OrderPage> OrderService::ListMine(std::int64_t user_id, int page, int limit) {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<OrderPage> {
    return ReadPage(uow, " WHERE o.user_id = ?", {user_id}, page, limit);
  });
}

Result<OrderPage> OrderService::ListAll(const OrderFilter& f) {
  std::string where;
  std::vector<db::Value> params;
  auto add = [&](const std::string& clause, db::Value v) {
    where += where.empty() ? " WHERE " : " AND ";
    where += clause;
    params.push_back(std::move(v));
  };
  if (f.status) add("o.status = ?", *f.status);
  if (f.payment_status) add("o.payment_status = ?", *f.payment_status);
  if (f.from) add("o.created_at >= ?", *f.from);
  if (f.to) add("o.created_at < ?", *f.to);
  if (f.customer) add("o.user_id = ?", *f.customer);
  if (f.q) {
    // An order number (exact, any case) or a customer's email (prefix).
    std::string q = *f.q;
    std::transform(q.begin(), q.end(), q.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    std::string lower = *f.q;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    where += where.empty() ? " WHERE " : " AND ";
    where += "(o.order_number = ? OR o.user_id IN (SELECT id FROM users WHERE email LIKE ?))";
    params.emplace_back(q);
    std::string escaped;
    for (char c : lower) {
      if (c == '%' || c == '_' || c == '\\') escaped += '\\';
      escaped += c;
    }
    params.emplace_back(escaped + "%");
  }
  return db_.Read([&](db::UnitOfWork& uow) -> Result<OrderPage> {
    return ReadPage(uow, where, params, f.page, f.limit);
  });
}

// --- Checkout ----------------------------------------------------------------------------------

Result<Placed> OrderService::Place(std::int64_t user_id, const PlaceOrderInput& in, const std::string& idempotency_key,
                                   const std::string& request_hash, const audit::AuditEntry& who) {
  (void)who;
  PaymentGateway* gateway = GatewayFor(in.payment_method);
  const bool card = in.payment_method == "sandbox" || in.payment_method == "stripe";
  {
    std::vector<FieldError> errors;
    if (in.payment_method != "manual" && in.payment_method != "cod" && !gateway) {
      errors.push_back({"payment_method", "unavailable", "payment method '" + in.payment_method + "' is not enabled; see GET /api/v1/payment-methods"});
    }
    if (gateway) {
      if (!in.payment_token) {
        errors.push_back({"payment_token", "required", "a card payment needs a payment_token"});
      } else if (auto ok = gateway->CheckToken(*in.payment_token); !ok) {
        errors.insert(errors.end(), ok.error().fields.begin(), ok.error().fields.end());
      }
    }
    if (!errors.empty()) return Invalid(std::move(errors));
  }
  const std::string scope = CheckoutScope(user_id);
  bool stock_touched = false;

  auto placed = db_.Write([&](db::UnitOfWork& uow) -> Result<Placed> {
    const auto now_tp = clock_();
    const std::string now = time::ToSql(now_tp);
    // 1. The idempotency key: a replay answers what the first request answered.
    if (!idempotency_key.empty()) {
      const std::string cutoff = time::ToSql(now_tp - std::chrono::hours(24));
      if (auto k = uow.QueryOne(
              "SELECT request_hash, status_code, response_body, resource_id, created_at FROM idempotency_keys "
              "WHERE scope = ? AND idem_key = ?",
              {scope, idempotency_key})) {
        if (k->Str(4) >= cutoff) {
          if (k->Str(0) != request_hash) {
            return Invalid({{"Idempotency-Key", "reused",
                             "this Idempotency-Key was used with a different request body"}});
          }
          Placed p;
          if (!k->IsNull(1)) {
            p.replay = std::make_pair(static_cast<int>(k->Int(1)), k->Str(2));
            return p;
          }
          if (auto o = Load(uow, k->Int(3), true)) {
            p.order = std::move(*o);
            p.replay = std::make_pair(0, std::string());  // render the order as it is now
            return p;
          }
        }
        uow.Exec("DELETE FROM idempotency_keys WHERE scope = ? AND idem_key = ?", {scope, idempotency_key});
      }
      try {
        uow.Exec("INSERT INTO idempotency_keys (scope, idem_key, request_hash, created_at) VALUES (?, ?, ?, ?)",
                 {scope, idempotency_key, request_hash, now});
      } catch (const db::DbError& e) {
        // The same key in flight on another connection: retry, then see its result.
        if (e.code() == Errc::kAlreadyExists) throw db::DbError(Errc::kAborted, e.what());
        throw;
      }
    }

    // 2. Lines: from the body or the cart; prices always from the catalog.
    std::vector<OrderLineInput> lines = in.items;
    Cart cart;
    if (in.from_cart) {
      cart = carts_.Load(uow, CartOwner{user_id, std::nullopt}, std::nullopt);
      lines.clear();
      for (const auto& l : cart.lines) lines.push_back({l.item.product_id, l.item.variant_id, l.quantity, std::nullopt});
      if (lines.empty()) return Invalid({{"from_cart", "empty_cart", "the cart is empty"}});
    }
    // The same item twice is one line.
    std::vector<OrderLineInput> merged;
    std::map<ItemKey, std::size_t> index;
    for (const auto& l : lines) {
      const ItemKey key{l.product_id, l.variant_id.value_or(0)};
      if (auto it = index.find(key); it != index.end()) {
        merged[it->second].quantity += l.quantity;
        if (l.unit_price) merged[it->second].unit_price = l.unit_price;
      } else {
        index[key] = merged.size();
        merged.push_back(l);
      }
    }
    std::vector<ItemKey> keys;
    for (const auto& l : merged) keys.push_back({l.product_id, l.variant_id.value_or(0)});
    const auto sellables = LoadSellables(uow, keys);
    std::vector<FieldError> errors;
    json::array changed;
    for (std::size_t i = 0; i < merged.size(); ++i) {
      const std::string field = "items[" + std::to_string(i) + "]";
      auto s = sellables.find(keys[i]);
      if (s == sellables.end() || !s->second.active) {
        errors.push_back({field + ".product_id", "unavailable", "this product is not for sale"});
        continue;
      }
      if (s->second.has_variants && !merged[i].variant_id) {
        errors.push_back({field + ".variant_id", "required", "this product is sold by variant; choose one"});
      }
      if (merged[i].quantity > kMaxLineQuantity) {
        errors.push_back({field + ".quantity", "out_of_range", "at most " + std::to_string(kMaxLineQuantity) + " units per product"});
      }
      if (merged[i].unit_price && *merged[i].unit_price != s->second.unit_price) {
        changed.push_back({{"product_id", keys[i].first},
                           {"variant_id", merged[i].variant_id ? json::value(*merged[i].variant_id) : json::value(nullptr)},
                           {"sku", s->second.sku},
                           {"unit_price", *merged[i].unit_price},
                           {"current_price", s->second.unit_price}});
      }
    }
    if (!errors.empty()) return Invalid(std::move(errors));
    if (!changed.empty()) {
      return Conflict("price_changed", "Prices changed since you saw them; review the current prices.",
                      json::serialize(json::object{{"items", std::move(changed)}}));
    }

    // 3. Address, shipping, coupon, totals.
    accounts::profile::AddressFields ship;
    if (in.shipping_address_id) {
      auto a = addresses_.FindAddress(uow, user_id, *in.shipping_address_id);
      if (!a) return std::unexpected(a.error());
      if (!*a) return Invalid({{"shipping_address_id", "unknown", "you have no address with this id"}});
      ship = (*a)->fields;
    } else {
      ship = *in.shipping_address;
    }
    // The buyer's name (for an address without a recipient) and email (for the order's view).
    std::string customer_email;
    if (auto u = uow.QueryOne("SELECT name, email FROM users WHERE id = ?", {user_id})) {
      if (ship.recipient_name.empty()) ship.recipient_name = u->Str(0);
      customer_email = u->Str(1);
    }
    const std::string region = RegionCode(ship.region).value_or(ship.region);
    std::int64_t subtotal = 0;
    std::vector<promotions::CouponLine> coupon_lines;
    for (std::size_t i = 0; i < merged.size(); ++i) {
      const Sellable& s = sellables.at(keys[i]);
      subtotal += s.unit_price * merged[i].quantity;
      coupon_lines.push_back({s.product_id, s.category_id, s.unit_price * merged[i].quantity});
    }
    std::optional<promotions::AppliedCoupon> coupon;
    std::optional<std::string> code = in.coupon_code;
    bool code_from_cart = false;
    if (!code && in.from_cart && cart.id) {
      if (auto row = uow.QueryOne("SELECT coupon_code FROM carts WHERE id = ?", {cart.id}); row && !row->IsNull(0)) {
        code = row->Str(0);
        code_from_cart = true;
      }
    }
    if (code) {
      auto applied = promotions::Evaluate(uow, *code, user_id, coupon_lines, now);
      if (!applied) {
        Error e = applied.error();
        if (code_from_cart) {
          for (auto& f : e.fields) f.message = "the cart's coupon " + *code + ": " + f.message;
        }
        return std::unexpected(std::move(e));
      }
      coupon = *applied;
    }
    const std::int64_t discount = coupon ? coupon->discount : 0;
    const bool free_by_coupon = coupon && coupon->free_shipping;
    ShippingQuote method;
    if (in.shipping_method) {
      auto m = FindShippingMethod(uow, *in.shipping_method, region);
      if (!m) return std::unexpected(m.error());
      method = *m;
    } else {
      auto methods = ListShippingMethods(uow, region);
      if (std::none_of(methods.begin(), methods.end(), [](const ShippingQuote& m) { return !m.is_pickup; })) {
        return Invalid({{"shipping_method", "required", "no delivery method is offered; choose a pickup method"}});
      }
      std::int64_t best = -1;
      for (auto& m : methods) {
        if (m.is_pickup) continue;
        const std::int64_t price = ShippingFor(m, subtotal - discount, free_by_coupon);
        if (best < 0 || price < best) {
          best = price;
          method = m;
        }
      }
    }
    const std::int64_t shipping = ShippingFor(method, subtotal - discount, free_by_coupon);
    const Totals totals = ComputeTotals(subtotal, discount, shipping, settings_.tax_rate_percent, settings_.prices_include_tax);

    // 4. The order, its lines and the reservation.
    std::optional<std::string> reserved_until;
    if (card) {
      reserved_until = time::ToSql(now_tp + std::chrono::minutes(settings_.reservation_ttl_minutes));
    }
    std::string number;
    std::int64_t order_id = 0;
    for (int attempt = 0; attempt < 5 && !order_id; ++attempt) {
      number = NewOrderNumber(now);
      // A collision (32^6 codes a year) fails only this statement and draws again: the
      // unique index answers it, so the common case costs no look-up.
      try {
        order_id = uow.Exec(
                          "INSERT INTO orders (order_number, user_id, status, payment_status, payment_method, currency, "
                          "subtotal, discount_amount, shipping_amount, tax_amount, total_amount, coupon_id, coupon_code, "
                          "shipping_method, shipping_region, shipping_address, billing_address, notes, reserved_until, "
                          "created_at, updated_at) VALUES (?, ?, 'pending', 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          {number, user_id, in.payment_method, settings_.currency, totals.subtotal, totals.discount_amount,
                           totals.shipping_amount, totals.tax_amount, totals.total_amount,
                           coupon ? db::Value(coupon->coupon_id) : db::Value(db::kNull),
                           coupon ? db::Value(coupon->code) : db::Value(db::kNull), method.code, region,
                           cipher_.Encrypt(json::serialize(AddressJson(ship))),
                           in.billing_address ? db::Value(cipher_.Encrypt(json::serialize(AddressJson(*in.billing_address))))
                                              : db::Value(db::kNull),
                           db::Opt(in.notes), db::Opt(reserved_until), now, now})
                       .last_insert_id;
      } catch (const db::DbError& e) {
        if (e.code() != Errc::kAlreadyExists) throw;
      }
    }
    if (!order_id) return Fail(Errc::kInternal, "Could not number the order.", "order number collisions");
    // The order as written, kept for the listeners and the answer (no read back).
    Order o;
    o.id = order_id;
    o.order_number = number;
    o.user_id = user_id;
    o.status = "pending";
    o.payment_status = "pending";
    o.payment_method = in.payment_method;
    o.currency = settings_.currency;
    o.totals = totals;
    if (coupon) o.coupon_code = coupon->code;
    o.shipping_method = method.code;
    o.shipping_region = region;
    o.shipping_address_json = json::serialize(AddressJson(ship));
    if (in.billing_address) o.billing_address_json = json::serialize(AddressJson(*in.billing_address));
    o.notes = in.notes;
    o.reserved_until = reserved_until;
    o.created_at = now;
    o.updated_at = now;
    o.customer_email = customer_email;
    std::vector<ReserveLine> reserve;
    for (std::size_t i = 0; i < merged.size(); ++i) {
      const Sellable& s = sellables.at(keys[i]);
      const std::int64_t line_total = s.unit_price * merged[i].quantity;
      const std::int64_t line_discount = coupon && i < coupon->line_discounts.size() ? coupon->line_discounts[i] : 0;
      const std::int64_t item_id =
          uow.Exec(
                 "INSERT INTO order_items (order_id, product_id, variant_id, sku, name, variant_name, image_url, "
                 "unit_price, quantity, discount_amount, line_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {order_id, s.product_id, db::Opt(s.variant_id), s.sku, s.name, db::Opt(s.variant_name),
                  db::Opt(s.image_url), s.unit_price, merged[i].quantity, line_discount, line_total})
              .last_insert_id;
      reserve.push_back({item_id, s.product_id, keys[i].second, s.sku, merged[i].quantity});
      o.items.push_back({item_id, s.product_id, s.variant_id, s.sku, s.name, s.variant_name, s.image_url, s.unit_price,
                         merged[i].quantity, line_discount, line_total});
    }
    // Fixed order of rows: by product and variant.
    std::sort(reserve.begin(), reserve.end(), [](const ReserveLine& a, const ReserveLine& b) {
      return std::tie(a.product_id, a.variant_key) < std::tie(b.product_id, b.variant_key);
    });
    std::vector<OrderEvent> low_stock;
    const auto shorts = Reserve(uow, order_id, reserve, now, &low_stock);
    if (!shorts.empty()) {
      json::array list;
      for (const auto& s : shorts) {
        list.push_back({{"sku", s.sku}, {"product_id", s.product_id},
                        {"variant_id", s.variant_key ? json::value(s.variant_key) : json::value(nullptr)},
                        {"requested", s.requested}, {"available", s.available}});
      }
      return Conflict("insufficient_stock", "Some products do not have enough stock; nothing was reserved.",
                      json::serialize(json::object{{"short_lines", std::move(list)}}));
    }
    stock_touched = true;
    if (coupon) {
      if (auto r = promotions::Redeem(uow, *coupon, user_id, order_id); !r) return std::unexpected(r.error());
    }
    uow.Exec(
        "INSERT INTO order_status_history (order_id, from_status, to_status, actor_user_id, actor_kind, note, created_at) "
        "VALUES (?, NULL, 'pending', ?, 'customer', NULL, ?)",
        {order_id, user_id, now});
    o.history.push_back({std::nullopt, "pending", "customer", user_id, std::nullopt, now});
    if (in.from_cart && cart.id) {
      uow.Exec("DELETE FROM cart_items WHERE cart_id = ?", {cart.id});
      uow.Exec("UPDATE carts SET coupon_code = NULL, updated_at = ? WHERE id = ?", {now, cart.id});
    }
    if (!idempotency_key.empty()) {
      uow.Exec("UPDATE idempotency_keys SET resource_id = ? WHERE scope = ? AND idem_key = ?", {order_id, scope, idempotency_key});
    }
    // Cash on delivery changes the status below and reads the order again.
    const bool cod = in.payment_method == "cod";
    Emit(uow, EventFor(kOrderPlaced, o));
    for (const auto& e : low_stock) Emit(uow, e);
    Placed p;
    if (cod) {
      // Cash on delivery needs no payment first: the order is confirmed and its stock stays reserved.
      Transition(uow, o, "confirmed", "system", std::nullopt, "Pago contra entrega");
      p.order = *Load(uow, order_id, true);
    } else {
      p.order = std::move(o);
    }
    return p;
  });
  if (!placed) return placed;
  if (stock_touched && stock_changed_) stock_changed_();
  if (placed->replay || !gateway) return placed;

  // 5. Card payment, outside the transaction (a network call never holds a connection).
  const Order& o = placed->order;
  auto outcome = gateway->Charge(o.totals.total_amount, o.currency, *in.payment_token, o.order_number,
                                 "charge-" + o.order_number);
  if (!outcome) {
    // The charge's fate is unknown (network): the order stays pending until the webhook or expiry.
    log::Warn("payment charge failed", {{"order", o.order_number}, {"error", outcome.error().internal}});
    return placed;
  }
  auto applied = ApplyChargeOutcome(o.id, gateway->name(), *outcome);
  if (!applied) return std::unexpected(applied.error());
  placed->order = std::move(*applied);
  if (outcome->kind == ChargeOutcome::Kind::kPending) placed->order.next_action_client_secret = outcome->client_secret;
  return placed;
}

std::string OrderService::CheckoutScope(std::int64_t user_id) { return "user:" + std::to_string(user_id) + ":orders"; }

void OrderService::RememberResponse(const std::string& scope, const std::string& idempotency_key, int status,
                                    const std::string& body) {
  if (idempotency_key.empty()) return;
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    uow.Exec("UPDATE idempotency_keys SET status_code = ?, response_body = ? WHERE scope = ? AND idem_key = ? "
             "AND status_code IS NULL",
             {std::int64_t{status}, body, scope, idempotency_key});
    return {};
  });
  if (!r) log::Warn("idempotency: response not stored", {{"error", r.error().internal}});
}

Result<std::optional<std::pair<int, std::string>>> OrderService::ClaimKey(const std::string& scope, const std::string& key,
                                                                         const std::string& request_hash) {
  using Out = std::optional<std::pair<int, std::string>>;
  return db_.Write([&](db::UnitOfWork& uow) -> Result<Out> {
    const auto now_tp = clock_();
    if (auto k = uow.QueryOne("SELECT request_hash, status_code, response_body, created_at FROM idempotency_keys "
                              "WHERE scope = ? AND idem_key = ?",
                              {scope, key})) {
      if (k->Str(3) >= time::ToSql(now_tp - std::chrono::hours(24))) {
        if (k->Str(0) != request_hash) {
          return Invalid({{"Idempotency-Key", "reused", "this Idempotency-Key was used with a different request"}});
        }
        if (k->IsNull(1)) {
          Error e;
          e.code = Errc::kConflict;
          e.type = "request_in_progress";
          e.detail = "A request with this Idempotency-Key is still being processed; retry shortly.";
          e.retry_after_seconds = 1;
          return std::unexpected(std::move(e));
        }
        return Out(std::make_pair(static_cast<int>(k->Int(1)), k->Str(2)));
      }
      uow.Exec("DELETE FROM idempotency_keys WHERE scope = ? AND idem_key = ?", {scope, key});
    }
    try {
      uow.Exec("INSERT INTO idempotency_keys (scope, idem_key, request_hash, created_at) VALUES (?, ?, ?, ?)",
               {scope, key, request_hash, time::ToSql(now_tp)});
    } catch (const db::DbError& e) {
      if (e.code() == Errc::kAlreadyExists) throw db::DbError(Errc::kAborted, e.what());
      throw;
    }
    return Out();
  });
}

void OrderService::ForgetKey(const std::string& scope, const std::string& key) {
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    uow.Exec("DELETE FROM idempotency_keys WHERE scope = ? AND idem_key = ? AND status_code IS NULL", {scope, key});
    return {};
  });
  if (!r) log::Warn("idempotency: claim not released", {{"error", r.error().internal}});
}

Result<Order> OrderService::ApplyChargeOutcome(std::int64_t order_id, const std::string& provider,
                                               const ChargeOutcome& outcome) {
  bool released = false;
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<Order> {
    auto o = Load(uow, order_id, false);
    if (!o) return NoOrder(order_id);
    uow.Exec("UPDATE orders SET payment_reference = ?, updated_at = ? WHERE id = ?", {outcome.reference, Now(), order_id});
    o->payment_reference = outcome.reference;
    if (o->status != "pending" || o->payment_status != "pending") return *Load(uow, order_id, true);  // settled meanwhile
    switch (outcome.kind) {
      case ChargeOutcome::Kind::kSucceeded:
        ApplyPaid(uow, *o, provider, outcome.reference, "payment", std::nullopt);
        break;
      case ChargeOutcome::Kind::kDeclined:
        RecordPayment(uow, order_id, provider, "charge", "failed", o->totals.total_amount, outcome.reference,
                      outcome.failure_code, outcome.failure_message);
        ApplyCancel(uow, *o, "payment", std::nullopt, "Pago rechazado: " + outcome.failure_code, "failed");
        released = true;
        break;
      case ChargeOutcome::Kind::kPending:
        RecordPayment(uow, order_id, provider, "charge", "pending", o->totals.total_amount, outcome.reference);
        break;
    }
    return *Load(uow, order_id, true);
  });
  if (r && released && stock_changed_) stock_changed_();
  return r;
}

// --- Transitions -------------------------------------------------------------------------------

OrderEvent OrderService::EventFor(const char* kind, const Order& o) const {
  OrderEvent e;
  e.kind = kind;
  e.order = o;
  e.at = Now();
  return e;
}

void OrderService::Emit(db::UnitOfWork& uow, const OrderEvent& event) {
  for (OrderEventSink* sink : sinks_) {
    try {
      sink->OnOrderEvent(uow, event);
    } catch (const db::DbError&) {
      throw;  // the transaction is broken: let it roll back and retry
    } catch (const std::exception& e) {
      log::Error("order event listener failed", {{"kind", event.kind}, {"error", e.what()}});
    }
  }
}

void OrderService::Transition(db::UnitOfWork& uow, const Order& o, const std::string& to, const std::string& actor_kind,
                              std::optional<std::int64_t> actor, const std::optional<std::string>& note) {
  const std::string now = Now();
  std::string extra;
  if (to == "shipped") extra = ", shipped_at = ?";
  if (to == "delivered") extra = ", delivered_at = ?";
  if (to == "cancelled") extra = ", cancelled_at = ?";
  std::vector<db::Value> params{to, now};
  if (!extra.empty()) params.emplace_back(now);
  params.emplace_back(o.id);
  uow.Exec("UPDATE orders SET status = ?, updated_at = ?" + extra + " WHERE id = ?", params);
  uow.Exec(
      "INSERT INTO order_status_history (order_id, from_status, to_status, actor_user_id, actor_kind, note, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {o.id, o.status, to, db::Opt(actor), actor_kind, db::Opt(note), now});
  OrderEvent event = EventFor(kOrderStatusChanged, o);
  event.from_status = o.status;
  event.to_status = to;
  event.note = note;
  Emit(uow, event);
}

void OrderService::RecordPayment(db::UnitOfWork& uow, std::int64_t order_id, const std::string& provider,
                                 const std::string& kind, const std::string& status, std::int64_t amount,
                                 const std::optional<std::string>& reference, const std::string& failure_code,
                                 const std::string& failure_message) {
  uow.Exec(
      "INSERT INTO payments (order_id, provider, kind, status, amount, provider_reference, failure_code, failure_message, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {order_id, provider, kind, status, amount, db::Opt(reference),
       failure_code.empty() ? db::Value(db::kNull) : db::Value(failure_code),
       failure_message.empty() ? db::Value(db::kNull) : db::Value(failure_message.substr(0, 500)), Now()});
}

void OrderService::ApplyPaid(db::UnitOfWork& uow, const Order& o, const std::string& provider,
                             const std::optional<std::string>& reference, const std::string& actor_kind,
                             std::optional<std::int64_t> actor) {
  const std::string now = Now();
  CommitReservations(uow, o.id, now);
  uow.Exec("UPDATE orders SET payment_status = 'paid', paid_at = ?, reserved_until = NULL, updated_at = ? WHERE id = ?",
           {now, now, o.id});
  // A pending charge row becomes the success; otherwise one is written.
  if (uow.Exec("UPDATE payments SET status = 'succeeded' WHERE order_id = ? AND kind = 'charge' AND status = 'pending'",
               {o.id})
          .affected == 0) {
    RecordPayment(uow, o.id, provider, "charge", "succeeded", o.totals.total_amount, reference);
  }
  OrderEvent paid = EventFor(kOrderPaid, o);
  paid.amount = o.totals.total_amount;
  paid.provider = provider;
  Emit(uow, paid);
  if (o.status == "pending") Transition(uow, o, "confirmed", actor_kind, actor, "Pago recibido");
}

void OrderService::ApplyCancel(db::UnitOfWork& uow, const Order& o, const std::string& actor_kind,
                               std::optional<std::int64_t> actor, const std::string& note,
                               const std::optional<std::string>& payment_status) {
  const std::string now = Now();
  ReleaseReservations(uow, o.id, o.status != "shipped" && o.status != "delivered", now);
  promotions::Release(uow, o.id);
  uow.Exec("UPDATE orders SET reserved_until = NULL, payment_status = COALESCE(?, payment_status) WHERE id = ?",
           {db::Opt(payment_status), o.id});
  Transition(uow, o, "cancelled", actor_kind, actor, note);
}

Result<Order> OrderService::CancelByCustomer(std::int64_t user_id, std::int64_t order_id) {
  auto current = Get(user_id, order_id);
  if (!current) return current;
  if (current->status != "pending" && current->status != "confirmed") {
    return Conflict("illegal_transition", "An order can be cancelled by the customer only while pending or confirmed; this one is " +
                                               current->status + ".",
                    json::serialize(json::object{{"status", current->status}, {"allowed", json::array{}}}));
  }
  audit::AuditEntry who;
  who.actor_user_id = user_id;
  who.actor_role = "customer";
  return ChangeStatus(order_id, "cancelled", std::nullopt, "Cancelado por el cliente", who);
}

Result<Order> OrderService::ChangeStatus(std::int64_t order_id, const std::string& to, const std::optional<std::string>& tracking,
                                         const std::optional<std::string>& note, const audit::AuditEntry& who) {
  if (!Machine().contains(to)) {
    return Invalid({{"status", "unknown", "status must be one of pending, confirmed, processing, shipped, delivered, cancelled"}});
  }
  const bool by_customer = who.actor_role == "customer";
  // A paid order cancelled: refund first (a network call, outside any transaction).
  std::optional<std::string> refund_reference;
  std::int64_t refund_amount = 0;
  if (to == "cancelled") {
    auto current = Get(std::nullopt, order_id);
    if (!current) return current;
    const auto allowed = AllowedTransitions(current->status);
    if (std::find(allowed.begin(), allowed.end(), to) == allowed.end()) {
      json::array list;
      for (const auto& a : allowed) list.push_back(json::value(a));
      return Conflict("illegal_transition", "An order in status " + current->status + " cannot become " + to + ".",
                      json::serialize(json::object{{"status", current->status}, {"allowed", std::move(list)}}));
    }
    if (current->payment_status == "paid" || current->payment_status == "partially_refunded") {
      refund_amount = current->totals.total_amount - current->refunded_amount;
      if (PaymentGateway* g = GatewayFor(current->payment_method); g && current->payment_reference && refund_amount > 0) {
        auto ref = g->Refund(*current->payment_reference, refund_amount, "refund-" + current->order_number + "-cancel");
        if (!ref) return std::unexpected(ref.error());
        refund_reference = *ref;
      }
    }
  }
  bool stock = false;
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<Order> {
    if (uow.dialect() == db::Dialect::kMysql) uow.Query("SELECT id FROM orders WHERE id = ? FOR UPDATE", {order_id});
    auto o = Load(uow, order_id, false);
    if (!o) return NoOrder(order_id);
    const auto allowed = AllowedTransitions(o->status);
    if (std::find(allowed.begin(), allowed.end(), to) == allowed.end()) {
      json::array list;
      for (const auto& a : allowed) list.push_back(json::value(a));
      return Conflict("illegal_transition",
                      "An order in status " + o->status + " cannot become " + to + ".",
                      json::serialize(json::object{{"status", o->status}, {"allowed", std::move(list)}}));
    }
    const std::string now = Now();
    if (to == "cancelled") {
      std::optional<std::string> payment_status;
      if (refund_amount > 0) {
        RecordPayment(uow, o->id, o->payment_method, "refund", "succeeded", refund_amount, refund_reference);
        uow.Exec("UPDATE orders SET refunded_amount = refunded_amount + ? WHERE id = ?", {refund_amount, o->id});
        payment_status = "refunded";
      } else if (o->payment_status == "pending") {
        payment_status = "failed";
      }
      ApplyCancel(uow, *o, by_customer ? "customer" : "staff", who.actor_user_id, note.value_or("Cancelado"), payment_status);
      stock = true;
    } else {
      if (to == "shipped") {
        // Goods leave the warehouse: units still reserved (cash on delivery, unpaid transfer) are taken now.
        CommitReservations(uow, o->id, now);
        stock = true;
        if (tracking) uow.Exec("UPDATE orders SET tracking_number = ? WHERE id = ?", {*tracking, o->id});
      }
      std::optional<std::string> text = note;
      if (to == "shipped" && tracking) text = (note ? *note + " — " : std::string()) + "Seguimiento: " + *tracking;
      Transition(uow, *o, to, by_customer ? "customer" : "staff", who.actor_user_id, text);
      if (to == "delivered") {
        if (o->payment_method == "cod" && o->payment_status == "pending") {
          // Cash collected on delivery.
          uow.Exec("UPDATE orders SET payment_status = 'paid', paid_at = ? WHERE id = ?", {now, o->id});
          RecordPayment(uow, o->id, "cod", "charge", "succeeded", o->totals.total_amount, std::nullopt);
        }
        uow.Exec("UPDATE products SET sales_count = sales_count + (SELECT COALESCE(SUM(quantity), 0) FROM order_items "
                 "WHERE order_items.order_id = ? AND order_items.product_id = products.id) "
                 "WHERE id IN (SELECT product_id FROM order_items WHERE order_id = ?)",
                 {o->id, o->id});
        std::vector<std::int64_t> sold;  // popularity order reads the search index (a counter: kStock)
        for (const db::Row& item : uow.Query("SELECT DISTINCT product_id FROM order_items WHERE order_id = ?", {o->id})) {
          sold.push_back(item.Int(0));
        }
        search_log::Record(uow, search_log::kStock, sold);
      }
    }
    if (!by_customer) {
      audit::AuditEntry e = who;
      e.action = "order.status";
      e.entity = "order";
      e.entity_id = std::to_string(o->id);
      e.details_json = json::serialize(json::object{{"from", o->status}, {"to", to},
                                                    {"tracking_number", tracking ? json::value(*tracking) : json::value(nullptr)}});
      audit::RecordAudit(uow, e);
    }
    return *Load(uow, order_id, true);
  });
  if (r && stock && stock_changed_) stock_changed_();
  return r;
}

Result<Order> OrderService::MarkPaid(std::int64_t order_id, const std::optional<std::string>& reference,
                                     const audit::AuditEntry& who) {
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<Order> {
    if (uow.dialect() == db::Dialect::kMysql) uow.Query("SELECT id FROM orders WHERE id = ? FOR UPDATE", {order_id});
    auto o = Load(uow, order_id, false);
    if (!o) return NoOrder(order_id);
    if (o->payment_method != "manual" && o->payment_method != "cod") {
      return Conflict("not_manual_payment", "Only bank transfer and cash-on-delivery orders are marked paid by staff; card payments are confirmed by the provider.");
    }
    if (o->payment_status != "pending" || o->status == "cancelled") {
      return Conflict("already_settled", "This order's payment is " + o->payment_status + " and its status " + o->status + ".");
    }
    ApplyPaid(uow, *o, o->payment_method, reference, "staff", who.actor_user_id);
    audit::AuditEntry e = who;
    e.action = "order.mark_paid";
    e.entity = "order";
    e.entity_id = std::to_string(o->id);
    e.details_json = json::serialize(json::object{{"amount", o->totals.total_amount},
                                                  {"reference", reference ? json::value(*reference) : json::value(nullptr)}});
    audit::RecordAudit(uow, e);
    return *Load(uow, order_id, true);
  });
  if (r && stock_changed_) stock_changed_();
  return r;
}

Result<Order> OrderService::Refund(std::int64_t order_id, std::optional<std::int64_t> amount,
                                   const std::optional<std::string>& reason, const audit::AuditEntry& who) {
  auto current = Get(std::nullopt, order_id);
  if (!current) return current;
  if (current->payment_status != "paid" && current->payment_status != "partially_refunded") {
    return Conflict("not_paid", "Only a paid order can be refunded; this one's payment is " + current->payment_status + ".");
  }
  const std::int64_t refundable = current->totals.total_amount - current->refunded_amount;
  const std::int64_t value = amount.value_or(refundable);
  if (value < 1 || value > refundable) {
    return Invalid({{"amount", "out_of_range", "amount must be from 1 to " + std::to_string(refundable)}});
  }
  std::optional<std::string> reference;
  if (PaymentGateway* g = GatewayFor(current->payment_method); g && current->payment_reference) {
    auto ref = g->Refund(*current->payment_reference, value,
                         "refund-" + current->order_number + "-" + std::to_string(current->refunded_amount) + "-" + std::to_string(value));
    if (!ref) return std::unexpected(ref.error());
    reference = *ref;
  }
  bool stock = false;
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<Order> {
    auto o = Load(uow, order_id, false);
    if (!o) return NoOrder(order_id);
    const auto done = uow.Exec(
        "UPDATE orders SET refunded_amount = refunded_amount + ?, updated_at = ? WHERE id = ? AND refunded_amount = ?",
        {value, Now(), order_id, current->refunded_amount});
    if (done.affected != 1) return Conflict("concurrent_refund", "Another refund of this order happened meanwhile; reload and retry.");
    RecordPayment(uow, order_id, o->payment_method, "refund", "succeeded", value, reference);
    const bool full = current->refunded_amount + value == o->totals.total_amount;
    uow.Exec("UPDATE orders SET payment_status = ? WHERE id = ?", {full ? "refunded" : "partially_refunded", order_id});
    OrderEvent refunded = EventFor(kOrderRefunded, *o);
    refunded.amount = value;
    refunded.note = reason;
    Emit(uow, refunded);
    if (full && o->status != "cancelled") {
      // Goods not yet shipped go back to the shelf.
      if (o->status != "shipped" && o->status != "delivered") {
        ReleaseReservations(uow, order_id, true, Now());
        promotions::Release(uow, order_id);
        stock = true;
      }
      Transition(uow, *o, "refunded", "staff", who.actor_user_id, reason);
    }
    audit::AuditEntry e = who;
    e.action = "order.refund";
    e.entity = "order";
    e.entity_id = std::to_string(order_id);
    e.details_json = json::serialize(json::object{{"amount", value}, {"reason", reason ? json::value(*reason) : json::value(nullptr)}});
    audit::RecordAudit(uow, e);
    return *Load(uow, order_id, true);
  });
  if (r && stock && stock_changed_) stock_changed_();
  return r;
}

// --- Provider events, expiry, alerts -----------------------------------------------------------

Result<bool> OrderService::ApplyProviderEvent(const ProviderEvent& event) {
  bool stock = false;
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<bool> {
    if (uow.QueryOne("SELECT event_id FROM payment_events WHERE event_id = ?", {event.id})) return false;
    try {
      uow.Exec("INSERT INTO payment_events (event_id, provider, type, created_at) VALUES (?, 'stripe', ?, ?)",
               {event.id, event.type, Now()});
    } catch (const db::DbError& e) {
      if (e.code() == Errc::kAlreadyExists) throw db::DbError(Errc::kAborted, e.what());
      throw;
    }
    auto row = uow.QueryOne("SELECT id FROM orders WHERE payment_reference = ?", {event.reference});
    if (!row) {
      log::Warn("payment event for no known order", {{"event", event.id}, {"type", event.type}});
      return true;
    }
    auto o = Load(uow, row->Int(0), false);
    if (event.type == "payment_intent.succeeded") {
      if (o->payment_status == "pending" && o->status == "pending") {
        ApplyPaid(uow, *o, "stripe", event.reference, "payment", std::nullopt);
        stock = true;
      } else if (o->status == "cancelled" && o->payment_status != "paid") {
        // Paid after the reservation expired: staff must refund or re-open it.
        uow.Exec("UPDATE orders SET payment_status = 'paid', paid_at = ? WHERE id = ?", {Now(), o->id});
        RecordPayment(uow, o->id, "stripe", "charge", "succeeded", event.amount, event.reference);
        log::Warn("payment succeeded for a cancelled order", {{"order", o->order_number}});
      }
    } else if (event.type == "payment_intent.payment_failed") {
      if (o->payment_status == "pending" && o->status == "pending") {
        uow.Exec("UPDATE payments SET status = 'failed', failure_code = ? WHERE order_id = ? AND kind = 'charge' AND status = 'pending'",
                 {event.failure_code.empty() ? db::Value(db::kNull) : db::Value(event.failure_code), o->id});
        ApplyCancel(uow, *o, "payment", std::nullopt, "Pago rechazado", "failed");
        stock = true;
      }
    } else if (event.type == "charge.refunded") {
      // Stripe reports the total refunded so far; refunds made here already count.
      const std::int64_t refunded = std::min(event.amount, o->totals.total_amount);
      if (refunded > o->refunded_amount) {
        RecordPayment(uow, o->id, "stripe", "refund", "succeeded", refunded - o->refunded_amount, event.reference);
        uow.Exec("UPDATE orders SET refunded_amount = ?, payment_status = ?, updated_at = ? WHERE id = ?",
                 {refunded, refunded == o->totals.total_amount ? "refunded" : "partially_refunded", Now(), o->id});
      }
    }
    return true;
  });
  if (r && stock && stock_changed_) stock_changed_();
  return r;
}

Result<int> OrderService::SweepExpired() {
  const auto now_tp = clock_();
  const std::string now = time::ToSql(now_tp);
  auto due = db_.Read([&](db::UnitOfWork& uow) -> Result<std::vector<std::int64_t>> {
    std::vector<std::int64_t> ids;
    for (const db::Row& r : uow.Query(
             "SELECT id FROM orders WHERE reserved_until IS NOT NULL AND reserved_until < ? AND status = 'pending' "
             "AND payment_status = 'pending' ORDER BY reserved_until LIMIT 200",
             {now})) {
      ids.push_back(r.Int(0));
    }
    open_alerts_ = uow.QueryOne("SELECT COUNT(*) FROM stock_alerts WHERE status = 'open'")->Int(0);
    return ids;
  });
  if (!due) return std::unexpected(due.error());
  int released = 0;
  for (std::int64_t id : *due) {
    auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<bool> {
      // The conditional update is the claim: on several nodes only one wins each order.
      if (uow.Exec("UPDATE orders SET reserved_until = NULL WHERE id = ? AND status = 'pending' AND "
                   "payment_status = 'pending' AND reserved_until IS NOT NULL AND reserved_until < ?",
                   {id, now})
              .affected != 1) {
        return false;
      }
      auto o = Load(uow, id, false);
      ApplyCancel(uow, *o, "system", std::nullopt, "Reserva vencida: el pago no llegó a tiempo", "failed");
      return true;
    });
    if (r && *r) ++released;
  }
  // Idempotency keys live 24 hours.
  (void)db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    uow.Exec("DELETE FROM idempotency_keys WHERE created_at < ?", {time::ToSql(now_tp - std::chrono::hours(24))});
    return {};
  });
  if (released && stock_changed_) stock_changed_();
  return released;
}

Result<std::pair<std::vector<LowStockAlert>, std::int64_t>> OrderService::Alerts(const std::string& status, int page, int limit) {
  return db_.Read([&](db::UnitOfWork& uow) -> Result<std::pair<std::vector<LowStockAlert>, std::int64_t>> {
    std::pair<std::vector<LowStockAlert>, std::int64_t> out;
    out.second = uow.QueryOne("SELECT COUNT(*) FROM stock_alerts WHERE status = ?", {status})->Int(0);
    for (const db::Row& r : uow.Query(
             "SELECT a.id, a.inventory_id, a.product_id, a.variant_id, COALESCE(v.sku, p.sku), p.name, w.code, "
             "a.available, i.quantity - i.reserved_quantity, a.reorder_point, a.status, a.created_at, a.resolved_at "
             "FROM stock_alerts a JOIN inventory i ON i.id = a.inventory_id JOIN products p ON p.id = a.product_id "
             "LEFT JOIN product_variants v ON v.id = a.variant_id JOIN warehouses w ON w.id = a.warehouse_id "
             "WHERE a.status = ? ORDER BY a.created_at DESC, a.id DESC LIMIT ? OFFSET ?",
             {status, std::int64_t{limit}, static_cast<std::int64_t>(page - 1) * limit})) {
      out.first.push_back({r.Int(0), r.Int(1), r.Int(2), r.OptInt(3), r.Str(4), r.Str(5), r.Str(6), r.Int(7), r.Int(8),
                           r.Int(9), r.Str(10), r.Str(11), r.OptStr(12)});
    }
    return out;
  });
}

}  // namespace moderno::orders
