#pragma once
// Shipping methods and their price per region (ISO 3166-2:CL codes; names are accepted).
#include <optional>
#include <string>
#include <vector>

#include "pricing/model.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"

namespace moderno::pricing {

// Active methods, cheapest first for `region`; with no region each carries every region's price.
std::vector<ShippingQuote> ListShippingMethods(db::UnitOfWork& uow, const std::optional<std::string>& region_code);

// One method for a region; kNotFound-free: Invalid(shipping_method) when it is not offered.
Result<ShippingQuote> FindShippingMethod(db::UnitOfWork& uow, const std::string& code, const std::string& region_code);

}  // namespace moderno::pricing
