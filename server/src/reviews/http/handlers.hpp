#pragma once
// The review operations, one per file, and the JSON shapes they share.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "platform/http/message.hpp"
#include "reviews/model.hpp"
#include "reviews/service.hpp"

namespace moderno::reviews {

// What every review handler is given; the service must outlive the router.
struct HttpDeps {
  Service& reviews;
};

http::Response ListReviews(http::Request& req, HttpDeps& d);
http::Response CreateReview(http::Request& req, HttpDeps& d);
http::Response ListStaffReviews(http::Request& req, HttpDeps& d);
http::Response ModerateReview(http::Request& req, HttpDeps& d);

// The public shape: no status, no user id, the author only by AuthorName.
boost::json::object PublicJson(const Review& r);
// The staff shape: the public one plus status, user, order, product name and helpful_count.
boost::json::object StaffJson(const Review& r);
boost::json::object ToJson(const Summary& s);

// A JSON response whose '<', '>' and '&' are written as \u escapes: review text is plain text
// and stays inert even if some client pastes the raw body into HTML.
http::Response ReviewJson(int status, const boost::json::value& body);

}  // namespace moderno::reviews
