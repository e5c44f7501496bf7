// Wire forms of PostgreSQL type spellings, and the canonical kind each takes.
#include <charconv>

#include "targets/postgres/pg_copy_encoder.hpp"

namespace cutover::pg {
namespace {

struct Spelling {
  std::string_view name;
  PgWire wire;
};

// Type names after normalise(): lower case, typmods removed, single spaces.
constexpr Spelling k_spellings[] = {
    {"boolean", PgWire::boolean},
    {"bool", PgWire::boolean},
    {"smallint", PgWire::int2},
    {"int2", PgWire::int2},
    {"integer", PgWire::int4},
    {"int", PgWire::int4},
    {"int4", PgWire::int4},
    {"bigint", PgWire::int8},
    {"int8", PgWire::int8},
    {"real", PgWire::float4},
    {"float4", PgWire::float4},
    {"double precision", PgWire::float8},
    {"float8", PgWire::float8},
    {"numeric", PgWire::numeric},
    {"decimal", PgWire::numeric},
    {"dec", PgWire::numeric},
    {"text", PgWire::text},
    {"varchar", PgWire::text},
    {"character varying", PgWire::text},
    {"char varying", PgWire::text},
    {"character", PgWire::text},
    {"char", PgWire::text},
    {"bpchar", PgWire::text},
    {"national character", PgWire::text},
    {"national character varying", PgWire::text},
    {"citext", PgWire::text},
    // xml_recv reads the bytes in the encoding the XML declaration names
    // (UTF-8 without one): sources send declaration-less UTF-8 (SQL Server
    // does not keep the declaration of xml values).
    {"xml", PgWire::text},
    {"name", PgWire::text},
    {"bytea", PgWire::bytea},
    {"date", PgWire::date},
    {"time", PgWire::time},
    {"time without time zone", PgWire::time},
    {"timestamp", PgWire::timestamp},
    {"timestamp without time zone", PgWire::timestamp},
    {"timestamptz", PgWire::timestamptz},
    {"timestamp with time zone", PgWire::timestamptz},
    {"interval", PgWire::interval},
    {"uuid", PgWire::uuid},
    {"json", PgWire::json},
    {"jsonb", PgWire::jsonb},
    {"bit", PgWire::varbit},
    {"bit varying", PgWire::varbit},
    {"varbit", PgWire::varbit},
};

// Lower case, "pg_catalog." dropped, parenthesised typmods dropped (the
// first one returned through `typmod`), whitespace runs collapsed.
std::string normalise(std::string_view in, std::string_view& typmod) {
  std::string out;
  int depth = 0;
  size_t open = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '(' && depth++ == 0) open = i + 1;
    if (c == ')' && depth > 0 && --depth == 0 && typmod.empty()) typmod = in.substr(open, i - open);
    if (depth > 0 || c == ')') continue;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.starts_with("pg_catalog.")) out.erase(0, 11);
  return out;
}

// float(p): 1-24 is real, 25-53 double precision, as PostgreSQL decides.
std::optional<PgWire> float_with_precision(std::string_view typmod) {
  if (typmod.empty()) return PgWire::float8;
  while (!typmod.empty() && typmod.front() == ' ') typmod.remove_prefix(1);
  while (!typmod.empty() && typmod.back() == ' ') typmod.remove_suffix(1);
  int p = 0;
  auto [end, ec] = std::from_chars(typmod.data(), typmod.data() + typmod.size(), p);
  if (ec != std::errc{} || end != typmod.data() + typmod.size() || p < 1 || p > 53) return std::nullopt;
  return p <= 24 ? PgWire::float4 : PgWire::float8;
}

}  // namespace

const char* to_string(PgWire w) {
  switch (w) {
    case PgWire::boolean: return "boolean";
    case PgWire::int2: return "int2";
    case PgWire::int4: return "int4";
    case PgWire::int8: return "int8";
    case PgWire::float4: return "float4";
    case PgWire::float8: return "float8";
    case PgWire::numeric: return "numeric";
    case PgWire::text: return "text";
    case PgWire::bytea: return "bytea";
    case PgWire::date: return "date";
    case PgWire::time: return "time";
    case PgWire::timestamp: return "timestamp";
    case PgWire::timestamptz: return "timestamptz";
    case PgWire::interval: return "interval";
    case PgWire::uuid: return "uuid";
    case PgWire::json: return "json";
    case PgWire::jsonb: return "jsonb";
    case PgWire::varbit: return "varbit";
    case PgWire::text_array: return "text[]";
  }
  return "unknown";
}

std::optional<PgWire> wire_for_type(std::string_view sql_type) {
  std::string_view typmod;
  std::string name = normalise(sql_type, typmod);
  // "varchar(20) COLLATE public.cutover_ci": a collation does not change the wire form.
  if (auto at = name.find(" collate "); at != std::string::npos) name.erase(at);
  if (name == "text[]" || name == "text array") return PgWire::text_array;
  if (name.ends_with("[]") || name.ends_with(" array")) return std::nullopt;  // other arrays
  if (name == "float") return float_with_precision(typmod);
  // "interval year to month", "interval day to second": fields do not change the wire form.
  if (name.starts_with("interval ")) return PgWire::interval;
  // PostGIS: the binary form of geometry and geography is (E)WKB, sent as bytes are.
  if (name == "geometry" || name == "geography") return PgWire::bytea;
  for (const auto& s : k_spellings) {
    if (s.name == name) return s.wire;
  }
  return std::nullopt;
}

ValueKind canonical_kind(PgWire w) {
  switch (w) {
    case PgWire::boolean: return ValueKind::boolean;
    case PgWire::int2: return ValueKind::int16;
    case PgWire::int4: return ValueKind::int32;
    case PgWire::int8: return ValueKind::int64;
    case PgWire::float4: return ValueKind::float32;
    case PgWire::float8: return ValueKind::float64;
    case PgWire::numeric: return ValueKind::decimal;
    case PgWire::text: return ValueKind::text;
    case PgWire::bytea: return ValueKind::bytes;
    case PgWire::date: return ValueKind::date;
    case PgWire::time: return ValueKind::time;
    case PgWire::timestamp: return ValueKind::timestamp;
    case PgWire::timestamptz: return ValueKind::timestamptz;
    case PgWire::interval: return ValueKind::interval;
    case PgWire::uuid: return ValueKind::uuid;
    case PgWire::json:
    case PgWire::jsonb: return ValueKind::json;
    case PgWire::varbit: return ValueKind::text;
    case PgWire::text_array: return ValueKind::array;
  }
  return ValueKind::text;
}

}  // namespace cutover::pg
