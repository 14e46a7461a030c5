#pragma once
// A small blocking client for Transbank's Webpay Plus REST API (v1.2): create a transaction,
// commit it when the customer comes back, read its status, and refund it. JSON over libcurl,
// one easy handle per call, so one WebpayClient may be shared by threads.
#include <cstdint>
#include <string>

#include "platform/error.hpp"

namespace moderno::payments {

// Where Webpay is and how to authenticate (Tbk-Api-Key-Id / Tbk-Api-Key-Secret).
struct WebpayConfig {
  std::string api_base;       // WEBPAY_API_BASE: https://webpay3gint.transbank.cl (integration)
  std::string commerce_code;  // WEBPAY_COMMERCE_CODE
  std::string api_key;        // WEBPAY_API_KEY (never logged)
  long timeout_ms = 10000;
};

// What Webpay answers to create: the token and the URL its payment form is posted to.
struct WebpayCreated {
  std::string token, url;
};

// A transaction as commit and status describe it.
struct WebpayTransaction {
  std::string status;  // INITIALIZED, AUTHORIZED, FAILED, REVERSED, NULLIFIED, PARTIALLY_NULLIFIED, CAPTURED
  int response_code = -99;  // 0: approved
  std::int64_t amount = 0;
  std::string buy_order, session_id, authorization_code, payment_type_code, card_last4;
  int installments_number = 0;
  std::int64_t balance = 0;
};

// A refund: REVERSED (the whole amount, the same day) or NULLIFIED (any amount later).
struct WebpayRefund {
  std::string type;
  std::string authorization_code;
  std::int64_t nullified_amount = 0, balance = 0;
  int response_code = 0;
};

// Calls Webpay. Errors: kUnavailable when Webpay cannot be reached, times out or answers 5xx;
// kConflict when it refuses the operation on this transaction (already committed, amount over
// the balance) with Webpay's error_message in `internal`; kInternal for anything else. The API
// key never appears in an error.
class WebpayClient {
 public:
  explicit WebpayClient(WebpayConfig cfg);

  // POST /rswebpaytransaction/api/webpay/v1.2/transactions {buy_order, session_id, amount, return_url}.
  Result<WebpayCreated> Create(const std::string& buy_order, const std::string& session_id, std::int64_t amount,
                               const std::string& return_url);
  // PUT .../transactions/{token}: confirms the attempt the customer finished.
  Result<WebpayTransaction> Commit(const std::string& token);
  // GET .../transactions/{token}.
  Result<WebpayTransaction> Status(const std::string& token);
  // POST .../transactions/{token}/refunds {amount}.
  Result<WebpayRefund> Refund(const std::string& token, std::int64_t amount);

 private:
  WebpayConfig cfg_;
};

}  // namespace moderno::payments
