#include "platform/http/idempotency.hpp"

#include <algorithm>
#include <chrono>

#include "platform/crypto/cipher.hpp"
#include "platform/db/retry.hpp"
#include "platform/http/problem.hpp"
#include "platform/log/log.hpp"

namespace moderno::http {
namespace {

constexpr auto kKeyLifetime = std::chrono::hours(24);

constexpr std::string_view kFindKey =
    "SELECT request_hash, status_code, response_body, resource_id, created_at FROM idempotency_keys "
    "WHERE scope = ? AND idem_key = ?";
constexpr std::string_view kDeleteKey = "DELETE FROM idempotency_keys WHERE scope = ? AND idem_key = ?";
constexpr std::string_view kInsertKey =
    "INSERT INTO idempotency_keys (scope, idem_key, request_hash, created_at) VALUES (?, ?, ?, ?)";
constexpr std::string_view kSetResource = "UPDATE idempotency_keys SET resource_id = ? WHERE scope = ? AND idem_key = ?";
constexpr std::string_view kRemember =
    "UPDATE idempotency_keys SET status_code = ?, response_body = ? WHERE scope = ? AND idem_key = ? "
    "AND status_code IS NULL";
constexpr std::string_view kForget = "DELETE FROM idempotency_keys WHERE scope = ? AND idem_key = ? AND status_code IS NULL";
constexpr std::string_view kPurge = "DELETE FROM idempotency_keys WHERE created_at < ?";

std::unexpected<Error> Reused() {
  return Invalid({{"Idempotency-Key", "reused", "this Idempotency-Key was used with a different request"}});
}

}  // namespace

std::unexpected<Error> InProgress() {
  Error e;
  e.code = Errc::kConflict;
  e.type = "request_in_progress";
  e.detail = "A request with this Idempotency-Key is still being processed; retry shortly.";
  e.retry_after_seconds = 1;
  return std::unexpected(std::move(e));
}

Result<std::string> IdempotencyKey(const Request& req) {
  auto h = req.Header("idempotency-key");
  if (!h) return std::string();
  std::string key(*h);
  if (key.empty() || key.size() > 255 || !std::all_of(key.begin(), key.end(), [](char c) { return c > 32 && c < 127; })) {
    return Invalid({{"Idempotency-Key", "invalid", "1-255 visible ASCII characters (a UUID is a good choice)"}});
  }
  return key;
}

Result<std::optional<IdempotencyStore::Seen>> IdempotencyStore::ClaimIn(db::UnitOfWork& uow, const std::string& scope,
                                                                       const std::string& key,
                                                                       const std::string& request_hash) {
  const auto now = clock_();
  if (auto k = uow.QueryOne(kFindKey, {scope, key})) {
    if (k->Str(4) >= time::ToSql(now - kKeyLifetime)) {
      if (k->Str(0) != request_hash) return Reused();
      Seen seen;
      if (!k->IsNull(1)) seen.response = StoredResponse{static_cast<int>(k->Int(1)), k->Str(2)};
      seen.resource_id = k->OptInt(3);
      return seen;
    }
    uow.Exec(kDeleteKey, {scope, key});  // expired: the key starts over
  }
  // The same key in flight on another connection: the retry sees its result.
  db::RetryOnDuplicate([&] { uow.Exec(kInsertKey, {scope, key, request_hash, time::ToSql(now)}); });
  return std::optional<Seen>();
}

Result<std::optional<StoredResponse>> IdempotencyStore::Claim(const std::string& scope, const std::string& key,
                                                              const std::string& request_hash) {
  using Out = std::optional<StoredResponse>;
  return db_.Write([&](db::UnitOfWork& uow) -> Result<Out> {
    auto seen = ClaimIn(uow, scope, key, request_hash);
    if (!seen) return std::unexpected(seen.error());
    if (!*seen) return Out();
    if (!(*seen)->response) return InProgress();
    return (*seen)->response;
  });
}

void IdempotencyStore::SetResource(db::UnitOfWork& uow, const std::string& scope, const std::string& key,
                                   std::int64_t resource_id) {
  uow.Exec(kSetResource, {resource_id, scope, key});
}

void IdempotencyStore::Remember(const std::string& scope, const std::string& key, int status, const std::string& body) {
  if (key.empty()) return;
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    uow.Exec(kRemember, {std::int64_t{status}, body, scope, key});
    return {};
  });
  if (!r) log::Warn("idempotency: response not stored", {{"error", r.error().internal}});
}

void IdempotencyStore::Forget(const std::string& scope, const std::string& key) {
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    uow.Exec(kForget, {scope, key});
    return {};
  });
  if (!r) log::Warn("idempotency: claim not released", {{"error", r.error().internal}});
}

void IdempotencyStore::Purge() {
  auto r = db_.Write([&](db::UnitOfWork& uow) -> Result<void> {
    uow.Exec(kPurge, {time::ToSql(clock_() - kKeyLifetime)});
    return {};
  });
  if (!r) log::Warn("idempotency: purge failed", {{"error", r.error().internal}});
}

Response Replayed(const StoredResponse& stored) {
  Response r = JsonResponse(stored.status, stored.body);
  r.Set("Cache-Control", "no-store");
  r.Set("Idempotent-Replayed", "true");
  return r;
}

Response Idempotent(Request& req, IdempotencyStore& store, const std::string& operation,
                    const std::function<Response()>& call) {
  auto key = IdempotencyKey(req);
  if (!key) return Problem(key.error(), req);
  if (key->empty()) return call();
  // The operation, its target and body identify the request.
  const std::string scope = "user:" + std::to_string(req.principal ? req.principal->user_id : 0) + ":" + operation;
  const std::string hash = crypto::Sha256Hex(req.path + "\n" + req.body);
  auto claimed = store.Claim(scope, *key, hash);
  if (!claimed) return Problem(claimed.error(), req);
  if (*claimed) return Replayed(**claimed);
  Response r = call();
  if (r.status >= 200 && r.status < 300) {
    store.Remember(scope, *key, r.status, r.body);
  } else {
    store.Forget(scope, *key);
  }
  return r;
}

}  // namespace moderno::http
