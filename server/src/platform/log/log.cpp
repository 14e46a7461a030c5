#include "platform/log/log.hpp"

#include <spdlog/async.h>
#include <spdlog/details/file_helper.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <atomic>
#include <cstdio>
#include <mutex>

namespace moderno::log {
namespace {

std::shared_ptr<spdlog::logger>& Logger() {
  static std::shared_ptr<spdlog::logger> logger;
  return logger;
}

spdlog::level::level_enum ToSpd(Level l) {
  switch (l) {
    case Level::kDebug: return spdlog::level::debug;
    case Level::kInfo: return spdlog::level::info;
    case Level::kWarn: return spdlog::level::warn;
    case Level::kError: return spdlog::level::err;
    case Level::kOff: return spdlog::level::off;
  }
  return spdlog::level::info;
}

std::shared_ptr<spdlog::logger>& SecurityLogger() {
  static std::shared_ptr<spdlog::logger> logger;
  return logger;
}

// An append-only file sink that can be reopened at the same path (after logrotate moved the
// file away, SIGHUP makes the next line go to a new file there).
class ReopenableFileSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit ReopenableFileSink(const std::string& path) { file_.open(path, false); }
  void Reopen() {
    std::lock_guard lock(mutex_);
    file_.reopen(false);
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    file_.write(formatted);
  }
  void flush_() override { file_.flush(); }

 private:
  spdlog::details::file_helper file_;
};

std::shared_ptr<ReopenableFileSink>& SecuritySink() {
  static std::shared_ptr<ReopenableFileSink> sink;
  return sink;
}

std::string Quote(std::string_view s) { return boost::json::serialize(boost::json::string(s)); }

// The test sink: a flag read on every line, the function itself only under the lock.
std::atomic<bool> sink_set{false};
std::mutex sink_mu;
Sink& CurrentSink() {
  static Sink sink;
  return sink;
}

std::string Members(std::string_view msg, std::initializer_list<Field> fields) {
  std::string line = "\"msg\":" + Quote(msg);
  for (const Field& f : fields) {
    line += ",\"";
    line += f.key;
    line += "\":";
    line += f.value;
  }
  return line;
}

}  // namespace

Field::Field(std::string_view k, std::string_view v) : key(k), value(Quote(v)) {}

Field::Field(std::string_view k, double v) : key(k) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  value = buf;
}

bool ParseLevel(std::string_view text, Level& out) {
  if (text == "debug") out = Level::kDebug;
  else if (text == "info") out = Level::kInfo;
  else if (text == "warn" || text == "warning") out = Level::kWarn;
  else if (text == "error") out = Level::kError;
  else if (text == "off") out = Level::kOff;
  else return false;
  return true;
}

void Init(Level level) {
  auto& logger = Logger();
  if (!logger) {
    // A bounded queue: when the terminal is slower than the server, old lines are dropped
    // rather than memory growing or request threads blocking.
    spdlog::init_thread_pool(8192, 1);
    auto sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
    logger = std::make_shared<spdlog::async_logger>("moderno", sink, spdlog::thread_pool(),
                                                    spdlog::async_overflow_policy::overrun_oldest);
    logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})",
                        spdlog::pattern_time_type::utc);
    logger->flush_on(spdlog::level::warn);
  }
  logger->set_level(ToSpd(level));
}

void InitSecurity(const std::string& path) {
  auto& logger = SecurityLogger();
  if (logger) return;
  auto sink = std::make_shared<ReopenableFileSink>(path);
  SecuritySink() = sink;
  logger = std::make_shared<spdlog::logger>("security", sink);
  logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ",%v})", spdlog::pattern_time_type::utc);
  logger->flush_on(spdlog::level::info);
}

void Security(std::string_view event, std::initializer_list<Field> fields) {
  std::string line = "\"event\":" + Quote(event);
  for (const Field& f : fields) {
    line += ",\"";
    line += f.key;
    line += "\":";
    line += f.value;
  }
  if (auto& logger = SecurityLogger()) {
    logger->info(line);
  } else if (auto& main = Logger()) {
    main->warn("\"msg\":\"security\"," + line);
  }
}

void ReopenFiles() {
  if (auto& sink = SecuritySink()) sink->Reopen();
  Info("log files reopened");
  if (auto& logger = Logger()) logger->flush();  // stdout to a file is block-buffered
}

void Shutdown() {
  if (auto& s = SecurityLogger()) s->flush();
  SecurityLogger().reset();
  SecuritySink().reset();
  if (auto& logger = Logger()) logger->flush();
  spdlog::shutdown();
  Logger().reset();
}

void SetSink(Sink sink) {
  std::lock_guard lock(sink_mu);
  sink_set = static_cast<bool>(sink);
  CurrentSink() = std::move(sink);
}

void Write(Level level, std::string_view msg, std::initializer_list<Field> fields) {
  if (sink_set) {
    const std::string line = Members(msg, fields);
    std::lock_guard lock(sink_mu);
    if (CurrentSink()) CurrentSink()(level, line);
  }
  auto& logger = Logger();
  if (!logger) {
    // Before Init (CLI commands, tests): plain stderr for warnings and errors only.
    if (level >= Level::kWarn) std::fprintf(stderr, "%.*s\n", int(msg.size()), msg.data());
    return;
  }
  const auto spd = ToSpd(level);
  if (!logger->should_log(spd)) return;
  logger->log(spd, Members(msg, fields));
}

}  // namespace moderno::log
