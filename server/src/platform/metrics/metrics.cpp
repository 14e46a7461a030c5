#include "platform/metrics/metrics.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>

namespace moderno::metrics {

void Histogram::Observe(double seconds) {
  std::size_t i = 0;
  while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  total_.fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<std::uint64_t>(std::llround(seconds * 1e6)),
                        std::memory_order_relaxed);
}

void Histogram::Render(std::string& out, const std::string& name, const std::string& labels) const {
  const std::string sep = labels.empty() ? "" : ",";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += counts_[i].load(std::memory_order_relaxed);
    char le[32];
    std::snprintf(le, sizeof le, "%g", kBuckets[i]);
    out += name + "_bucket{" + labels + sep + "le=\"" + le + "\"} " + std::to_string(cumulative) + "\n";
  }
  const std::uint64_t total = total_.load(std::memory_order_relaxed);
  out += name + "_bucket{" + labels + sep + "le=\"+Inf\"} " + std::to_string(total) + "\n";
  char sum[64];
  std::snprintf(sum, sizeof sum, "%.6f", sum_micros_.load(std::memory_order_relaxed) / 1e6);
  const std::string braces = labels.empty() ? "" : "{" + labels + "}";
  out += name + "_sum" + braces + " " + sum + "\n";
  out += name + "_count" + braces + " " + std::to_string(total) + "\n";
}

void Registry::ObserveRequest(const std::string& method, const std::string& route, int status,
                              double seconds) {
  Histogram* h;
  {
    std::lock_guard lock(mu_);
    ++requests_[{method, route, status}];
    for (const RouteCounter& c : route_counters_) {
      if (c.status == status && c.route == route && c.method == method) families_[c.name].samples[""] += 1;
    }
    auto& slot = durations_[route];
    if (!slot) slot = std::make_unique<Histogram>();
    h = slot.get();
  }
  h->Observe(seconds);
}

void Registry::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mu_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

void Registry::Increment(const std::string& name, double by) {
  std::lock_guard lock(mu_);
  counters_[name] += by;
}

namespace {
std::string Escape(const std::string& v);

std::string LabelText(const Labels& labels) {
  std::string out;
  for (const auto& [k, v] : labels) {
    if (!out.empty()) out += ',';
    out += k + "=\"" + Escape(v) + "\"";
  }
  return out;
}
}  // namespace

void Registry::Describe(const std::string& name, std::string help, Type type) {
  std::lock_guard lock(mu_);
  Family& f = families_[name];
  f.help = std::move(help);
  f.type = type;
}

void Registry::Add(const std::string& name, const Labels& labels, double by) {
  const std::string key = LabelText(labels);
  std::lock_guard lock(mu_);
  families_[name].samples[key] += by;
}

void Registry::Set(const std::string& name, const Labels& labels, double value) {
  const std::string key = LabelText(labels);
  std::lock_guard lock(mu_);
  Family& f = families_[name];
  f.type = Type::kGauge;
  f.samples[key] = value;
}

double Registry::Value(const std::string& name, const Labels& labels) const {
  const std::string key = LabelText(labels);
  std::lock_guard lock(mu_);
  auto f = families_.find(name);
  if (f == families_.end()) return 0;
  auto s = f->second.samples.find(key);
  return s == f->second.samples.end() ? 0 : s->second;
}

void Registry::CountResponses(const std::string& name, std::string help, std::string method, std::string route,
                              int status) {
  std::lock_guard lock(mu_);
  Family& f = families_[name];
  f.help = std::move(help);
  f.type = Type::kCounter;
  f.samples.try_emplace("", 0);
  route_counters_.push_back({name, std::move(method), std::move(route), status});
}

namespace {
std::string Escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}
}  // namespace

std::string Registry::Render() const {
  std::string out;
  std::lock_guard lock(mu_);
  out += "# HELP http_requests_total HTTP requests by method, route pattern and status.\n";
  out += "# TYPE http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out += "http_requests_total{method=\"" + Escape(method) + "\",route=\"" + Escape(route) +
           "\",status=\"" + std::to_string(status) + "\"} " + std::to_string(n) + "\n";
  }
  out += "# HELP http_request_duration_seconds HTTP request latency by route pattern.\n";
  out += "# TYPE http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : durations_) {
    h->Render(out, "http_request_duration_seconds", "route=\"" + Escape(route) + "\"");
  }
  out += "# HELP db_query_duration_seconds Duration of database units of work.\n";
  out += "# TYPE db_query_duration_seconds histogram\n";
  db_query_.Render(out, "db_query_duration_seconds", "");
  for (const auto& [name, v] : counters_) {
    out += "# TYPE " + name + " counter\n" + name + " " + Number(v) + "\n";
  }
  for (const auto& [name, f] : families_) {
    if (!f.help.empty()) out += "# HELP " + name + " " + f.help + "\n";
    out += "# TYPE " + name + (f.type == Type::kCounter ? " counter\n" : " gauge\n");
    for (const auto& [labels, v] : f.samples) {
      out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + Number(v) + "\n";
    }
  }
  for (const Gauge& g : gauges_) {
    out += "# HELP " + g.name + " " + g.help + "\n# TYPE " + g.name + " gauge\n";
    out += g.name + " " + Number(g.read()) + "\n";
  }
  return out;
}

double ProcessRssBytes() {
  std::ifstream statm("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return static_cast<double>(pages_resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

HostFigures ReadHost(const std::string& dir) {
  HostFigures h;
  struct statvfs fs{};
  if (statvfs(dir.c_str(), &fs) == 0) {
    h.dir_free = static_cast<double>(fs.f_bavail) * static_cast<double>(fs.f_frsize);
    h.dir_size = static_cast<double>(fs.f_blocks) * static_cast<double>(fs.f_frsize);
  }
  // Lines are "Name:   value kB" (some have no unit): read each line on its own.
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  while (std::getline(meminfo, line)) {
    double kib = 0;
    if (line.starts_with("MemTotal:") && std::sscanf(line.c_str() + 9, "%lf", &kib) == 1) h.memory_total = kib * 1024;
    if (line.starts_with("MemAvailable:") && std::sscanf(line.c_str() + 13, "%lf", &kib) == 1) {
      h.memory_available = kib * 1024;
    }
  }
  return h;
}

}  // namespace moderno::metrics
