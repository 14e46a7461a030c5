#include "pricing/shipping.hpp"

#include <algorithm>
#include <map>

#include "accounts/profile/regions.hpp"

namespace moderno::pricing {

namespace {
ShippingQuote Read(const db::Row& r) {
  ShippingQuote q;
  q.code = r.Str(0);
  q.name = r.Str(1);
  q.description = r.OptStr(2);
  q.min_days = static_cast<int>(r.Int(3));
  q.max_days = static_cast<int>(r.Int(4));
  q.price = r.Int(5);
  q.free_over = r.OptInt(6);
  q.is_pickup = r.Bool(8);
  return q;
}
constexpr const char* kMethodColumns =
    "SELECT m.code, m.name, m.description, m.min_days, m.max_days, "
    "COALESCE((SELECT price FROM shipping_rates sr WHERE sr.method_id = m.id AND sr.region = ?), m.base_price), "
    "m.free_over, m.id, m.is_pickup FROM shipping_methods m WHERE m.is_active = 1";
}  // namespace

std::vector<ShippingQuote> ListShippingMethods(db::UnitOfWork& uow, const std::optional<std::string>& region_code) {
  std::vector<ShippingQuote> out;
  std::map<std::int64_t, std::size_t> by_id;
  for (const db::Row& r : uow.Query(std::string(kMethodColumns) + " ORDER BY m.sort_order, m.id",
                                    {region_code.value_or("")})) {
    by_id[r.Int(7)] = out.size();
    out.push_back(Read(r));
  }
  if (!region_code) {
    // Every region's price: the regional rate or the base price.
    std::map<std::pair<std::int64_t, std::string>, std::int64_t> rates;
    for (const db::Row& r : uow.Query("SELECT method_id, region, price FROM shipping_rates")) {
      rates[{r.Int(0), r.Str(1)}] = r.Int(2);
    }
    for (const auto& [id, index] : by_id) {
      for (const auto& region : accounts::profile::kChileanRegions) {
        auto it = rates.find({id, std::string(region.code)});
        out[index].region_prices.emplace_back(std::string(region.code),
                                              it == rates.end() ? out[index].price : it->second);
      }
    }
  } else {
    std::stable_sort(out.begin(), out.end(),
                     [](const ShippingQuote& a, const ShippingQuote& b) { return a.price < b.price; });
  }
  return out;
}

Result<ShippingQuote> FindShippingMethod(db::UnitOfWork& uow, const std::string& code, const std::string& region_code) {
  auto row = uow.QueryOne(std::string(kMethodColumns) + " AND m.code = ?", {region_code, code});
  if (!row) return Invalid({{"shipping_method", "unknown", "no shipping method '" + code + "' is offered"}});
  return Read(*row);
}

}  // namespace moderno::pricing
