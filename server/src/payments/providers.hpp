#pragma once
// The payment methods this shop offers and the gateway behind each card method.
#include <memory>
#include <string>
#include <vector>

#include "payments/gateway.hpp"
#include "payments/model.hpp"

namespace moderno::payments {

class Providers {
 public:
  // Manual transfer and cash on delivery always; the sandbox when `settings.sandbox`; Stripe
  // when a secret key is set; Webpay Plus when its commerce code and key are set.
  explicit Providers(const Settings& settings);

  // The methods offered, in the order the checkout shows them.
  std::vector<Method> Methods() const;
  // The gateway of a card method; nullptr for manual, cash on delivery or an unknown method.
  PaymentGateway* GatewayFor(const std::string& method) const;
  // The gateway of a method paid on the provider's page (webpay); nullptr for any other.
  RedirectGateway* RedirectFor(const std::string& method) const;
  // True for a method staff settle (bank transfer, cash on delivery).
  static bool StaffSettled(const std::string& method);
  // True for a method paid on the provider's page.
  static bool Redirect(const std::string& method);
  // True for a method that charges a card (a reservation waits for its outcome).
  static bool Card(const std::string& method);
  // Tests replace the Stripe gateway (a fake or a gateway that never answers).
  void SetStripeGateway(std::unique_ptr<PaymentGateway> gateway) { stripe_ = std::move(gateway); }

 private:
  std::unique_ptr<PaymentGateway> sandbox_;
  std::unique_ptr<PaymentGateway> stripe_;
  std::unique_ptr<RedirectGateway> webpay_;
  std::unique_ptr<RedirectGateway> stripe_checkout_;
};

}  // namespace moderno::payments
