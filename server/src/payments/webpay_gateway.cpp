// Webpay Plus behind the redirect gateway: an attempt is a Webpay transaction whose token is
// posted (token_ws) to Webpay's form; commit decides it, status reconciles it.
#include "payments/gateway.hpp"
#include "payments/webpay_client.hpp"

namespace moderno::payments {
namespace {

// What commit or status said, in the gateway's terms: AUTHORIZED with response code 0 is paid;
// INITIALIZED is undecided; anything else failed.
ChargeOutcome OutcomeOf(const std::string& token, const WebpayTransaction& t) {
  ChargeOutcome out;
  out.reference = token;
  out.amount = t.amount;
  out.provider_status = t.status;
  out.authorization_code = t.authorization_code;
  out.card_last4 = t.card_last4;
  out.payment_type = t.payment_type_code;
  out.installments = t.installments_number;
  out.buy_order = t.buy_order;
  if (t.status == "INITIALIZED") {
    out.kind = ChargeOutcome::Kind::kPending;
  } else if (t.response_code == 0 && (t.status == "AUTHORIZED" || t.status == "CAPTURED")) {
    out.kind = ChargeOutcome::Kind::kSucceeded;
  } else {
    out.kind = ChargeOutcome::Kind::kDeclined;
    out.failure_code = t.status == "FAILED" || t.status == "AUTHORIZED" ? "declined_" + std::to_string(t.response_code)
                                                                           : "status_" + t.status;
    out.failure_message = "Webpay rechazó el pago (código " + std::to_string(t.response_code) + ").";
  }
  return out;
}

class WebpayGateway : public RedirectGateway {
 public:
  explicit WebpayGateway(WebpayConfig cfg) : client_(std::move(cfg)) {}
  std::string name() const override { return kWebpay; }

  Result<RedirectStart> Start(const RedirectRequest& r) override {
    // buy_order: at most 26 characters; session_id: at most 61.
    auto created = client_.Create(r.attempt_id.substr(0, 26), std::to_string(r.order_id), r.amount, r.return_url);
    if (!created) return std::unexpected(created.error());
    return RedirectStart{created->token, created->url, "POST", {{"token_ws", created->token}}};
  }
  Result<ChargeOutcome> Confirm(const std::string& reference) override {
    auto t = client_.Commit(reference);
    if (!t) return std::unexpected(t.error());
    return OutcomeOf(reference, *t);
  }
  Result<ChargeOutcome> Query(const std::string& reference) override {
    auto t = client_.Status(reference);
    if (!t) return std::unexpected(t.error());
    return OutcomeOf(reference, *t);
  }
  Result<RefundOutcome> Refund(const std::string& reference, std::int64_t amount, const std::string&) override {
    // Webpay has no idempotency key: the workflow asks once and records the answer.
    auto r = client_.Refund(reference, amount);
    if (!r) return std::unexpected(r.error());
    if (r->type == "NULLIFIED" && r->response_code != 0) {
      return Fail(Errc::kConflict, "Webpay refused the refund (code " + std::to_string(r->response_code) + ").");
    }
    return RefundOutcome{r->authorization_code.empty() ? reference : r->authorization_code, r->type};
  }

 private:
  WebpayClient client_;
};

}  // namespace

std::unique_ptr<RedirectGateway> MakeWebpayGateway(const std::string& api_base, const std::string& commerce_code,
                                                   const std::string& api_key) {
  return std::make_unique<WebpayGateway>(WebpayConfig{api_base, commerce_code, api_key, 10000});
}

}  // namespace moderno::payments
