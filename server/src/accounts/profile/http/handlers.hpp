#pragma once
// The signed-in customer's profile, addresses and privacy operations (/api/v1/me...), one per
// file; PUT /me/password belongs to the authentication routes.
#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "accounts/profile/model.hpp"
#include "accounts/http/handlers.hpp"
#include "accounts/profile/service.hpp"
#include "platform/http/message.hpp"

namespace moderno::accounts::profile {

http::Response GetMe(http::Request& req, accounts::HttpDeps& d);
http::Response UpdateMe(http::Request& req, accounts::HttpDeps& d);
http::Response DeleteMe(http::Request& req, accounts::HttpDeps& d);
http::Response ExportMe(http::Request& req, accounts::HttpDeps& d);
http::Response ListAddresses(http::Request& req, accounts::HttpDeps& d);
http::Response CreateAddress(http::Request& req, accounts::HttpDeps& d);
http::Response GetAddress(http::Request& req, accounts::HttpDeps& d);
http::Response UpdateAddress(http::Request& req, accounts::HttpDeps& d);
http::Response DeleteAddress(http::Request& req, accounts::HttpDeps& d);

// JSON shapes shared by the operations.
boost::json::object ToJson(const Profile& p);
boost::json::object ToJson(const Address& a);
boost::json::object ToJson(const DataExport& e);

// Reads the address fields of a POST or PUT body; type errors are added to `errors`.
AddressInput ReadAddressInput(const boost::json::object& body, std::vector<FieldError>& errors);

}  // namespace moderno::accounts::profile
