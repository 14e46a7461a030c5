#include <boost/json.hpp>

#include "accounts/profile/address.hpp"
#include "pricing/http/routes.hpp"
#include "pricing/shipping.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::pricing {
namespace json = boost::json;

json::object ToJson(const ShippingQuote& q) {
  auto or_null = [](const auto& v) { return v ? json::value(*v) : json::value(nullptr); };
  json::object o{{"code", q.code},         {"name", q.name},         {"description", or_null(q.description)},
                 {"min_days", q.min_days}, {"max_days", q.max_days}, {"price", q.price},
                 {"free_over", or_null(q.free_over)}, {"is_pickup", q.is_pickup}};
  if (!q.region_prices.empty()) {
    json::object prices;
    for (const auto& [region, price] : q.region_prices) prices[region] = price;
    o["region_prices"] = std::move(prices);
  }
  return o;
}

// GET /api/v1/shipping-methods?region=: the active methods, with the region's prices.
http::Response ListShippingMethods(http::Request& req, HttpDeps& d) {
  std::optional<std::string> region;
  if (auto q = req.Query("region"); q && !q->empty()) {
    region = accounts::profile::RegionCode(*q);
    if (!region) {
      return http::Problem(Invalid({{"region", "unknown", "not a region of Chile (a name or a code such as CL-RM)"}}).error(), req);
    }
  }
  auto methods = d.db.Read([&](db::UnitOfWork& uow) -> Result<std::vector<ShippingQuote>> {
    return pricing::ListShippingMethods(uow, region);
  });
  if (!methods) return http::Problem(methods.error(), req);
  json::array data;
  for (const auto& m : *methods) data.push_back(ToJson(m));
  json::object body{{"data", std::move(data)}, {"currency", d.settings.currency}};
  body["region"] = region ? json::value(*region) : json::value(nullptr);
  return http::Json(200, body);
}

}  // namespace moderno::pricing
