#include <boost/json.hpp>

#include "payments/http/handlers.hpp"
#include "platform/http/responses.hpp"

namespace moderno::payments {

// GET /api/v1/payment-methods.
http::Response ListPaymentMethods(http::Request&, HttpDeps& d) {
  boost::json::array data;
  for (const auto& m : d.providers.Methods()) {
    data.push_back({{"code", m.code}, {"label", m.label}, {"requires_token", m.needs_token}, {"test_mode", m.test_mode},
                    {"redirect", m.redirect}});
  }
  return http::Json(200, boost::json::object{{"data", std::move(data)}});
}

}  // namespace moderno::payments
