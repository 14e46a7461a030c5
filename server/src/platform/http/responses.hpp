#pragma once
// JSON responses every domain sends the same way: public, private, empty, and paged lists.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>

#include "platform/http/message.hpp"

namespace moderno::http {

// A JSON response (caching left to the route's defaults).
Response Json(int status, const boost::json::value& body);
// A JSON response for private data: never stored by browsers or proxies (Cache-Control: no-store).
Response PrivateJson(int status, const boost::json::value& body);
// 204 No Content.
Response NoContent();

// {page, limit, total, pages}, as every list carries it.
boost::json::object PaginationJson(int page, int limit, std::int64_t total);
// The list envelope: {data: [...], pagination: {...}}.
boost::json::object PageJson(boost::json::array data, int page, int limit, std::int64_t total);

}  // namespace moderno::http
