#pragma once
// RFC 4180 CSV: quoting for writing, and a reader that numbers records as a spreadsheet shows
// them (the header is row 1; a quoted field may span lines).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"

namespace moderno::catalog::csv {

// The UTF-8 byte order mark that spreadsheets need to read the export as UTF-8.
inline constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Appends one record (fields separated by ',', ended by CRLF) to `out`. A field is quoted when
// it holds a comma, quote, CR or LF, or starts with a space; quotes inside are doubled.
void AppendRecord(std::string& out, const std::vector<std::string>& fields);

// One record of a parsed file.
struct Record {
  std::size_t row = 0;  // 1-based record number (the header is 1; empty lines not counted)
  std::vector<std::string> fields;
};

// Parses a whole file (a leading BOM is skipped; CRLF or LF line ends; empty lines skipped).
// kInvalidArgument naming the line when a quoted field is not closed or text follows a closing
// quote.
Result<std::vector<Record>> Parse(std::string_view text);

}  // namespace moderno::catalog::csv
