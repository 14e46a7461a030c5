#include <boost/json.hpp>
#include <cmath>

#include "platform/http/responses.hpp"
#include "reviews/http/handlers.hpp"

namespace moderno::reviews {
namespace json = boost::json;

json::object PublicJson(const Review& r) {
  return {{"id", r.id},
          {"product_id", r.product_id},
          {"rating", r.rating},
          {"title", r.title},
          {"body", r.body},
          {"verified_purchase", r.verified_purchase},
          {"author", {{"name", r.author_name}}},
          {"created_at", r.created_at}};
}

json::object StaffJson(const Review& r) {
  json::object o = PublicJson(r);
  o["product_name"] = r.product_name;
  o["user_id"] = r.user_id;
  o["order_id"] = r.order_id ? json::value(*r.order_id) : json::value(nullptr);
  o["status"] = ApiName(r.status);
  o["helpful_count"] = r.helpful_count;
  o["updated_at"] = r.updated_at;
  return o;
}

json::object ToJson(const Summary& s) {
  json::object distribution;
  for (std::size_t stars = 0; stars < s.distribution.size(); ++stars) {
    distribution[std::to_string(stars + 1)] = s.distribution[stars];
  }
  json::value avg = nullptr;
  // Two decimals, computed in integers so the JSON never shows float noise.
  if (s.rating_avg) avg = static_cast<double>(std::llround(*s.rating_avg * 100)) / 100.0;
  return {{"rating_avg", avg},
          {"reviews_count", s.reviews_count},
          {"distribution", std::move(distribution)}};
}

http::Response ReviewJson(int status, const json::value& body) {
  http::Response r = http::Json(status, body);
  std::string out;
  out.reserve(r.body.size());
  // These characters only occur inside JSON strings, where \u escapes mean the same.
  for (char c : r.body) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  r.body = std::move(out);
  return r;
}

}  // namespace moderno::reviews
