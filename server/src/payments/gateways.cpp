#include "payments/gateway.hpp"

#include "payments/stripe_client.hpp"
#include "platform/crypto/cipher.hpp"

namespace moderno::payments {
namespace {

bool Declining(const std::string& token) { return token.starts_with("tok_chargeDeclined"); }

class SandboxGateway : public PaymentGateway {
 public:
  std::string name() const override { return "sandbox"; }
  Result<void> CheckToken(const std::string& token) const override {
    if (token == "tok_visa" || token == "tok_mastercard" || Declining(token)) return {};
    return Invalid({{"payment_token", "invalid",
                     "test mode accepts tok_visa, tok_mastercard (approved) and tok_chargeDeclined (declined)"}});
  }
  Result<ChargeOutcome> Charge(std::int64_t, const std::string&, const std::string& token, const std::string&,
                               const std::string& idempotency_key) override {
    ChargeOutcome out;
    out.reference = "sbx_" + crypto::Sha256Hex(idempotency_key).substr(0, 24);
    if (Declining(token)) {
      out.kind = ChargeOutcome::Kind::kDeclined;
      out.failure_code = token == "tok_chargeDeclinedInsufficientFunds" ? "insufficient_funds" : "card_declined";
      out.failure_message = "La tarjeta fue rechazada (modo de prueba).";
    } else {
      out.kind = ChargeOutcome::Kind::kSucceeded;
    }
    return out;
  }
  Result<std::string> Refund(const std::string&, std::int64_t, const std::string& idempotency_key) override {
    return "sbx_re_" + crypto::Sha256Hex(idempotency_key).substr(0, 24);
  }
};

class StripeGateway : public PaymentGateway {
 public:
  StripeGateway(const std::string& api_base, const std::string& secret_key)
      : client_(StripeConfig{api_base, secret_key, 10000}) {}
  std::string name() const override { return "stripe"; }
  Result<void> CheckToken(const std::string& token) const override {
    if (token.starts_with("tok_") || token.starts_with("pm_")) return {};
    return Invalid({{"payment_token", "invalid", "a Stripe card token (tok_...) or payment method (pm_...) is required"}});
  }
  Result<ChargeOutcome> Charge(std::int64_t amount, const std::string& currency, const std::string& token,
                               const std::string& order_number, const std::string& idempotency_key) override {
    auto intent = client_.CreateAndConfirm(amount, currency, token, order_number, idempotency_key);
    if (!intent) return std::unexpected(intent.error());
    ChargeOutcome out;
    out.reference = intent->id;
    if (intent->status == "succeeded") {
      out.kind = ChargeOutcome::Kind::kSucceeded;
    } else if (intent->status == "requires_payment_method" || intent->status == "canceled") {
      out.kind = ChargeOutcome::Kind::kDeclined;
      out.failure_code = intent->failure_code.empty() ? "payment_failed" : intent->failure_code;
      out.failure_message = intent->failure_message;
    } else {
      out.kind = ChargeOutcome::Kind::kPending;  // requires_action, processing: the webhook decides
      out.client_secret = intent->client_secret;
    }
    return out;
  }
  Result<std::string> Refund(const std::string& reference, std::int64_t amount,
                             const std::string& idempotency_key) override {
    auto refund = client_.CreateRefund(reference, amount, idempotency_key);
    if (!refund) return std::unexpected(refund.error());
    if (refund->status == "failed") return Fail(Errc::kConflict, "Stripe refused the refund.");
    return refund->id;
  }

 private:
  StripeClient client_;
};

// Stripe Checkout: an attempt is a Checkout Session; the signed webhook decides it, and the
// session read back reconciles it.
class StripeCheckoutGateway : public RedirectGateway {
 public:
  StripeCheckoutGateway(const std::string& api_base, const std::string& secret_key)
      : client_(StripeConfig{api_base, secret_key, 10000}) {}
  std::string name() const override { return kStripeCheckout; }
  Result<RedirectStart> Start(const RedirectRequest& r) override {
    CheckoutRequest req{r.currency, r.lines, std::to_string(r.order_id), r.order_number, r.return_url, r.cancel_url,
                        "checkout-" + r.attempt_id};
    if (req.lines.empty()) req.lines.emplace_back("Pedido " + r.order_number, r.amount);
    auto session = client_.CreateCheckoutSession(req);
    if (!session) return std::unexpected(session.error());
    return RedirectStart{session->id, session->url, "GET", {}};
  }
  Result<ChargeOutcome> Confirm(const std::string& reference) override { return Query(reference); }
  Result<ChargeOutcome> Query(const std::string& reference) override {
    auto session = client_.RetrieveCheckoutSession(reference);
    if (!session) return std::unexpected(session.error());
    return OutcomeOf(*session);
  }
  Result<RefundOutcome> Refund(const std::string& reference, std::int64_t amount,
                               const std::string& idempotency_key) override {
    auto session = client_.RetrieveCheckoutSession(reference);
    if (!session) return std::unexpected(session.error());
    if (session->payment_intent.empty()) return Fail(Errc::kConflict, "This Stripe Checkout payment has no charge to refund.");
    auto refund = client_.CreateRefund(session->payment_intent, amount, idempotency_key);
    if (!refund) return std::unexpected(refund.error());
    if (refund->status == "failed") return Fail(Errc::kConflict, "Stripe refused the refund.");
    return RefundOutcome{refund->id, refund->status};
  }
  // paid: succeeded; expired: failed; anything else (open, or complete and awaiting an
  // asynchronous payment): undecided.
  static ChargeOutcome OutcomeOf(const CheckoutSession& s) {
    ChargeOutcome out;
    out.reference = s.id;
    out.amount = s.amount_total;
    out.provider_status = s.payment_status;
    if (s.payment_status == "paid") {
      out.kind = ChargeOutcome::Kind::kSucceeded;
    } else if (s.status == "expired") {
      out.kind = ChargeOutcome::Kind::kDeclined;
      out.failure_code = "expired";
    }
    return out;
  }

 private:
  StripeClient client_;
};

}  // namespace

std::unique_ptr<RedirectGateway> MakeStripeCheckoutGateway(const std::string& api_base, const std::string& secret_key) {
  return std::make_unique<StripeCheckoutGateway>(api_base, secret_key);
}

std::unique_ptr<PaymentGateway> MakeSandboxGateway() { return std::make_unique<SandboxGateway>(); }

std::unique_ptr<PaymentGateway> MakeStripeGateway(const std::string& api_base, const std::string& secret_key) {
  return std::make_unique<StripeGateway>(api_base, secret_key);
}

}  // namespace moderno::payments
