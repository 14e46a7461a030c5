#include "workflows/place_order.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <map>
#include <tuple>

#include "catalog/sellables.hpp"
#include "inventory/stock.hpp"
#include "orders/service.hpp"
#include "platform/log/log.hpp"
#include "pricing/shipping.hpp"
#include "pricing/totals.hpp"
#include "promotions/coupons.hpp"
#include "workflows/redirect_payment.hpp"
#include "workflows/support.hpp"

namespace moderno::workflows {
namespace json = boost::json;
namespace {

using catalog::ItemKey;
using orders::OrderStatus;

// The stock.low event of an alert a reservation opened.
orders::OrderEvent LowStockEvent(const inventory::AlertOpened& a, const std::string& now) {
  orders::OrderEvent e;
  e.kind = orders::kStockLow;
  e.alert_id = a.alert_id;
  e.inventory_id = a.inventory_id;
  e.product_id = a.product_id;
  e.variant_id = a.variant_id;
  e.warehouse_id = a.warehouse_id;
  e.available = a.available;
  e.reorder_point = a.reorder_point;
  e.at = now;
  return e;
}

// One checkout inside its unit of work. Each step reads what the earlier ones left; a step that
// fails returns the error and the unit of work rolls back whole (no compensation is needed
// before the commit). After the commit the only compensation is the card's: a declined charge
// cancels the order, which releases its reservation and coupon use.
class Checkout {
 public:
  Checkout(Deps& d, const Steps& steps, db::UnitOfWork& uow, std::int64_t user_id, const PlaceOrderInput& in)
      : d_(d), steps_(steps), uow_(uow), user_id_(user_id), in_(in), now_(steps.Now()) {}

  // 1. A replay answers what the first request answered; a new key is claimed.
  Result<std::optional<Placed>> ClaimKey(const std::string& key, const std::string& hash);
  // 2. The lines, from the body or the cart; the same item twice is one line.
  Result<void> CollectLines();
  // 3. Prices from the catalog; 422 for what is not for sale, 409 when a price the customer saw changed.
  Result<void> PriceLines();
  // 4. The shipping address (a saved one or the body's) and the buyer.
  Result<void> ResolveAddress();
  // 5. The coupon of the body or the cart.
  Result<void> ApplyCoupon();
  // 6. The shipping method (asked for, or the cheapest delivery) and the totals.
  Result<void> ChooseShipping();
  // 7. The order and its lines.
  void WriteOrder();
  // 8. Stock reserved across warehouses, all or nothing.
  Result<void> ReserveStock();
  // 9. The coupon's use taken (within its limits).
  Result<void> RedeemCoupon();
  // 10. History, the cart emptied, the key's resource, the events, cash on delivery confirmed.
  Placed Finish(const std::string& key);

 private:
  Deps& d_;
  const Steps& steps_;
  db::UnitOfWork& uow_;
  const std::int64_t user_id_;
  const PlaceOrderInput& in_;
  const std::string now_;
  cart::Cart cart_;
  std::vector<OrderLineInput> lines_;
  std::vector<ItemKey> keys_;
  std::map<ItemKey, catalog::Sellable> sellables_;
  accounts::profile::AddressFields ship_;
  std::string region_;
  std::optional<promotions::AppliedCoupon> coupon_;
  pricing::ShippingQuote method_;
  orders::Order order_;
  std::vector<inventory::ReserveLine> reserve_;
  std::vector<inventory::AlertOpened> alerts_;
};

Result<std::optional<Placed>> Checkout::ClaimKey(const std::string& key, const std::string& hash) {
  if (key.empty()) return std::optional<Placed>();
  auto seen = d_.idempotency.ClaimIn(uow_, PlaceOrder::Scope(user_id_), key, hash);
  if (!seen) return std::unexpected(seen.error());
  if (!*seen) return std::optional<Placed>();
  Placed p;
  if ((*seen)->response) {
    p.replay = std::make_pair((*seen)->response->status, (*seen)->response->body);
    return p;
  }
  if ((*seen)->resource_id) {
    if (auto o = steps_.orders().Load(uow_, *(*seen)->resource_id, true)) {
      p.order = std::move(*o);
      p.replay = std::make_pair(0, std::string());  // render the order as it is now
      return p;
    }
  }
  return http::InProgress();
}

Result<void> Checkout::CollectLines() {
  std::vector<OrderLineInput> lines = in_.items;
  if (in_.from_cart) {
    cart_ = d_.carts.Load(uow_, cart::CartOwner{user_id_, std::nullopt}, std::nullopt);
    lines.clear();
    for (const auto& l : cart_.lines) lines.push_back({l.item.product_id, l.item.variant_id, l.quantity, std::nullopt});
    if (lines.empty()) return Invalid({{"from_cart", "empty_cart", "the cart is empty"}});
  }
  std::map<ItemKey, std::size_t> index;
  for (const auto& l : lines) {
    const ItemKey key{l.product_id, l.variant_id.value_or(0)};
    if (auto it = index.find(key); it != index.end()) {
      lines_[it->second].quantity += l.quantity;
      if (l.unit_price) lines_[it->second].unit_price = l.unit_price;
    } else {
      index[key] = lines_.size();
      lines_.push_back(l);
      keys_.push_back(key);
    }
  }
  return {};
}

Result<void> Checkout::PriceLines() {
  sellables_ = catalog::LoadSellables(uow_, keys_);
  std::vector<FieldError> errors;
  json::array changed;
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    const std::string field = "items[" + std::to_string(i) + "]";
    auto s = sellables_.find(keys_[i]);
    if (s == sellables_.end() || !s->second.active) {
      errors.push_back({field + ".product_id", "unavailable", "this product is not for sale"});
      continue;
    }
    if (s->second.has_variants && !lines_[i].variant_id) {
      errors.push_back({field + ".variant_id", "required", "this product is sold by variant; choose one"});
    }
    if (lines_[i].quantity > cart::kMaxLineQuantity) {
      errors.push_back({field + ".quantity", "out_of_range", "at most " + std::to_string(cart::kMaxLineQuantity) + " units per product"});
    }
    if (lines_[i].unit_price && *lines_[i].unit_price != s->second.unit_price) {
      changed.push_back({{"product_id", keys_[i].first},
                         {"variant_id", lines_[i].variant_id ? json::value(*lines_[i].variant_id) : json::value(nullptr)},
                         {"sku", s->second.sku},
                         {"unit_price", *lines_[i].unit_price},
                         {"current_price", s->second.unit_price}});
    }
  }
  if (!errors.empty()) return Invalid(std::move(errors));
  if (!changed.empty()) {
    return Conflict("price_changed", "Prices changed since you saw them; review the current prices.",
                    json::serialize(json::object{{"items", std::move(changed)}}));
  }
  return {};
}

Result<void> Checkout::ResolveAddress() {
  if (in_.shipping_address_id) {
    auto a = accounts::profile::FindSavedAddress(uow_, d_.cipher, user_id_, *in_.shipping_address_id);
    if (!a) return std::unexpected(a.error());
    if (!*a) return Invalid({{"shipping_address_id", "unknown", "you have no address with this id"}});
    ship_ = **a;
  } else {
    ship_ = *in_.shipping_address;
  }
  // The buyer's name (for an address without a recipient) and email (for the order's view).
  if (auto customer = steps_.orders().Customer(uow_, user_id_)) {
    if (ship_.recipient_name.empty()) ship_.recipient_name = customer->first;
    order_.customer_email = customer->second;
  }
  region_ = accounts::profile::RegionCode(ship_.region).value_or(ship_.region);
  return {};
}

Result<void> Checkout::ApplyCoupon() {
  std::optional<std::string> code = in_.coupon_code;
  const bool from_cart = !code && in_.from_cart && cart_.id && cart_.coupon_code;
  if (from_cart) code = cart_.coupon_code;
  if (!code) return {};
  std::vector<promotions::CouponLine> lines;
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    const catalog::Sellable& s = sellables_.at(keys_[i]);
    lines.push_back({s.product_id, s.category_id, s.unit_price * lines_[i].quantity});
  }
  auto applied = promotions::Evaluate(uow_, *code, user_id_, lines, now_);
  if (!applied) {
    Error e = applied.error();
    if (from_cart) {
      for (auto& f : e.fields) f.message = "the cart's coupon " + *code + ": " + f.message;
    }
    return std::unexpected(std::move(e));
  }
  coupon_ = std::move(*applied);
  return {};
}

Result<void> Checkout::ChooseShipping() {
  std::int64_t subtotal = 0;
  for (std::size_t i = 0; i < lines_.size(); ++i) subtotal += sellables_.at(keys_[i]).unit_price * lines_[i].quantity;
  const std::int64_t discount = coupon_ ? coupon_->discount : 0;
  const bool free_by_coupon = coupon_ && coupon_->free_shipping;
  if (in_.shipping_method) {
    auto m = pricing::FindShippingMethod(uow_, *in_.shipping_method, region_);
    if (!m) return std::unexpected(m.error());
    method_ = *m;
  } else {
    std::optional<std::int64_t> best;
    for (auto& m : pricing::ListShippingMethods(uow_, region_)) {
      if (m.is_pickup) continue;
      const std::int64_t price = pricing::ShippingFor(m, subtotal - discount, free_by_coupon);
      if (!best || price < *best) {
        best = price;
        method_ = m;
      }
    }
    if (!best) return Invalid({{"shipping_method", "required", "no delivery method is offered; choose a pickup method"}});
  }
  const std::int64_t shipping = pricing::ShippingFor(method_, subtotal - discount, free_by_coupon);
  order_.totals = pricing::ComputeTotals(subtotal, discount, shipping, d_.pricing.tax_rate_percent,
                                         d_.pricing.prices_include_tax);
  return {};
}

void Checkout::WriteOrder() {
  orders::NewOrder n;
  n.user_id = user_id_;
  n.payment_method = in_.payment_method;
  n.currency = d_.pricing.currency;
  n.totals = order_.totals;
  if (coupon_) {
    n.coupon_id = coupon_->coupon_id;
    n.coupon_code = coupon_->code;
  }
  n.shipping_method = method_.code;
  n.shipping_region = region_;
  n.shipping_address_json = json::serialize(accounts::profile::AddressJson(ship_));
  if (in_.billing_address) n.billing_address_json = json::serialize(accounts::profile::AddressJson(*in_.billing_address));
  n.notes = in_.notes;
  if (payments::Providers::Card(in_.payment_method)) {
    // A card payment holds the stock until its outcome, at most this long.
    n.reserved_until = time::ToSql(d_.clock() + std::chrono::minutes(d_.reservation_ttl_minutes));
  }
  std::tie(order_.id, order_.order_number) = steps_.orders().Insert(uow_, n, now_);
  // The order as written, kept for the listeners and the answer (no read back).
  order_.user_id = user_id_;
  order_.payment_status = std::string(orders::kPaymentPending);
  order_.payment_method = n.payment_method;
  order_.currency = n.currency;
  order_.coupon_code = n.coupon_code;
  order_.shipping_method = n.shipping_method;
  order_.shipping_region = n.shipping_region;
  order_.shipping_address_json = n.shipping_address_json;
  order_.billing_address_json = n.billing_address_json;
  order_.notes = n.notes;
  order_.reserved_until = n.reserved_until;
  order_.created_at = order_.updated_at = now_;
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    const catalog::Sellable& s = sellables_.at(keys_[i]);
    orders::OrderItem item{0, s.product_id, s.variant_id, s.sku, s.name, s.variant_name, s.image_url, s.unit_price,
                           lines_[i].quantity, coupon_ && i < coupon_->line_discounts.size() ? coupon_->line_discounts[i] : 0,
                           s.unit_price * lines_[i].quantity};
    item.id = steps_.orders().InsertItem(uow_, order_.id, item);
    reserve_.push_back({item.id, s.product_id, keys_[i].second, s.sku, item.quantity});
    order_.items.push_back(std::move(item));
  }
}

Result<void> Checkout::ReserveStock() {
  // A fixed order of rows (by product and variant) in every transaction.
  std::sort(reserve_.begin(), reserve_.end(), [](const auto& a, const auto& b) {
    return std::tie(a.product_id, a.variant_key) < std::tie(b.product_id, b.variant_key);
  });
  const auto shorts = inventory::Reserve(uow_, order_.id, reserve_, now_, &alerts_);
  if (shorts.empty()) return {};
  json::array list;
  for (const auto& s : shorts) {
    list.push_back({{"sku", s.sku}, {"product_id", s.product_id},
                    {"variant_id", s.variant_key ? json::value(s.variant_key) : json::value(nullptr)},
                    {"requested", s.requested}, {"available", s.available}});
  }
  return Conflict("insufficient_stock", "Some products do not have enough stock; nothing was reserved.",
                  json::serialize(json::object{{"short_lines", std::move(list)}}));
}

Result<void> Checkout::RedeemCoupon() {
  if (!coupon_) return {};
  return promotions::Redeem(uow_, *coupon_, user_id_, order_.id);
}

Placed Checkout::Finish(const std::string& key) {
  steps_.orders().SetStatus(uow_, order_.id, std::nullopt, OrderStatus::kPending, {"customer", user_id_}, std::nullopt, now_);
  order_.history.push_back({std::nullopt, std::string(orders::Name(OrderStatus::kPending)), "customer", user_id_,
                            std::nullopt, now_});
  if (in_.from_cart && cart_.id) d_.carts.Empty(uow_, cart_.id);
  if (!key.empty()) d_.idempotency.SetResource(uow_, PlaceOrder::Scope(user_id_), key, order_.id);
  steps_.Emit(uow_, steps_.EventFor(orders::kOrderPlaced, order_));
  for (const auto& a : alerts_) steps_.Emit(uow_, LowStockEvent(a, now_));
  Placed p;
  if (in_.payment_method == payments::kCashOnDelivery) {
    // Cash on delivery needs no payment first: the order is confirmed and its stock stays reserved.
    steps_.Transition(uow_, order_, OrderStatus::kConfirmed, {"system", std::nullopt}, "Pago contra entrega");
    p.order = *steps_.orders().Load(uow_, order_.id, true);
  } else {
    p.order = std::move(order_);
  }
  return p;
}

}  // namespace

std::string PlaceOrder::Scope(std::int64_t user_id) { return "user:" + std::to_string(user_id) + ":orders"; }

void PlaceOrder::Remember(std::int64_t user_id, const std::string& key, int status, const std::string& body) {
  d_.idempotency.Remember(Scope(user_id), key, status, body);
}

Result<void> PlaceOrder::CheckPayment(const PlaceOrderInput& in) const {
  std::vector<FieldError> errors;
  payments::PaymentGateway* gateway = d_.providers.GatewayFor(in.payment_method);
  const bool redirect = d_.providers.RedirectFor(in.payment_method) != nullptr;
  if (!payments::Providers::StaffSettled(in.payment_method) && !gateway && !redirect) {
    errors.push_back({"payment_method", "unavailable",
                      "payment method '" + in.payment_method + "' is not enabled; see GET /api/v1/payment-methods"});
  }
  if (gateway) {
    if (!in.payment_token) {
      errors.push_back({"payment_token", "required", "a card payment needs a payment_token"});
    } else if (auto ok = gateway->CheckToken(*in.payment_token); !ok) {
      errors.insert(errors.end(), ok.error().fields.begin(), ok.error().fields.end());
    }
  }
  if (!errors.empty()) return Invalid(std::move(errors));
  return {};
}

Result<Placed> PlaceOrder::Run(std::int64_t user_id, const PlaceOrderInput& in, const std::string& idempotency_key,
                               const std::string& request_hash) {
  if (auto ok = CheckPayment(in); !ok) return std::unexpected(ok.error());
  bool reserved = false;
  auto placed = d_.db.Write([&](db::UnitOfWork& uow) -> Result<Placed> {
    Checkout c(d_, steps_, uow, user_id, in);
    auto replay = c.ClaimKey(idempotency_key, request_hash);
    if (!replay) return std::unexpected(replay.error());
    if (*replay) return std::move(**replay);
    for (auto step : {&Checkout::CollectLines, &Checkout::PriceLines, &Checkout::ResolveAddress, &Checkout::ApplyCoupon,
                      &Checkout::ChooseShipping}) {
      if (auto ok = (c.*step)(); !ok) return std::unexpected(ok.error());
    }
    c.WriteOrder();
    if (auto ok = c.ReserveStock(); !ok) return std::unexpected(ok.error());
    reserved = true;
    if (auto ok = c.RedeemCoupon(); !ok) return std::unexpected(ok.error());
    return c.Finish(idempotency_key);
  });
  if (!placed) return placed;
  if (reserved) steps_.StockChanged();
  if (!placed->replay && d_.providers.RedirectFor(in.payment_method)) return StartRedirect(*placed);
  payments::PaymentGateway* gateway = d_.providers.GatewayFor(in.payment_method);
  if (placed->replay || !gateway) return placed;
  if (auto charged = Charge(*gateway, *in.payment_token, *placed); !charged) return std::unexpected(charged.error());
  return placed;
}

Result<Placed> PlaceOrder::StartRedirect(Placed& placed) {
  auto started = StartRedirectAttempt(d_, steps_, placed.order.id, std::nullopt);
  if (!started) {
    // The order stays pending with its stock held: the customer retries (POST /orders/{id}/pay).
    log::Warn("payment start failed", {{"order", placed.order.order_number}, {"error", started.error().internal}});
    return std::move(placed);
  }
  placed.order = std::move(*started);
  return std::move(placed);
}

Result<void> PlaceOrder::Charge(payments::PaymentGateway& gateway, const std::string& token, Placed& placed) {
  // Outside the transaction: a network call never holds a connection.
  const orders::Order& o = placed.order;
  auto outcome = gateway.Charge(o.totals.total_amount, o.currency, token, o.order_number, "charge-" + o.order_number);
  if (!outcome) {
    // The charge's fate is unknown (network): the order stays pending until the webhook or expiry.
    log::Warn("payment charge failed", {{"order", o.order_number}, {"error", outcome.error().internal}});
    return {};
  }
  auto applied = ApplyChargeOutcome(o.id, gateway.name(), *outcome);
  if (!applied) return std::unexpected(applied.error());
  placed.order = std::move(*applied);
  if (outcome->kind == payments::ChargeOutcome::Kind::kPending) placed.order.next_action_client_secret = outcome->client_secret;
  return {};
}

Result<orders::Order> PlaceOrder::ApplyChargeOutcome(std::int64_t order_id, const std::string& provider,
                                                     const payments::ChargeOutcome& outcome) {
  bool released = false;
  auto r = d_.db.Write([&](db::UnitOfWork& uow) -> Result<orders::Order> {
    const auto& repo = steps_.orders();
    auto o = repo.Load(uow, order_id, false);
    if (!o) return orders::NoOrder(order_id);
    repo.SetPaymentReference(uow, order_id, outcome.reference, steps_.Now());
    o->payment_reference = outcome.reference;
    if (!o->Is(OrderStatus::kPending) || o->payment_status != orders::kPaymentPending) {
      return *repo.Load(uow, order_id, true);  // settled meanwhile (webhook)
    }
    switch (outcome.kind) {
      case payments::ChargeOutcome::Kind::kSucceeded:
        steps_.ApplyPaid(uow, *o, provider, outcome.reference, {"payment", std::nullopt});
        break;
      case payments::ChargeOutcome::Kind::kDeclined:
        steps_.RecordPayment(uow, order_id, provider, "charge", "failed", o->totals.total_amount, outcome.reference,
                             outcome.failure_code, outcome.failure_message);
        // The compensation of the reservation: the order is cancelled and its stock released.
        steps_.ApplyCancel(uow, *o, {"payment", std::nullopt}, "Pago rechazado: " + outcome.failure_code,
                           std::string(orders::kPaymentFailed));
        released = true;
        break;
      case payments::ChargeOutcome::Kind::kPending:
        steps_.RecordPayment(uow, order_id, provider, "charge", "pending", o->totals.total_amount, outcome.reference);
        break;
    }
    return *repo.Load(uow, order_id, true);
  });
  if (r && released) steps_.StockChanged();
  return r;
}

}  // namespace moderno::workflows
