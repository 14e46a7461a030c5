#pragma once
// A fake Transbank Webpay Plus for tests and the browser suite: an HTTP/1.1 server on
// 127.0.0.1 (its own thread) answering the documented REST API v1.2 — create
// (POST .../transactions), commit (PUT .../transactions/{token}), status (GET) and refunds
// (POST .../transactions/{token}/refunds) — authenticated by Tbk-Api-Key-Id and
// Tbk-Api-Key-Secret, with its own ledger of transactions; and the payment form a browser is
// sent to with token_ws (POST /webpayserver/initTransaction), whose buttons approve, reject or
// abort and send the browser back to the return URL as Webpay does: token_ws by form POST after
// a payment attempt, TBK_TOKEN + TBK_ORDEN_COMPRA + TBK_ID_SESION when aborted.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace moderno::testing {

// What the customer does on the payment form.
enum class WebpayChoice { kApprove, kReject, kAbort, kTimeout };

// Where the browser is sent back to, and with what.
struct WebpayReturn {
  std::string url;     // the return_url given at create (may carry a query)
  std::string method;  // POST (token_ws) or GET (abort)
  std::vector<std::pair<std::string, std::string>> fields;
};

// One transaction in the fake's ledger.
struct FakeWebpayTransaction {
  std::string token, buy_order, session_id, return_url;
  std::int64_t amount = 0, balance = 0;
  std::string status;  // INITIALIZED, AUTHORIZED, FAILED, REVERSED, NULLIFIED, PARTIALLY_NULLIFIED, ABORTED
  std::string choice;  // what the customer did on the form: "", approve, reject, abort, timeout
  bool committed = false;
  int response_code = -1;
  std::string authorization_code, payment_type_code, card_number;
  int installments_number = 0;
  std::vector<std::int64_t> refunds;
};

class FakeWebpay {
 public:
  // `port` 0: a free one.
  explicit FakeWebpay(std::uint16_t port = 0);
  ~FakeWebpay();
  FakeWebpay(const FakeWebpay&) = delete;
  FakeWebpay& operator=(const FakeWebpay&) = delete;

  std::uint16_t Port() const;
  // "http://127.0.0.1:<port>", for WEBPAY_API_BASE.
  std::string BaseUrl() const;
  // Transbank's public integration credentials (Webpay Plus).
  static constexpr const char* kCommerceCode = "597055555532";
  static constexpr const char* kApiKey = "579B532A7440BB0C9079DED94D31EA1615BACEB56610332264630D42D0A36B1C";

  // What the payment form does when the customer chooses (also what its buttons do): the
  // transaction is marked and the return the browser makes is given. A payment type VN (credit,
  // no installments), VD (debit), VC with `installments`.
  WebpayReturn Choose(const std::string& token, WebpayChoice choice, const std::string& payment_type = "VN",
                      int installments = 0);
  // The next commit is applied but its answer never sent (the connection is closed): a network
  // error for the caller.
  void DropNextCommitAnswer();
  // Every API request answers this HTTP status with an error_message (0: normal service).
  void FailWith(int status);
  std::optional<FakeWebpayTransaction> Transaction(const std::string& token) const;
  int Commits() const;  // commit requests answered 200
  int CommitRequests() const;
  int RefundRequests() const;
  std::string LastRequestHeader(const std::string& lower_case_name) const;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace moderno::testing
