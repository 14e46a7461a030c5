#include "workflows/sweeper.hpp"

#include "platform/log/log.hpp"

namespace moderno::workflows {

bool Sweeper::RunOnce() {
  bool ok = true;
  // Attempts whose outcome never came back are asked about first, so that a payment made just
  // before its reservation ended counts.
  if (auto decided = orders_.ReconcilePayments(); !decided) {
    log::Warn("payment reconciliation failed", {{"error", decided.error().internal}});
    ok = false;
  } else if (*decided > 0) {
    log::Info("payments reconciled", {{"attempts", static_cast<long long>(*decided)}});
  }
  auto released = orders_.SweepExpired();
  if (!released) {
    log::Warn("reservation sweep failed", {{"error", released.error().internal}});
    ok = false;
  } else if (*released > 0) {
    log::Info("expired reservations released", {{"orders", static_cast<long long>(*released)}});
  }
  return ok;
}

}  // namespace moderno::workflows
