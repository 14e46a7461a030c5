#pragma once
// Email notifications: listens to the orders' events and enqueues an `email` job in the same
// transaction (so a mail exists if and only if its change committed), and runs those jobs by
// rendering the template and sending it through the configured mailer (SMTP or .eml files).
//   order.placed                    -> order_placed (the customer)
//   order.paid                      -> payment_received
//   order.status_changed to shipped -> order_shipped (with the tracking number)
//               ... to delivered    -> order_delivered (asks for reviews, links to the products)
//               ... to cancelled    -> order_cancelled
//   order.refunded                  -> order_refunded (full or partial amount)
//   stock.low                       -> low_stock (STAFF_ALERT_EMAIL, or every active admin)
// Accounts enqueue verify_email and password_reset themselves (platform/mail/email_job.hpp).
#include <string>

#include "notifications/render.hpp"
#include "orders/events.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/mail/email_job.hpp"
#include "platform/mail/mailer.hpp"

namespace moderno::notifications {

struct Settings {
  Brand brand;
  std::string staff_alert_email;  // STAFF_ALERT_EMAIL; empty: every active admin and super_admin
  int max_attempts = 8;           // of an email job (backoff grows to about 20 minutes)
};

class Notifier : public orders::OrderEventSink {
 public:
  Notifier(jobs::Queue& queue, mail::Mailer& mailer, const crypto::Cipher& cipher, Settings settings);

  // Registers the `email` job kind on the queue.
  void RegisterJobs();
  // Enqueues the email an order event calls for, if any, in the event's transaction.
  void OnOrderEvent(db::UnitOfWork& uow, const orders::OrderEvent& event) override;
  // Renders and sends one email job; an error keeps the job for a retry.
  Result<void> Send(const jobs::Job& job);

 private:
  void Enqueue(db::UnitOfWork& uow, mail::EmailJob job);
  void OrderEmail(db::UnitOfWork& uow, const orders::OrderEvent& event);
  void LowStock(db::UnitOfWork& uow, const orders::OrderEvent& event);

  jobs::Queue& queue_;
  mail::Mailer& mailer_;
  const crypto::Cipher& cipher_;
  Settings settings_;
};

}  // namespace moderno::notifications
