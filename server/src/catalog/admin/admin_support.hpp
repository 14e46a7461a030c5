#pragma once
// Helpers shared by the catalog's staff operations: slugs, SKUs, search text, the staff view
// of a product, and the mapping of unique-index violations to field errors.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "catalog/admin/admin_model.hpp"
#include "catalog/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"

namespace moderno::catalog {

// "Zapatillas Ñandú 42" -> "zapatillas-nandu-42": folded (text::Fold), every run of other
// characters one '-', none at either end; at most 200 bytes, so numbered forms still fit.
std::string SlugFrom(std::string_view text);
// SlugFrom(name), made addressable: `fallback` when it is empty, and `fallback` + "-" + it
// when it has no letter (an all-digit slug would be read as an id).
std::string SlugBase(std::string_view name, std::string_view fallback);
// True for lower-case letters and digits in '-'-separated runs, 1 to 255 bytes, with at least
// one letter (public routes take an id or a slug in the same place).
bool IsSlug(std::string_view s);
// True for letters, digits, '.', '_' and '-', starting with a letter or digit (SKUs appear in
// URLs).
bool IsSku(std::string_view s);
// `base`, or the first of base-2, base-3, ... that `slugs_like` (a "slug = ? OR slug LIKE ?"
// query) does not find.
std::string FreeSlug(db::UnitOfWork& uow, std::string_view slugs_like, const std::string& base);
// The folded text that product search matches: name, SKU, brand and descriptions.
std::string SearchText(std::string_view name, std::string_view sku, std::string_view brand,
                       std::string_view short_description, std::string_view description);
// A product, active or not, with images, active variants and breadcrumbs; a deleted one only
// when `include_deleted`.
std::optional<StaffProduct> LoadStaffProduct(db::UnitOfWork& uow, std::int64_t id,
                                             bool include_deleted = false);
// A unique-index violation that the checks before the write did not catch (a concurrent
// write) as a 422 "taken" on the field the index covers; other errors unchanged.
Error TakenFromBackstop(Error e, std::string_view fallback_field);
// Writes the audit record of a change (see audit::RecordAudit); `details_json` may be empty.
void Audit(db::UnitOfWork& uow, audit::AuditEntry who, std::string_view action,
           std::string_view entity, std::int64_t entity_id, std::string details_json);
// Drops the public catalog cache once the unit of work commits.
void InvalidateAfterCommit(db::UnitOfWork& uow, Service& catalog);

}  // namespace moderno::catalog
