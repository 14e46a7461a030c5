#include "accounts/http/handlers.hpp"

namespace moderno::accounts {

std::optional<SecondFactor> ReadSecondFactor(http::Fields& f) {
  SecondFactor factor;
  factor.code = f.OptString("code", 16).value_or("");
  factor.recovery_code = f.OptString("recovery_code", 32).value_or("");
  if (factor.code.empty() == factor.recovery_code.empty()) {
    f.Add("code", "required", "give either code (6 digits from the app) or recovery_code");
    return std::nullopt;
  }
  return factor;
}

}  // namespace moderno::accounts
