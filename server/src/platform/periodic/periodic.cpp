#include "platform/periodic/periodic.hpp"

#include <algorithm>

#include "platform/log/log.hpp"

namespace moderno::periodic {

Runner::~Runner() { Stop(); }

void Runner::Add(std::string name, std::chrono::milliseconds interval, Task task) {
  tasks_.push_back({std::move(name), interval, std::move(task), std::chrono::steady_clock::now()});
}

void Runner::Start() {
  if (thread_.joinable() || tasks_.empty()) return;
  thread_ = std::thread([this] { Loop(); });
}

void Runner::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Runner::RunOne(Entry& e) {
  try {
    if (auto r = e.task(); !r) log::Warn("periodic task failed", {{"task", e.name}, {"error", r.error().internal}});
  } catch (const std::exception& ex) {
    log::Error("periodic task threw", {{"task", e.name}, {"error", ex.what()}});
  }
}

void Runner::Loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    const auto now = std::chrono::steady_clock::now();
    for (Entry& e : tasks_) {
      if (e.due > now) continue;
      lock.unlock();
      RunOne(e);
      lock.lock();
      e.due = std::chrono::steady_clock::now() + e.interval;
      if (stop_) return;
    }
    auto next = std::min_element(tasks_.begin(), tasks_.end(), [](const Entry& a, const Entry& b) { return a.due < b.due; });
    cv_.wait_until(lock, next->due, [this] { return stop_; });
  }
}

}  // namespace moderno::periodic
