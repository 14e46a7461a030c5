#pragma once
// gzip compression for responses.
#include <string>
#include <string_view>

namespace moderno::http {

// Compresses data into the gzip format (RFC 1952).
std::string Gzip(std::string_view data, int level = 6);

// True when an Accept-Encoding header value accepts `coding` (q=0 means refused).
bool AcceptsEncoding(std::string_view accept_encoding, std::string_view coding);

}  // namespace moderno::http
