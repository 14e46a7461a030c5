#include "payments/providers.hpp"

namespace moderno::payments {

Providers::Providers(const Settings& settings) {
  if (settings.sandbox) sandbox_ = MakeSandboxGateway();
  if (!settings.stripe_secret_key.empty()) stripe_ = MakeStripeGateway(settings.stripe_api_base, settings.stripe_secret_key);
  if (!settings.stripe_secret_key.empty()) {
    stripe_checkout_ = MakeStripeCheckoutGateway(settings.stripe_api_base, settings.stripe_secret_key);
  }
  if (!settings.webpay_commerce_code.empty() && !settings.webpay_api_key.empty()) {
    webpay_ = MakeWebpayGateway(settings.webpay_api_base, settings.webpay_commerce_code, settings.webpay_api_key);
  }
}

std::vector<Method> Providers::Methods() const {
  std::vector<Method> out{{kManual, "Transferencia bancaria", false, false},
                          {kCashOnDelivery, "Pago contra entrega", false, false}};
  if (webpay_) out.push_back({kWebpay, "Webpay Plus: tarjeta de crédito, débito o prepago", false, false, true});
  if (stripe_checkout_) out.push_back({kStripeCheckout, "Tarjeta de crédito o débito (Stripe)", false, false, true});
  if (stripe_) out.push_back({kStripe, "Tarjeta de crédito o débito", true, false});
  if (sandbox_) out.push_back({kSandbox, "Tarjeta (modo de prueba: tok_visa aprueba, tok_chargeDeclined rechaza)", true, true});
  return out;
}

PaymentGateway* Providers::GatewayFor(const std::string& method) const {
  if (method == kSandbox) return sandbox_.get();
  if (method == kStripe) return stripe_.get();
  return nullptr;
}

RedirectGateway* Providers::RedirectFor(const std::string& method) const {
  if (method == kWebpay) return webpay_.get();
  return method == kStripeCheckout ? stripe_checkout_.get() : nullptr;
}

bool Providers::Redirect(const std::string& method) { return method == kWebpay || method == kStripeCheckout; }

bool Providers::StaffSettled(const std::string& method) { return method == kManual || method == kCashOnDelivery; }

bool Providers::Card(const std::string& method) { return method == kSandbox || method == kStripe || Redirect(method); }

}  // namespace moderno::payments
