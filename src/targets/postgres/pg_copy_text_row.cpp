#include "targets/postgres/pg_copy_text_row.hpp"

#include "targets/postgres/pg_copy_internal.hpp"

namespace cutover::pg {

namespace {

void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

}  // namespace

std::string copy_text_value(const RowBatch& batch, size_t row, size_t col) {
  const Cell& cell = batch.at(row, col);
  if (cell.kind == ValueKind::null) return {};
  std::string value;
  if (cell.kind == ValueKind::bytes) {
    static constexpr char k_hex[] = "0123456789abcdef";
    value = "\\x";
    for (unsigned char b : batch.payload(cell)) {
      value += k_hex[b >> 4];
      value += k_hex[b & 15];
    }
  } else {
    (void)detail::append_text_form(batch, cell, value);
  }
  return value;
}

std::string copy_text_line(const RowBatch& batch, size_t row) {
  std::string line;
  for (size_t col = 0; col < batch.columns(); ++col) {
    if (col) line += '\t';
    if (batch.at(row, col).kind == ValueKind::null)
      line += "\\N";
    else
      append_escaped(line, copy_text_value(batch, row, col));
  }
  return line;
}

}  // namespace cutover::pg
