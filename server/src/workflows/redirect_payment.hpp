#pragma once
// Card payments on the provider's own page (Webpay Plus): each attempt of an order is started
// here, decided when the customer comes back (commit) or by reconciliation, once.
#include <cstdint>
#include <optional>
#include <string>

#include "orders/model.hpp"
#include "workflows/deps.hpp"
#include "workflows/steps.hpp"

namespace moderno::workflows {

// What Webpay sends to the return URL: token_ws after a payment attempt, TBK_TOKEN with
// TBK_ORDEN_COMPRA and TBK_ID_SESION when the customer aborted, all of them on a timeout. `order`
// is the order id our return URL names.
struct WebpayReturnInput {
  std::optional<std::string> token_ws, tbk_token, tbk_buy_order, tbk_session;
  std::optional<std::int64_t> order;
};

// Starts a new attempt for an open order paid by redirect (the customer's when `user_id` is
// set): the order as it is with next_action_redirect. 409 not_payable when the order is no
// longer pending or its reservation ended; 503 when the provider cannot be reached.
Result<orders::Order> StartRedirectAttempt(Deps& d, const Steps& steps, std::int64_t order_id,
                                           std::optional<std::int64_t> user_id);

}  // namespace moderno::workflows
