#include <boost/json.hpp>

#include "analytics/http/handlers.hpp"
#include "platform/http/responses.hpp"
#include "platform/http/problem.hpp"

namespace moderno::analytics {

http::Response GetDashboard(http::Request& req, HttpDeps& d) {
  auto dash = d.service.GetDashboard(req.Query("period").value_or(""));
  if (!dash) return http::Problem(dash.error(), req);
  return http::PrivateJson(200, {{"period", dash->period},
                    {"currency_minor_units", true},
                    {"current", ToJson(dash->current)},
                    {"previous", ToJson(dash->previous)},
                    {"low_stock", dash->low_stock}});
}

}  // namespace moderno::analytics
