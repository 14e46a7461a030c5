#include "admin/audit_log.hpp"

#include <charconv>
#include <cstdio>

#include "admin/audit_queries.hpp"
#include "platform/http/pagination.hpp"

namespace moderno::admin {
namespace {

constexpr std::size_t kMaxName = 64;

template <class T>
bool ParseNumber(std::string_view s, T& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Reads `n` digits at `at` into `out`; false unless they are all digits.
bool Digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool LeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

std::optional<std::string> ParseTimestamp(std::string_view s, bool end_of_day) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!Digits(s, 0, 4, year) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2, month) ||
      s[7] != '-' || !Digits(s, 8, 2, day)) {
    return std::nullopt;
  }
  if (s.size() == 10) {
    if (end_of_day) hour = 23, minute = 59, second = 59;
  } else {
    if (s.size() < 19 || (s[10] != ' ' && s[10] != 'T') || !Digits(s, 11, 2, hour) ||
        s[13] != ':' || !Digits(s, 14, 2, minute) || s[16] != ':' || !Digits(s, 17, 2, second)) {
      return std::nullopt;
    }
    const std::string_view rest = s.substr(19);
    if (!(rest.empty() || rest == "Z" || (s[10] == 'T' && rest == "+00:00"))) return std::nullopt;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1970 || month < 1 || month > 12 || day < 1 ||
      day > kDays[month - 1] + (month == 2 && LeapYear(year) ? 1 : 0) || hour > 23 || minute > 59 ||
      second > 59) {
    return std::nullopt;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, minute,
                second);
  return std::string(buf);
}

Result<AuditQuery> ParseAuditQuery(const std::vector<std::pair<std::string, std::string>>& params) {
  auto get = [&](std::string_view name) -> std::optional<std::string> {
    for (const auto& [k, v] : params) {
      if (k == name) return v;
    }
    return std::nullopt;
  };
  AuditQuery q;
  std::vector<FieldError> errors;
  const http::PageRequest page = http::ReadPage(params, errors);
  q.page = page.page;
  q.limit = page.limit;
  if (auto v = get("actor"); v && !v->empty()) {
    std::int64_t id = 0;
    if (!ParseNumber(std::string_view(*v), id) || id < 1) {
      errors.push_back({"actor", "invalid", "actor must be a user id"});
    } else {
      q.actor_user_id = id;
    }
  }
  struct Text {
    const char* name;
    std::optional<std::string>* out;
  };
  for (const Text& t :
       {Text{"entity", &q.entity}, Text{"entity_id", &q.entity_id}, Text{"action", &q.action}}) {
    if (auto v = get(t.name); v && !v->empty()) {
      if (v->size() > kMaxName) {
        errors.push_back({t.name, "too_long", std::string(t.name) + " must be at most 64 bytes"});
      } else {
        *t.out = *v;
      }
    }
  }
  for (const char* name : {"from", "to"}) {
    if (auto v = get(name); v && !v->empty()) {
      const bool is_to = std::string_view(name) == "to";
      auto ts = ParseTimestamp(*v, is_to);
      if (!ts) {
        errors.push_back({name, "invalid",
                          std::string(name) + " must be a date (YYYY-MM-DD) or an ISO 8601 UTC "
                                              "timestamp (YYYY-MM-DDTHH:MM:SSZ)"});
      } else {
        (is_to ? q.to : q.from) = *ts;
      }
    }
  }
  if (q.from && q.to && *q.from > *q.to) {
    errors.push_back({"from", "invalid_range", "from must not be after to"});
  }
  if (!errors.empty()) return Invalid(std::move(errors), "Invalid audit log parameters.");
  return q;
}

AuditPage ListAudit(db::UnitOfWork& uow, const AuditQuery& q) {
  std::string where(sql::kAuditWhere);
  std::vector<db::Value> params;
  if (q.actor_user_id) {
    where += sql::kByActor;
    params.emplace_back(*q.actor_user_id);
  }
  if (q.entity) {
    where += sql::kByEntity;
    params.emplace_back(*q.entity);
  }
  if (q.entity_id) {
    where += sql::kByEntityId;
    params.emplace_back(*q.entity_id);
  }
  if (q.action) {
    where += sql::kByAction;
    params.emplace_back(*q.action);
  }
  if (q.from) {
    where += sql::kFrom;
    params.emplace_back(*q.from);
  }
  if (q.to) {
    where += sql::kTo;
    params.emplace_back(*q.to);
  }
  AuditPage page;
  page.total = uow.QueryOne(std::string(sql::kAuditCount) + where, params)->Int(0);
  const std::int64_t offset = static_cast<std::int64_t>(q.page - 1) * q.limit;
  if (offset >= page.total) return page;
  params.emplace_back(std::int64_t{q.limit});
  params.emplace_back(offset);
  for (const db::Row& r :
       uow.Query(std::string(sql::kAuditColumns) + where + std::string(sql::kAuditPage), params)) {
    page.items.push_back({r.Int(0), r.OptInt(1), r.OptStr(2), r.Str(3), r.Str(4), r.OptStr(5),
                          r.OptStr(6), r.OptStr(7), r.OptStr(8), r.Str(9)});
  }
  return page;
}

}  // namespace moderno::admin
