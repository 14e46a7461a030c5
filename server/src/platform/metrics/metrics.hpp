#pragma once
// Prometheus metrics: request counters and latency histograms by route pattern, DB query
// latency, gauges read when scraped, and families of labelled counters and gauges (business
// figures: a few fixed label values each, never ids or free text).
#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace moderno::metrics {

// Cumulative histogram with fixed buckets (seconds).
class Histogram {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    2.5};
  void Observe(double seconds);
  // Appends the _bucket/_sum/_count lines for a metric name and label set ("" or `a="b"`).
  void Render(std::string& out, const std::string& name, const std::string& labels) const;

 private:
  std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> counts_{};
  std::atomic<std::uint64_t> total_{0};
  std::atomic<std::uint64_t> sum_micros_{0};
};

// Label name/value pairs of one sample, in the order they are printed.
using Labels = std::vector<std::pair<std::string, std::string>>;

// The process-wide registry; passed in through Deps, never global.
class Registry {
 public:
  enum class Type { kCounter, kGauge };
  // Declares a family of labelled samples so that it is listed (with its HELP and TYPE) even
  // before a sample exists; Zero() then lists the label sets dashboards expect.
  void Describe(const std::string& name, std::string help, Type type);
  // Adds `by` to a counter sample of a described family (created at 0).
  void Add(const std::string& name, const Labels& labels, double by = 1);
  // Sets a gauge sample of a described family.
  void Set(const std::string& name, const Labels& labels, double value);
  // Lists a sample at 0 unless it exists.
  void Zero(const std::string& name, const Labels& labels) { Add(name, labels, 0); }
  // The value of a sample of a described family (0 when absent); for tests and the admin page.
  double Value(const std::string& name, const Labels& labels = {}) const;
  // Makes a counter family (no labels) of the responses of one route with one status, e.g.
  // sign-up 201s as user_registrations_total.
  void CountResponses(const std::string& name, std::string help, std::string method, std::string route,
                      int status);
  // Counts one finished HTTP request and its duration.
  void ObserveRequest(const std::string& method, const std::string& route, int status,
                      double seconds);
  // Times one database unit of work.
  void ObserveDbQuery(double seconds) { db_query_.Observe(seconds); }
  // Adds a gauge computed when /metrics is read.
  void AddGauge(std::string name, std::string help, std::function<double()> read);
  // Adds a counter that can be incremented by name.
  void Increment(const std::string& name, double by = 1);
  // The Prometheus text exposition.
  std::string Render() const;

 private:
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, std::unique_ptr<Histogram>> durations_;
  std::map<std::string, double> counters_;
  Histogram db_query_;
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };
  std::vector<Gauge> gauges_;
  struct Family {
    std::string help;
    Type type = Type::kCounter;
    std::map<std::string, double> samples;  // by rendered label set ("" or `a="b",c="d"`)
  };
  std::map<std::string, Family> families_;
  struct RouteCounter {
    std::string name, method, route;
    int status = 0;
  };
  std::vector<RouteCounter> route_counters_;
};

// Resident set size of this process in bytes (from /proc/self/statm).
double ProcessRssBytes();

// The disk holding a directory and the host's memory, in bytes; -1 where unreadable.
struct HostFigures {
  double dir_free = -1, dir_size = -1;
  double memory_available = -1, memory_total = -1;
};
HostFigures ReadHost(const std::string& dir);

}  // namespace moderno::metrics
