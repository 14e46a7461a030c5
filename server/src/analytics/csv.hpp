#pragma once
// CSV for spreadsheet apps (RFC 4180): UTF-8 with a byte order mark, CRLF line ends, fields
// quoted when they hold a comma, quote, CR or LF (quotes doubled), and text that a spreadsheet
// would read as a formula (=, +, -, @ first) prefixed with an apostrophe.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace moderno::analytics {

// The UTF-8 byte order mark that starts every file.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// One field as written in a row.
std::string CsvField(std::string_view value);

// Appends one row (fields separated by commas, ended by CRLF) to `out`.
void AppendCsvRow(std::string& out, const std::vector<std::string>& fields);

}  // namespace moderno::analytics
