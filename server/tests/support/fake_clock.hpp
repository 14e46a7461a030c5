#pragma once
// A clock tests move forward by hand (lockouts, expiries, rate limits) instead of sleeping.
#include <atomic>
#include <chrono>
#include <memory>

#include "app/app.hpp"

namespace moderno::testing {

class FakeClock {
 public:
  // Both app clocks: real time plus the offset.
  app::Clocks clocks() const {
    auto offset = offset_;
    return {[offset] { return std::chrono::steady_clock::now() + std::chrono::seconds(offset->load()); },
            [offset] { return std::chrono::system_clock::now() + std::chrono::seconds(offset->load()); }};
  }
  void Advance(std::chrono::seconds s) { *offset_ += s.count(); }

 private:
  std::shared_ptr<std::atomic<long long>> offset_ = std::make_shared<std::atomic<long long>>(0);
};

}  // namespace moderno::testing
