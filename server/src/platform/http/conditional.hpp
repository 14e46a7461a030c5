#pragma once
// HTTP caching of public reads (catalog and search) by browsers, proxies and CDNs: a strong
// ETag from the body, 304 Not Modified for a matching If-None-Match, and a Cache-Control
// with stale-while-revalidate (RFC 9110 section 13, RFC 9111, RFC 5861).
#include <string>
#include <string_view>

#include "platform/http/message.hpp"

namespace moderno::http {

// How long shared and private caches may keep a public read without asking again, and how
// long after that they may serve it while they revalidate in the background.
struct PublicCaching {
  int max_age_seconds = 10;
  int stale_while_revalidate_seconds = 30;
};
// Set once at start (HTTP_CACHE_MAX_AGE, HTTP_CACHE_STALE_SECONDS); read by every public read.
void SetPublicCaching(PublicCaching p);
PublicCaching GetPublicCaching();

// "\"<32 hex digits>\"": BLAKE2b-128 of the body, the same on every node for the same bytes.
std::string StrongEtag(std::string_view body);
// True when If-None-Match lists `etag` (weak comparison, as RFC 9110 13.1.2 asks) or is "*".
bool NoneMatch(const Request& req, std::string_view etag);
// The answer for a public read of `body`: 200 with ETag and Cache-Control, or 304 without a
// body when the client already has it.
Response PublicJson(const Request& req, std::string body);

}  // namespace moderno::http
