#include "platform/audit/audit.hpp"

#include <string_view>

namespace moderno::audit {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO audit_log (actor_user_id, actor_role, action, entity, entity_id, details, ip, "
    "request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

// Column sizes of the MySQL schema; STRICT mode would refuse longer values, and an audit
// record must never be the reason a change fails.
constexpr std::size_t kRoleMax = 20;
constexpr std::size_t kNameMax = 64;
constexpr std::size_t kRequestIdMax = 128;

// Cuts at most `max` bytes without splitting a UTF-8 character.
std::string Cut(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  s.resize(end);
  return s;
}

db::Value OrNull(const std::string& s, std::size_t max) {
  if (s.empty()) return db::kNull;
  return Cut(s, max);
}

}  // namespace

void RecordAudit(db::UnitOfWork& uow, const AuditEntry& e) {
  uow.Exec(kInsert,
           {db::Opt(e.actor_user_id), OrNull(e.actor_role, kRoleMax), Cut(e.action, kNameMax),
            Cut(e.entity, kNameMax), OrNull(e.entity_id, kNameMax),
            e.details_json.empty() ? db::Value(db::kNull) : db::Value(e.details_json),
            OrNull(e.ip, kNameMax), OrNull(e.request_id, kRequestIdMax)});
}

void RecordChange(db::UnitOfWork& uow, AuditEntry who, std::string_view action, std::string_view entity,
                  std::int64_t entity_id, std::string details_json) {
  who.action = action;
  who.entity = entity;
  who.entity_id = std::to_string(entity_id);
  who.details_json = std::move(details_json);
  RecordAudit(uow, who);
}

AuditEntry EntryFrom(const http::Request& req) {
  AuditEntry e;
  if (req.principal) {
    e.actor_user_id = req.principal->user_id;
    e.actor_role = std::string(http::RoleName(req.principal->role));
  }
  e.ip = req.client_ip.empty() ? req.remote_ip : req.client_ip;
  e.request_id = req.request_id;
  return e;
}

}  // namespace moderno::audit
