#pragma once
// Prometheus metrics: request counters and latency histograms by route pattern, DB query
// latency, and gauges read when scraped.
#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
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

// The process-wide registry; passed in through Deps, never global.
class Registry {
 public:
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
};

// Resident set size of this process in bytes (from /proc/self/statm).
double ProcessRssBytes();

}  // namespace moderno::metrics
