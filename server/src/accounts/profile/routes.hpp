#pragma once
// Registration of the signed-in customer's routes: GET/PUT/DELETE /me, GET /me/export and
// /me/addresses[/{id}], all under /api/v1, for any signed-in user, in the "general" rate class.
#include "platform/crypto/cipher.hpp"
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"

namespace moderno::accounts::profile {

// What the profile routes need; the references must outlive the router.
struct ProfileDeps {
  db::Database& db;
  const crypto::Cipher& cipher;  // the PII key (ENCRYPTION_KEY)
};

// Adds the nine profile routes to `router`.
void RegisterProfileRoutes(http::Router& router, const ProfileDeps& deps);

}  // namespace moderno::accounts::profile
