#pragma once
// What the order workflows work with, wired once by the app. Workflows are the only code that
// spans cart, inventory, promotions, payments and orders.
#include <functional>
#include <string>

#include "cart/service.hpp"
#include "orders/events.hpp"
#include "orders/repository.hpp"
#include "payments/providers.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/db/db.hpp"
#include "platform/http/idempotency.hpp"
#include "platform/time/time.hpp"
#include "pricing/model.hpp"

namespace moderno::workflows {

struct Deps {
  db::Database& db;
  const crypto::Cipher& cipher;
  cart::Service& carts;
  payments::Providers& providers;
  orders::EventSinks& sinks;
  http::IdempotencyStore& idempotency;
  pricing::Settings pricing;
  int reservation_ttl_minutes = 15;
  time::SystemClock clock;
  // Runs after a commit that moved stock (the catalog's cached stock answers).
  std::function<void()> stock_changed;
  // The shop's public address (return URLs of payment providers), e.g. https://tienda.cl.
  std::function<std::string()> public_url;
};

}  // namespace moderno::workflows
