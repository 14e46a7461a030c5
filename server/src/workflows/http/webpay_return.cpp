#include "platform/http/params.hpp"
#include "platform/http/pipeline.hpp"
#include "platform/http/problem.hpp"
#include "platform/log/log.hpp"
#include "workflows/http/handlers.hpp"

namespace moderno::workflows {
namespace {

// The fields Webpay sent: the query of a GET, the form of a POST.
std::vector<std::pair<std::string, std::string>> ReturnFields(const http::Request& req) {
  if (req.method != "POST") return req.query;
  std::string path;
  std::vector<std::pair<std::string, std::string>> form;
  if (req.body.size() > 4096 || !http::ParseTarget("/?" + req.body, path, form)) return {};
  return form;
}

std::optional<std::string> Field(const std::vector<std::pair<std::string, std::string>>& fields, std::string_view name) {
  for (const auto& [k, v] : fields) {
    if (k == name) return v;
  }
  return std::nullopt;
}

}  // namespace

// GET or POST /api/v1/payments/webpay/return?order={id}: where Webpay sends the customer back
// (token_ws; TBK_TOKEN, TBK_ORDEN_COMPRA, TBK_ID_SESION on abort; all on timeout). The attempt
// is committed and decided once, then the browser goes to the order's payment page.
http::Response WebpayReturn(http::Request& req, HttpDeps& d) {
  const auto fields = ReturnFields(req);
  WebpayReturnInput in;
  in.token_ws = Field(fields, "token_ws");
  in.tbk_token = Field(fields, "TBK_TOKEN");
  in.tbk_buy_order = Field(fields, "TBK_ORDEN_COMPRA");
  in.tbk_session = Field(fields, "TBK_ID_SESION");
  if (auto order = req.Query("order")) {
    auto id = http::ParseId(*order);
    if (!id) return http::Problem(Invalid({{"order", "invalid", "order must be an order id"}}).error(), req);
    in.order = *id;
  }
  auto order_id = d.changes.WebpayReturn(in);
  if (!order_id) {
    if (order_id.error().code == Errc::kMalformed) {
      log::Security("payment_return_refused", {{"ip", req.client_ip}, {"reason", order_id.error().internal}});
    }
    return http::Problem(order_id.error(), req);
  }
  http::Response r;
  r.status = 303;
  r.Set("Location", "/cuenta/pedidos/" + std::to_string(*order_id) + "/pago");
  r.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace moderno::workflows
