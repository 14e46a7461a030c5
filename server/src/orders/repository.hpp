#pragma once
// Orders, their items, history and status changes in the database, inside the caller's unit of
// work (repositories never open transactions). Addresses are stored encrypted.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "orders/model.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/db/db.hpp"

namespace moderno::orders {

// An order to write, with its lines (priced) and addresses as JSON text in clear.
struct NewOrder {
  std::int64_t user_id = 0;
  std::string payment_method, currency;
  Totals totals;
  std::optional<std::int64_t> coupon_id;
  std::optional<std::string> coupon_code;
  std::string shipping_method, shipping_region;
  std::string shipping_address_json;
  std::optional<std::string> billing_address_json;
  std::optional<std::string> notes;
  std::optional<std::string> reserved_until;
};

// Who changed an order's status, for the history.
struct Actor {
  std::string kind;  // customer, staff, payment, system
  std::optional<std::int64_t> user_id;
};

class Repository {
 public:
  explicit Repository(const crypto::Cipher& cipher) : cipher_(cipher) {}

  // The order (addresses decrypted); with its items, history and payments when `details`.
  std::optional<Order> Load(db::UnitOfWork& uow, std::int64_t order_id, bool details) const;
  // On MariaDB, locks the order's row for the rest of the unit of work (SQLite's writer lock
  // already serialises writers).
  void Lock(db::UnitOfWork& uow, std::int64_t order_id) const;
  // A page of orders, newest first; `where` is " WHERE ..." (or empty) with its parameters.
  OrderPage Page(db::UnitOfWork& uow, const std::string& where, std::vector<db::Value> params, int page, int limit) const;
  std::optional<std::int64_t> FindByPaymentReference(db::UnitOfWork& uow, const std::string& reference) const;
  // The customer's name and email.
  std::optional<std::pair<std::string, std::string>> Customer(db::UnitOfWork& uow, std::int64_t user_id) const;

  // Writes a new order (status pending) under a fresh order number; returns its id and number.
  std::pair<std::int64_t, std::string> Insert(db::UnitOfWork& uow, const NewOrder& o, const std::string& now) const;
  // Writes a line; returns its id.
  std::int64_t InsertItem(db::UnitOfWork& uow, std::int64_t order_id, const OrderItem& item) const;
  // Sets the status (with shipped_at/delivered_at/cancelled_at when it is one of those) and
  // writes the history row.
  void SetStatus(db::UnitOfWork& uow, std::int64_t order_id, std::optional<OrderStatus> from, OrderStatus to,
                 const Actor& actor, const std::optional<std::string>& note, const std::string& now) const;
  void SetPaymentReference(db::UnitOfWork& uow, std::int64_t order_id, const std::string& reference,
                           const std::string& now) const;
  // Paid now: payment status, paid_at, and the reservation deadline cleared.
  void SetPaid(db::UnitOfWork& uow, std::int64_t order_id, const std::string& now) const;
  // Payment received without touching the reservation (cash collected on delivery, or a
  // charge that succeeded after the order was cancelled: staff decide what to do).
  void SetPaymentReceived(db::UnitOfWork& uow, std::int64_t order_id, const std::string& now) const;
  // The reservation deadline cleared, and the payment status set when given.
  void EndReservation(db::UnitOfWork& uow, std::int64_t order_id, const std::optional<std::string>& payment_status) const;
  void SetTracking(db::UnitOfWork& uow, std::int64_t order_id, const std::string& tracking) const;
  void SetPaymentStatus(db::UnitOfWork& uow, std::int64_t order_id, std::string_view payment_status) const;
  void AddRefund(db::UnitOfWork& uow, std::int64_t order_id, std::int64_t amount) const;
  // Adds a refund unless the refunded amount is no longer `expected` (false then).
  bool AddRefundIfUnchanged(db::UnitOfWork& uow, std::int64_t order_id, std::int64_t amount, std::int64_t expected,
                            const std::string& now) const;
  // The refunded total as the provider reports it, and the payment status that follows.
  void SetRefunded(db::UnitOfWork& uow, std::int64_t order_id, std::int64_t refunded, std::string_view payment_status,
                   const std::string& now) const;
  // Unpaid card orders whose reservation ended before `now`, oldest first.
  std::vector<std::int64_t> Expired(db::UnitOfWork& uow, const std::string& now, int limit) const;
  // Claims an expired order (true: this caller releases it; false: another did).
  bool ClaimExpired(db::UnitOfWork& uow, std::int64_t order_id, const std::string& now) const;
  // Units of each product in the order.
  std::vector<std::pair<std::int64_t, std::int64_t>> SoldUnits(db::UnitOfWork& uow, std::int64_t order_id) const;

 private:
  Order ReadRow(const db::Row& r) const;
  const crypto::Cipher& cipher_;
};

}  // namespace moderno::orders
