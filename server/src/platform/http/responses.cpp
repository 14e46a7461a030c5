#include "platform/http/responses.hpp"

#include <boost/json/serialize.hpp>

namespace moderno::http {

Response Json(int status, const boost::json::value& body) { return JsonResponse(status, boost::json::serialize(body)); }

Response PrivateJson(int status, const boost::json::value& body) {
  Response r = Json(status, body);
  r.Set("Cache-Control", "no-store");
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}

boost::json::object PaginationJson(int page, int limit, std::int64_t total) {
  const std::int64_t pages = limit > 0 ? (total + limit - 1) / limit : 0;
  return {{"page", page}, {"limit", limit}, {"total", total}, {"pages", pages}};
}

boost::json::object PageJson(boost::json::array data, int page, int limit, std::int64_t total) {
  return {{"data", std::move(data)}, {"pagination", PaginationJson(page, limit, total)}};
}

}  // namespace moderno::http
