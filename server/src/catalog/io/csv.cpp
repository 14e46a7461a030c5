#include "catalog/io/csv.hpp"

namespace moderno::catalog::csv {

void AppendRecord(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    const std::string& f = fields[i];
    const bool quote = f.find_first_of(",\"\r\n") != std::string::npos || (!f.empty() && f[0] == ' ');
    if (!quote) {
      out += f;
      continue;
    }
    out += '"';
    for (char c : f) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
}

Result<std::vector<Record>> Parse(std::string_view text) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  std::vector<Record> out;
  Record rec;
  std::string field;
  std::size_t line = 1;       // the current line
  bool field_start = true;    // at the start of a field
  bool any = false;           // the current record has content
  auto end_record = [&] {
    rec.fields.push_back(std::move(field));
    field.clear();
    // A line with nothing on it is skipped.
    if (!(rec.fields.size() == 1 && rec.fields[0].empty())) {
      rec.row = out.size() + 1;
      out.push_back(std::move(rec));
    }
    rec = Record{};
    any = false;
    field_start = true;
  };
  auto bad = [](std::string code, std::size_t at, std::string message) {
    return Invalid({{"row " + std::to_string(at), std::move(code), std::move(message)}},
                   "The file is not valid CSV.");
  };
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const char c = text[i];
    if (field_start && c == '"') {
      // A quoted field: up to the closing quote, "" for a quote; line breaks are data.
      const std::size_t start_line = line;
      ++i;
      bool closed = false;
      while (i < n) {
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        if (text[i] == '\n') ++line;
        field += text[i++];
      }
      if (!closed) {
        return bad("unclosed_quote", start_line,
                   "a quoted field starting on line " + std::to_string(start_line) + " is not closed");
      }
      if (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
        return bad("text_after_quote", line, "text follows a closing quote on line " + std::to_string(line));
      }
      field_start = false;
      any = true;
      continue;
    }
    if (c == ',') {
      rec.fields.push_back(std::move(field));
      field.clear();
      field_start = true;
      any = true;
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
      ++i;
      end_record();
      ++line;
      continue;
    }
    field += c;
    field_start = false;
    any = true;
    ++i;
  }
  if (any) end_record();
  return out;
}

}  // namespace moderno::catalog::csv
