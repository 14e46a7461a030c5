#pragma once
// Shipping methods and their price per region (ISO 3166-2:CL codes; names are accepted).
#include <optional>
#include <string>
#include <vector>

#include "orders/model.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"

namespace moderno::orders {

// The region code for a code or a region name as customers write it; nullopt when unknown.
std::optional<std::string> RegionCode(std::string_view text);

// Active methods, cheapest first for `region`; with no region each carries every region's price.
std::vector<ShippingQuote> ListShippingMethods(db::UnitOfWork& uow, const std::optional<std::string>& region_code);

// One method for a region; kNotFound-free: Invalid(shipping_method) when it is not offered.
Result<ShippingQuote> FindShippingMethod(db::UnitOfWork& uow, const std::string& code, const std::string& region_code);

}  // namespace moderno::orders
