#include "tsql_text.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace tdstest {

namespace {

// Bytes of the UTF-8 sequence starting with `lead`.
std::size_t sequence_bytes(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::string type_base(const ColumnType& t) {
  std::string n = t.sql_name.substr(0, t.sql_name.find_first_of("( "));
  std::ranges::transform(n, n.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return n;
}

bool is_string_type(const ColumnType& t) { return t.has_collation(); }

std::size_t text_length(std::string_view text, bool unicode) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); i += sequence_bytes(static_cast<unsigned char>(text[i])))
    n += unicode && static_cast<unsigned char>(text[i]) >= 0xF0 ? 2 : 1;
  return n;
}

std::size_t string_length(const ColumnType& t) {
  if (t.length == k_max_length || t.is_text_family()) return 8000;
  return t.is_unicode() ? t.length / 2 : t.length;
}

ColumnType string_type(bool unicode, std::size_t length) {
  const char* name = unicode ? "nvarchar" : "varchar";
  if (length == k_max_length) return parse_type(fmt::format("{}(max)", name));
  std::size_t cap = unicode ? 4000 : 8000;
  return parse_type(fmt::format("{}({})", name, std::clamp<std::size_t>(length, 1, cap)));
}

std::string left_chars(std::string_view text, std::size_t n, bool unicode) {
  std::size_t i = 0, units = 0;
  while (i < text.size()) {
    std::size_t bytes = sequence_bytes(static_cast<unsigned char>(text[i]));
    std::size_t u = unicode && bytes == 4 ? 2 : 1;
    if (units + u > n) break;
    units += u;
    i += bytes;
  }
  return std::string(text.substr(0, i));
}

std::string truncated(std::string text, const ColumnType& t) {
  if (t.length == k_max_length || !is_string_type(t)) return text;
  return left_chars(text, string_length(t), t.is_unicode());
}

}  // namespace tdstest
