#include "targets/postgres/pg_identifiers.hpp"

#include <algorithm>
#include <iterator>
#include <cstdint>

#include <fmt/format.h>

namespace cutover::pg {
namespace {

// Every key word PostgreSQL's own quote_ident() quotes: categories R
// (reserved), T (reserved, can be function or type) and C (non-reserved,
// cannot be function or type) of pg_get_keywords() on PostgreSQL 15, plus the
// words later releases added to those categories (system_user, the SQL/JSON
// constructors, merge_action), so DDL written today keeps working after an
// upgrade. Sorted for binary search.
constexpr std::string_view k_keywords[] = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
    "authorization", "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast",
    "char", "character", "check", "coalesce", "collate", "collation", "column", "concurrently",
    "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
    "current_schema", "current_time", "current_timestamp", "current_user", "dec", "decimal",
    "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists",
    "extract", "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant",
    "greatest", "group", "grouping", "having", "ilike", "in", "initially", "inner", "inout",
    "int", "integer", "intersect", "interval", "into", "is", "isnull", "join", "json",
    "json_array", "json_arrayagg", "json_exists", "json_object", "json_objectagg", "json_query",
    "json_scalar", "json_serialize", "json_table", "json_value", "lateral", "leading", "least",
    "left", "like", "limit", "localtime", "localtimestamp", "merge_action", "national",
    "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric",
    "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing",
    "position", "precision", "primary", "real", "references", "returning", "right", "row",
    "select", "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric",
    "system_user", "table", "tablesample", "then", "time", "timestamp", "to", "trailing",
    "treat", "trim", "true", "union", "unique", "user", "using", "values", "varchar", "variadic",
    "verbose", "when", "where", "window", "with", "xmlattributes", "xmlconcat", "xmlelement",
    "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize",
    "xmltable",
};

constexpr size_t k_hash_suffix_bytes = 9;  // "_" + 8 hex digits

uint32_t fnv1a_32(std::string_view s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

// The longest prefix of `s` of at most `max_bytes` that ends on a UTF-8
// character boundary.
std::string_view utf8_prefix(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

std::string quote_with(std::string_view value, char quote) {
  std::string out;
  out.reserve(value.size() + 2);
  out += quote;
  for (char c : value) {
    if (c == quote) out += quote;
    out += c;
  }
  out += quote;
  return out;
}

}  // namespace

bool is_reserved_word(std::string_view lower_word) {
  return std::binary_search(std::begin(k_keywords), std::end(k_keywords), lower_word);
}

bool needs_quoting(std::string_view name) {
  if (name.empty()) return true;
  char first = name[0];
  if (!((first >= 'a' && first <= 'z') || first == '_')) return true;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$')) return true;
  }
  return is_reserved_word(name);
}

std::string quote_ident(std::string_view name) {
  return needs_quoting(name) ? quote_with(name, '"') : std::string(name);
}

std::string qualified(std::string_view schema, std::string_view name) {
  if (schema.empty()) return quote_ident(name);
  return quote_ident(schema) + "." + quote_ident(name);
}

std::string quote_literal(std::string_view value) { return quote_with(value, '\''); }

std::string shorten(std::string_view name) {
  if (name.size() <= k_max_identifier_bytes) return std::string(name);
  std::string out(utf8_prefix(name, k_max_identifier_bytes - k_hash_suffix_bytes));
  out += fmt::format("_{:08x}", fnv1a_32(name));
  return out;
}

std::string NameAllocator::allocate(std::string_view wanted, bool* changed) {
  std::string base = wanted.empty() ? std::string("unnamed") : shorten(wanted);
  std::string name = base;
  for (int n = 2; taken_.contains(name); ++n) {
    std::string suffix = fmt::format("_{}", n);
    name = std::string(utf8_prefix(base, k_max_identifier_bytes - suffix.size())) + suffix;
  }
  taken_.insert(name);
  if (changed) *changed = name != wanted;
  return name;
}

}  // namespace cutover::pg
