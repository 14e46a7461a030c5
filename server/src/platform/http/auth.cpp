#include "platform/http/auth.hpp"

namespace moderno::http {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kCustomer: return "customer";
    case Role::kManager: return "manager";
    case Role::kAdmin: return "admin";
    case Role::kSuperAdmin: return "super_admin";
  }
  return "customer";
}

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "customer") return Role::kCustomer;
  if (name == "manager") return Role::kManager;
  if (name == "admin") return Role::kAdmin;
  if (name == "super_admin") return Role::kSuperAdmin;
  return std::nullopt;
}

}  // namespace moderno::http
