#pragma once
// Background tasks run every so often on one thread of their own (never an I/O thread): the
// refresh of business gauges, housekeeping. A task that fails is logged and tried again at its
// next tick; Stop() waits for the one running.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "platform/error.hpp"

namespace moderno::periodic {

class Runner {
 public:
  using Task = std::function<Result<void>()>;
  Runner() = default;
  ~Runner();  // stops and joins
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  // Adds a task run first at Start() and then every `interval`; before Start.
  void Add(std::string name, std::chrono::milliseconds interval, Task task);
  // Starts the thread (once).
  void Start();
  void Stop();

 private:
  struct Entry {
    std::string name;
    std::chrono::milliseconds interval;
    Task task;
    std::chrono::steady_clock::time_point due;
  };
  void Loop();
  static void RunOne(Entry& e);
  std::vector<Entry> tasks_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace moderno::periodic
