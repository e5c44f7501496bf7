// Default SQLite -> PostgreSQL mapping: affinity, declared-type hints, and
// the storage-class fallback. The per-hint rules are in
// sqlite_types_rules.cpp / sqlite_types_decimal.cpp, the fallback in
// sqlite_types_storage.cpp, casts in sqlite_types_cast.cpp. The table, kept
// in step with docs/types-sqlite.md (the type must hold every stored value):
//
//   declared            data found                         -> type            rule
//   BOOL/BOOLEAN        ints 0/1, texts true/false/t/f/0/1 -> boolean         sqlite.bool01
//                       ints within smallint               -> smallint        sqlite.bool_not01
//   TINYINT/SMALLINT    ints within smallint               -> smallint        sqlite.smallint
//   DATE                ISO texts, date-only               -> date            sqlite.iso_date
//   DATE/DATETIME/TIMESTAMP ISO texts, no offset           -> timestamp       sqlite.iso_timestamp
//                       ISO texts, all with offset         -> timestamptz     sqlite.iso_timestamptz
//                       ISO texts, some naive (policy)     -> timestamptz     sqlite.naive_as_utc
//                       reals in Julian-day range          -> timestamp       sqlite.julian_day
//                       integers (unit by magnitude)       -> timestamptz     sqlite.epoch_*
//                       mixture                            -> text            sqlite.datetime_mixed
//   TIME                texts HH:MM[:SS]                   -> time            sqlite.time_text
//   JSON/JSONB          all valid JSON                     -> jsonb           sqlite.json_to_jsonb
//   UUID/GUID           UUID texts / 16-byte blobs         -> uuid            sqlite.uuid_text/_blob
//   DECIMAL(p,s)        numbers that fit p,s               -> numeric(p,s)    sqlite.decimal(_from_real)
//                       more digits or scale               -> numeric         sqlite.decimal_widen
//                       NaN/Infinity reals                 -> double precision sqlite.decimal_nonfinite
//   VARCHAR(n)/CHAR(n)  texts <= n bytes                   -> varchar(n)      sqlite.varchar
//                       a longer text                      -> text            sqlite.varchar_overflow
//   other / not fitting: by storage classes (sqlite_types_storage.cpp)
//                       only ints -> bigint; only reals -> double precision;
//                       ints+reals -> numeric (INTEGER affinity) or double
//                       precision (ints < 2^53) or numeric; texts+numbers ->
//                       text; blobs+others -> bytea; none -> by affinity.
#include "sources/sqlite/sqlite_types.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <map>

#include "sources/sqlite/sqlite_types_rules.hpp"

namespace cutover::sqlite {
namespace {

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::string normalize_type_name(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<int64_t> type_args(std::string_view inside) {
  std::vector<int64_t> args;
  std::string cur;
  for (char c : std::string(inside) + ",") {
    if (c == ',') {
      if (!cur.empty()) args.push_back(std::strtoll(cur.c_str(), nullptr, 10));
      cur.clear();
    } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '-') {
      cur += c;
    }
  }
  return args;
}

Hint hint_of(const std::string& base, size_t args) {
  static const std::map<std::string, Hint> k_hints = {
      {"bool", Hint::boolean},         {"boolean", Hint::boolean},
      {"tinyint", Hint::small_int},    {"smallint", Hint::small_int},
      {"int2", Hint::small_int},       {"date", Hint::date},
      {"datetime", Hint::datetime},    {"timestamp", Hint::datetime},
      {"smalldatetime", Hint::datetime}, {"datetime2", Hint::datetime},
      {"timestamp without time zone", Hint::datetime},
      {"timestamptz", Hint::datetime_tz}, {"timestamp with time zone", Hint::datetime_tz},
      {"datetimeoffset", Hint::datetime_tz}, {"time", Hint::time},
      {"time without time zone", Hint::time}, {"json", Hint::json},
      {"jsonb", Hint::json},           {"uuid", Hint::uuid},
      {"guid", Hint::uuid},            {"uniqueidentifier", Hint::uuid},
      {"decimal", Hint::decimal},      {"numeric", Hint::decimal},
      {"dec", Hint::decimal},          {"money", Hint::decimal},
  };
  static constexpr std::string_view k_sized_text[] = {
      "varchar", "char", "character", "nvarchar", "nchar", "character varying",
      "varying character", "native character", "national character"};
  if (auto it = k_hints.find(base); it != k_hints.end()) return it->second;
  if (args == 1)
    for (auto t : k_sized_text)
      if (base == t) return Hint::sized_text;
  return Hint::none;
}

}  // namespace

Affinity affinity_of(std::string_view declared_type) {
  std::string t = normalize_type_name(declared_type);
  if (contains(t, "int")) return Affinity::integer;
  if (contains(t, "char") || contains(t, "clob") || contains(t, "text")) return Affinity::text;
  if (contains(t, "blob") || t.empty()) return Affinity::blob;
  if (contains(t, "real") || contains(t, "floa") || contains(t, "doub")) return Affinity::real;
  return Affinity::numeric;
}

const char* to_string(Affinity a) {
  switch (a) {
    case Affinity::integer: return "INTEGER";
    case Affinity::text: return "TEXT";
    case Affinity::blob: return "BLOB";
    case Affinity::real: return "REAL";
    case Affinity::numeric: return "NUMERIC";
  }
  return "?";
}

DeclaredType parse_declared_type(std::string_view declared_type) {
  DeclaredType d;
  std::string t = normalize_type_name(declared_type);
  size_t open = t.find('(');
  d.base = normalize_type_name(t.substr(0, open));
  if (open != std::string::npos) d.args = type_args(std::string_view(t).substr(open + 1));
  d.hint = hint_of(d.base, d.args.size());
  d.affinity = affinity_of(declared_type);
  return d;
}

std::optional<ValueKind> kind_of_pg_type(std::string_view pg_type) {
  static const std::map<std::string, ValueKind> k_kinds = {
      {"timestamptz", ValueKind::timestamptz}, {"timestamp with time zone", ValueKind::timestamptz},
      {"timestamp", ValueKind::timestamp}, {"timestamp without time zone", ValueKind::timestamp},
      {"date", ValueKind::date}, {"time", ValueKind::time},
      {"time without time zone", ValueKind::time}, {"boolean", ValueKind::boolean},
      {"bool", ValueKind::boolean}, {"smallint", ValueKind::int16}, {"int2", ValueKind::int16},
      {"integer", ValueKind::int32}, {"int", ValueKind::int32}, {"int4", ValueKind::int32},
      {"bigint", ValueKind::int64}, {"int8", ValueKind::int64}, {"real", ValueKind::float32},
      {"float4", ValueKind::float32}, {"double precision", ValueKind::float64},
      {"float8", ValueKind::float64}, {"float", ValueKind::float64},
      {"numeric", ValueKind::decimal}, {"decimal", ValueKind::decimal},
      {"text", ValueKind::text}, {"varchar", ValueKind::text},
      {"character varying", ValueKind::text}, {"char", ValueKind::text},
      {"character", ValueKind::text}, {"bpchar", ValueKind::text}, {"citext", ValueKind::text},
      {"bytea", ValueKind::bytes}, {"json", ValueKind::json}, {"jsonb", ValueKind::json},
      {"uuid", ValueKind::uuid},
  };
  std::string t = normalize_type_name(pg_type);
  std::string base = normalize_type_name(t.substr(0, t.find('(')));
  auto it = k_kinds.find(base);
  if (it == k_kinds.end()) return std::nullopt;
  return it->second;
}

TypeDecision map_type(const Table& table, const Column& column, const ColumnProfile* profile,
                      const CastRule* cast) {
  if (cast != nullptr) return map_cast(column, profile, *cast);
  static const ColumnProfile k_unprofiled;
  DeclaredType declared = parse_declared_type(column.declared_type);
  rules::Evidence e{table.name, column, declared, profile != nullptr ? *profile : k_unprofiled};
  switch (declared.hint) {
    case Hint::boolean: return rules::map_boolean(e);
    case Hint::small_int: return rules::map_small_int(e);
    case Hint::date:
    case Hint::datetime:
    case Hint::datetime_tz: return rules::map_datetime(e);
    case Hint::time: return rules::map_time(e);
    case Hint::json: return rules::map_json(e);
    case Hint::uuid: return rules::map_uuid(e);
    case Hint::decimal: return rules::map_decimal(e);
    case Hint::sized_text: return rules::map_sized_text(e);
    case Hint::none: break;
  }
  return rules::by_storage(e);
}

}  // namespace cutover::sqlite
