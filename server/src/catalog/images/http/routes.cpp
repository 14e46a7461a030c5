// The product image routes and the media files they produce.
#include <boost/json.hpp>
#include <fstream>
#include <memory>
#include <sstream>

#include "catalog/images/image_service.hpp"
#include "catalog/images/processing.hpp"
#include "catalog/http/routes.hpp"
#include "catalog/images/srcset.hpp"
#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/multipart.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::catalog::images {
namespace json = boost::json;
namespace {

http::Response NoProduct(const http::Request& req) {
  return http::Problem(Errc::kNotFound, "No product with id '" + std::string(req.Param("id")) + "'.", req);
}

http::Response Upload(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return NoProduct(req);
  const std::string_view type = req.Header("content-type").value_or("");
  if (!http::IsMultipart(type)) {
    return http::Problem(Errc::kMalformed, "Upload the image as multipart/form-data with the field \"file\".", req);
  }
  auto parts = http::ParseMultipart(type, req.body);
  if (!parts) return http::Problem(parts.error(), req);
  const http::MultipartPart* file = http::FindPart(*parts, "file");
  if (!file || file->data.empty()) {
    return http::Problem(Invalid({{"file", "required", "send the image as the multipart field \"file\""}}).error(), req);
  }
  std::optional<std::string> alt;
  if (const http::MultipartPart* a = http::FindPart(*parts, "alt"); a && !a->data.empty()) {
    if (a->data.size() > 255) {
      return http::Problem(Invalid({{"alt", "too_long", "alt has at most 255 bytes"}}).error(), req);
    }
    alt = std::string(a->data);
  }
  auto image = d.images.Upload(*id, file->data, alt, audit::EntryFrom(req));
  if (!image) return http::Problem(image.error(), req);
  http::Response r = http::Json(201, ToJson(*image));
  r.Set("Location", image->url);
  return r;
}

http::Response Reorder(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return NoProduct(req);
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  std::vector<std::int64_t> ids;
  const json::object& o = *body;
  auto it = o.find("ids");
  bool ok = it != o.end() && it->value().is_array();
  if (ok) {
    for (const json::value& v : it->value().as_array()) {
      if (!v.is_int64() || v.as_int64() <= 0) {
        ok = false;
        break;
      }
      ids.push_back(v.as_int64());
    }
  }
  if (!ok) {
    return http::Problem(Invalid({{"ids", "invalid", "ids must be an array of image ids in the new order"}}).error(),
                         req);
  }
  auto images = d.images.Reorder(*id, ids, audit::EntryFrom(req));
  if (!images) return http::Problem(images.error(), req);
  json::array items;
  for (const Image& i : *images) items.push_back(ToJson(i));
  return http::Json(200, json::object{{"items", std::move(items)}});
}

http::Response Remove(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  auto image_id = http::PathId(req, "image_id");
  if (!id || !image_id) return http::Problem(Errc::kNotFound, "No such image.", req);
  auto done = d.images.Remove(*id, *image_id, audit::EntryFrom(req));
  if (!done) return http::Problem(done.error(), req);
  return http::NoContent();
}

http::Response Media(http::Request& req, HttpDeps& d) {
  auto path = d.images.MediaFile(req.Param("product"), req.Param("file"));
  if (!path) return http::Problem(Errc::kNotFound, "No media at " + req.path + ".", req);
  std::ifstream in(*path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  if (!in && !in.eof()) return http::Problem(Errc::kNotFound, "No media at " + req.path + ".", req);
  http::Response r = http::TextResponse(200, buf.str(), std::string(MediaType(path->filename().string())));
  r.Set("Cache-Control", "public, max-age=31536000, immutable");
  r.Set("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace

void RegisterImageRoutes(http::Router& router, HttpDeps& deps) {
  const http::RouteOptions staff{.access = http::Staff(http::Role::kManager), .rate_class = "admin"};
  http::RouteOptions upload = staff;
  upload.max_body_bytes = kImageMaxBytes;
  router.Add("POST", "/api/v1/admin/products/{id}/images", [&deps](http::Request& req) { return Upload(req, deps); },
             upload);
  router.Add("PUT", "/api/v1/admin/products/{id}/images/order",
             [&deps](http::Request& req) { return Reorder(req, deps); }, staff);
  router.Add("DELETE", "/api/v1/admin/products/{id}/images/{image_id}",
             [&deps](http::Request& req) { return Remove(req, deps); }, staff);
  router.Add("GET", "/media/products/{product}/{file}", [&deps](http::Request& req) { return Media(req, deps); },
             {.rate_class = "none"});
  deps.jobs.Register(kImageJob, [&deps](jobs::Context& ctx) { return deps.images.MakeVariantsJob(ctx); });
}

}  // namespace moderno::catalog::images
