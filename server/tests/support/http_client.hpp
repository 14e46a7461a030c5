#pragma once
// A small blocking HTTP/1.1 client for tests: real sockets, no mocks.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace moderno::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// One keep-alive connection to 127.0.0.1:port.
class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResult Request(const std::string& method, const std::string& target,
                     const std::vector<std::pair<std::string, std::string>>& headers = {},
                     const std::string& body = {});
  HttpResult Get(const std::string& target,
                 const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return Request("GET", target, headers);
  }
  // Sends raw bytes and reads one response (for malformed and oversized requests).
  HttpResult Raw(const std::string& bytes);
  // Sends raw bytes and reads `n` responses (pipelining).
  std::vector<HttpResult> RawMany(const std::string& bytes, int n);
  // True when the server closed the connection (a read returns EOF).
  bool ServerClosed();

  struct Impl;  // Beast state, defined in http_client.cpp

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace moderno::testing
