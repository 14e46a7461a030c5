#pragma once
// Structured JSON logs, one object per line on stdout: {"ts","level","msg",...fields}.
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace moderno::log {

enum class Level { kDebug, kInfo, kWarn, kError, kOff };

// Parses "debug|info|warn|error|off"; false when unknown.
bool ParseLevel(std::string_view text, Level& out);

// Sets up the asynchronous logger; call once at startup.
void Init(Level level);

// Flushes and stops the logger (at shutdown).
void Shutdown();

// A key and an already-typed value for a log line.
struct Field {
  std::string_view key;
  std::string value;  // serialised JSON value
  Field(std::string_view k, std::string_view v);
  Field(std::string_view k, const char* v) : Field(k, std::string_view(v)) {}
  Field(std::string_view k, const std::string& v) : Field(k, std::string_view(v)) {}
  Field(std::string_view k, long long v) : key(k), value(std::to_string(v)) {}
  Field(std::string_view k, int v) : key(k), value(std::to_string(v)) {}
  Field(std::string_view k, unsigned long v) : key(k), value(std::to_string(v)) {}
  Field(std::string_view k, long v) : key(k), value(std::to_string(v)) {}
  Field(std::string_view k, double v);
};

// Writes one line at a level with a message and fields.
void Write(Level level, std::string_view msg, std::initializer_list<Field> fields = {});

// Receives every line Write is given, at any level and whether or not Init was called, as the
// members of its JSON object ("msg":...,"key":value...). Tests capture logs with it.
using Sink = std::function<void(Level level, std::string_view members)>;
// Installs `sink` (replacing any); an empty one removes it.
void SetSink(Sink sink);

// Opens the security log, a separate JSON-lines file (logins, lockouts, token reuse, denied
// staff access, role changes). Never given passwords, tokens or secrets.
void InitSecurity(const std::string& path);

// Reopens the log files at their paths (SIGHUP, after logrotate moved them); stdout is the
// service manager's to rotate.
void ReopenFiles();

// Writes one security event (to the security log when open, else to the main log).
void Security(std::string_view event, std::initializer_list<Field> fields = {});

inline void Info(std::string_view msg, std::initializer_list<Field> f = {}) { Write(Level::kInfo, msg, f); }
inline void Warn(std::string_view msg, std::initializer_list<Field> f = {}) { Write(Level::kWarn, msg, f); }
inline void Error(std::string_view msg, std::initializer_list<Field> f = {}) { Write(Level::kError, msg, f); }
inline void Debug(std::string_view msg, std::initializer_list<Field> f = {}) { Write(Level::kDebug, msg, f); }

}  // namespace moderno::log
