#include "analytics/csv.hpp"

namespace moderno::analytics {

std::string CsvField(std::string_view value) {
  std::string v(value);
  // Spreadsheet formula injection: a cell starting with these runs as a formula when opened.
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '@' || (v[0] == '-' && v.size() > 1 &&
                                                                     !(v[1] >= '0' && v[1] <= '9')))) {
    v.insert(v.begin(), '\'');
  }
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void AppendCsvRow(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += CsvField(fields[i]);
  }
  out += "\r\n";
}

}  // namespace moderno::analytics
