#pragma once
// Captures the server's log lines during a test (see log::SetSink).
#include <boost/json.hpp>
#include <mutex>
#include <string>
#include <vector>

#include "platform/log/log.hpp"

namespace moderno::testing {

// While alive, every line written through log::Write is kept, parsed as its JSON object.
class LogCapture {
 public:
  LogCapture() {
    log::SetSink([this](log::Level level, std::string_view members) {
      boost::system::error_code ec;
      auto v = boost::json::parse("{" + std::string(members) + "}", ec);
      if (ec || !v.is_object()) return;
      std::lock_guard lock(mu_);
      lines_.push_back({level, v.as_object()});
    });
  }
  ~LogCapture() { log::SetSink({}); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  struct Line {
    log::Level level;
    boost::json::object fields;  // "msg" and the other members
  };
  // The lines captured so far.
  std::vector<Line> Lines() const {
    std::lock_guard lock(mu_);
    return lines_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<Line> lines_;
};

}  // namespace moderno::testing
