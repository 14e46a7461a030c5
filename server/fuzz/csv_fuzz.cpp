// The product CSV import: catalog::csv::Parse on any file, and the round trip the export and
// import make together: records written with AppendRecord (after the BOM, as the export does)
// parse back to the same fields.
#include "catalog/io/csv.hpp"
#include "fuzz_input.hpp"

using namespace moderno;
namespace csv = moderno::catalog::csv;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto records = csv::Parse(fuzz::Text(data, size));
  if (!records) {
    if (records.error().code != Errc::kInvalidArgument || records.error().fields.empty()) fuzz::Violated();
    return 0;
  }
  std::string written(csv::kBom);
  for (std::size_t i = 0; i < records->size(); ++i) {
    const csv::Record& r = (*records)[i];
    if (r.row != i + 1 || r.fields.empty()) fuzz::Violated();
    csv::AppendRecord(written, r.fields);
  }
  auto again = csv::Parse(written);
  if (!again || again->size() != records->size()) fuzz::Violated();
  for (std::size_t i = 0; i < records->size(); ++i) {
    if ((*again)[i].fields != (*records)[i].fields) fuzz::Violated();
  }
  return 0;
}
