#pragma once
// Idempotency keys for any state-changing route: a request repeated with the same
// Idempotency-Key header gets the first answer again instead of acting twice. Keys live 24 hours
// in the idempotency_keys table, by scope ("user:<id>:<operation>").
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "platform/http/message.hpp"
#include "platform/time/time.hpp"

namespace moderno::http {

// The Idempotency-Key header: empty when absent, 422 when malformed.
Result<std::string> IdempotencyKey(const Request& req);

// A stored answer, sent again verbatim on a replay.
struct StoredResponse {
  int status = 0;
  std::string body;
};

class IdempotencyStore {
 public:
  IdempotencyStore(db::Database& db, time::SystemClock clock) : db_(db), clock_(std::move(clock)) {}

  // Before a keyed call, in its own transaction: the stored answer to send again, or none (the
  // key is now claimed). 422 when the key came with another request, 409 while the first is
  // still running.
  Result<std::optional<StoredResponse>> Claim(const std::string& scope, const std::string& key,
                                              const std::string& request_hash);

  // What an earlier request with the key left (ClaimIn).
  struct Seen {
    std::optional<StoredResponse> response;   // its answer, when stored
    std::optional<std::int64_t> resource_id;  // what it created, when its answer was not stored
  };
  // The claim inside the caller's unit of work, so it commits or rolls back with the change: none
  // when the key is new (now claimed), else what the earlier request left. 422 when the key came
  // with another request. The same key in flight on another connection retries the unit of work.
  Result<std::optional<Seen>> ClaimIn(db::UnitOfWork& uow, const std::string& scope, const std::string& key,
                                      const std::string& request_hash);
  // Records what the keyed request created (in its unit of work).
  void SetResource(db::UnitOfWork& uow, const std::string& scope, const std::string& key, std::int64_t resource_id);
  // Stores the answer of a keyed request for replays.
  void Remember(const std::string& scope, const std::string& key, int status, const std::string& body);
  // A keyed call failed: the key may be used again.
  void Forget(const std::string& scope, const std::string& key);
  // Deletes keys older than 24 hours.
  void Purge();

 private:
  db::Database& db_;
  time::SystemClock clock_;
};

// Runs a state-changing call once per Idempotency-Key (when the request has one), with the scope
// "user:<id>:<operation>": a repeat gets the first success again; a failure frees the key.
Response Idempotent(Request& req, IdempotencyStore& store, const std::string& operation,
                    const std::function<Response()>& call);

// 409 request_in_progress (Retry-After: 1): the first request with the key has not finished.
std::unexpected<Error> InProgress();

// A replayed answer: the stored status and body, marked Idempotent-Replayed.
Response Replayed(const StoredResponse& stored);

}  // namespace moderno::http
