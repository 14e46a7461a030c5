#include "payments/providers.hpp"

namespace moderno::payments {

Providers::Providers(const Settings& settings) {
  if (settings.sandbox) sandbox_ = MakeSandboxGateway();
  if (!settings.stripe_secret_key.empty()) stripe_ = MakeStripeGateway(settings.stripe_api_base, settings.stripe_secret_key);
}

std::vector<Method> Providers::Methods() const {
  std::vector<Method> out{{kManual, "Transferencia bancaria", false, false},
                          {kCashOnDelivery, "Pago contra entrega", false, false}};
  if (stripe_) out.push_back({kStripe, "Tarjeta de crédito o débito", true, false});
  if (sandbox_) out.push_back({kSandbox, "Tarjeta (modo de prueba: tok_visa aprueba, tok_chargeDeclined rechaza)", true, true});
  return out;
}

PaymentGateway* Providers::GatewayFor(const std::string& method) const {
  if (method == kSandbox) return sandbox_.get();
  if (method == kStripe) return stripe_.get();
  return nullptr;
}

bool Providers::StaffSettled(const std::string& method) { return method == kManual || method == kCashOnDelivery; }

bool Providers::Card(const std::string& method) { return method == kSandbox || method == kStripe; }

}  // namespace moderno::payments
