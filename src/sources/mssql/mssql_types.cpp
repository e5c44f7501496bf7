#include "sources/mssql/mssql_types.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

namespace cutover::mssql {
namespace {

int number(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  int n = 0;
  std::from_chars(s.data(), s.data() + s.size(), n);
  return n;
}

TypeDecision decision(std::string target, ValueKind kind, std::string rule, std::string reason, bool lossy = false) {
  TypeDecision d;
  d.target_type = std::move(target);
  d.kind = kind;
  d.rule = std::move(rule);
  d.reason = std::move(reason);
  d.lossy = lossy;
  return d;
}

constexpr const char* k_spatial_wkb =
    "warning: no PostGIS on the target (or --no-postgis): WKB bytea from AsBinaryZM() on the server, SRID dropped "
    "(counted)";

// Types whose mapping does not depend on arguments.
const std::map<std::string, TypeDecision>& fixed_types() {
  using K = ValueKind;
  static const std::map<std::string, TypeDecision> k_types = {
      {"bit", decision("boolean", K::boolean, "mssql.bit", "bit holds 0/1: boolean")},
      {"tinyint", decision("smallint", K::int16, "mssql.tinyint", "tinyint is 0..255: smallint")},
      {"smallint", decision("smallint", K::int16, "mssql.integer", "same range")},
      {"int", decision("integer", K::int32, "mssql.integer", "same range")},
      {"bigint", decision("bigint", K::int64, "mssql.integer", "same range")},
      {"real", decision("real", K::float32, "mssql.float", "IEEE single, bit for bit")},
      {"float", decision("double precision", K::float64, "mssql.float", "IEEE double, bit for bit")},
      {"money", decision("numeric(19,4)", K::decimal, "mssql.money", "money is a 64-bit integer of 1/10000: exact")},
      {"smallmoney",
       decision("numeric(10,4)", K::decimal, "mssql.money", "smallmoney is a 32-bit integer of 1/10000: exact")},
      {"date", decision("date", K::date, "mssql.date", "0001-01-01..9999-12-31, proleptic Gregorian")},
      {"datetime", decision("timestamp(3)", K::timestamp, "mssql.datetime",
                            "1/300 s ticks, shown to the millisecond as SQL Server does; no time zone invented")},
      {"smalldatetime", decision("timestamp(0)", K::timestamp, "mssql.datetime", "minutes: timestamp(0)")},
      {"datetimeoffset", decision("timestamptz", K::timestamptz, "mssql.datetimeoffset",
                                  "the instant is kept (stored in UTC); the original offset is not")},
      {"uniqueidentifier", decision("uuid", K::uuid, "mssql.uniqueidentifier", "same 16 bytes, read in text order")},
      {"text", decision("text", K::text, "mssql.text", "unbounded text")},
      {"ntext", decision("text", K::text, "mssql.text", "unbounded text")},
      {"xml", decision("xml", K::text, "mssql.xml", "xml, read as UTF-8 text")},
      {"image", decision("bytea", K::bytes, "mssql.binary", "bytes")},
      {"timestamp", decision("bytea", K::bytes, "mssql.rowversion", "rowversion: its 8 bytes (values are not kept on insert in SQL Server either)")},
      {"rowversion", decision("bytea", K::bytes, "mssql.rowversion", "rowversion: its 8 bytes")},
      {"sql_variant", decision("text", K::text, "mssql.sql_variant_text",
                               "sql_variant: its value converted to text on the server; its base type goes to "
                               "<column>_type")},
      {"hierarchyid", decision("text", K::text, "mssql.hierarchyid_text",
                               "hierarchyid: its ToString() path (/1/3/), converted on the server")},
      {"geometry", decision("bytea", K::bytes, "mssql.spatial_wkb", k_spatial_wkb, true)},
      {"geography", decision("bytea", K::bytes, "mssql.spatial_wkb", k_spatial_wkb, true)},
      {"sysname", decision("varchar(128)", K::text, "mssql.string", "sysname is nvarchar(128)")},
  };
  return k_types;
}

TypeDecision map_string(const MssqlType& t) {
  bool binary = t.base == "binary" || t.base == "varbinary";
  if (binary) return decision("bytea", ValueKind::bytes, "mssql.binary", "bytes");
  if (t.max) return decision("text", ValueKind::text, "mssql.string", "(max): unbounded text");
  return decision(fmt::format("varchar({})", t.length), ValueKind::text, "mssql.string",
                  "length in characters (char padding is kept as read)");
}

TypeDecision map_fraction(const MssqlType& t) {
  int n = std::min(t.scale, 6);
  bool seven = t.scale > 6;
  std::string rounding = seven ? "; the 7th fraction digit is rounded half up to the microsecond" : "";
  if (t.base == "time")
    return decision("time(6)", ValueKind::time, "mssql.time", "time of day" + rounding, seven);
  if (t.base == "datetimeoffset")
    return decision("timestamptz", ValueKind::timestamptz, "mssql.datetimeoffset",
                    "the instant is kept (stored in UTC); the original offset is not" + rounding, seven);
  return decision(fmt::format("timestamp({})", n), ValueKind::timestamp, "mssql.datetime2", "no time zone" + rounding,
                  seven);
}

std::optional<ValueKind> kind_of_cast(std::string_view target) {
  std::string t = ascii_lower(target.substr(0, target.find('(')));
  static const std::map<std::string, ValueKind> k_kinds = {
      {"text", ValueKind::text},       {"varchar", ValueKind::text},    {"character varying", ValueKind::text},
      {"xml", ValueKind::text},        {"citext", ValueKind::text},     {"bytea", ValueKind::bytes},
      {"jsonb", ValueKind::json},      {"json", ValueKind::json},       {"numeric", ValueKind::decimal},
      {"bigint", ValueKind::int64},    {"integer", ValueKind::int32},   {"smallint", ValueKind::int16},
      {"boolean", ValueKind::boolean}, {"uuid", ValueKind::uuid},       {"date", ValueKind::date},
      {"timestamp", ValueKind::timestamp}, {"timestamptz", ValueKind::timestamptz}};
  auto it = k_kinds.find(t);
  if (it == k_kinds.end()) return std::nullopt;
  return it->second;
}

// A cast keeps the default's kind when the target holds the same kind, or
// reads the value as text (the driver's text form) for text targets.
TypeDecision map_cast(const Column& column, const CastRule& cast) {
  TypeDecision d = map_type(column, nullptr);
  auto kind = kind_of_cast(cast.target_type);
  d.target_type = cast.target_type;
  d.rule = "cast";
  if (kind == ValueKind::text || kind == d.kind) {
    if (kind) d.kind = *kind;
    d.reason = fmt::format("cast rule '{}'", cast.text);
    return d;
  }
  d.target_type = "text";
  d.kind = ValueKind::text;
  d.reason = fmt::format("cast rule '{}': only casts to the default kind or to text are supported yet; text used",
                         cast.text);
  return d;
}

}  // namespace


MssqlType parse_mssql_type(std::string_view declared) {
  MssqlType t;
  size_t open = declared.find('(');
  t.base = ascii_lower(declared.substr(0, open));
  while (!t.base.empty() && t.base.back() == ' ') t.base.pop_back();
  if (open == std::string_view::npos) return t;
  std::string_view args = declared.substr(open + 1, declared.find(')', open) - open - 1);
  size_t comma = args.find(',');
  if (ascii_lower(args) == "max") {
    t.max = true;
  } else if (t.base == "decimal" || t.base == "numeric") {
    t.precision = number(args.substr(0, comma));
    t.scale = comma == std::string_view::npos ? 0 : number(args.substr(comma + 1));
  } else if (t.base == "time" || t.base == "datetime2" || t.base == "datetimeoffset") {
    t.scale = number(args);
  } else {
    t.length = number(args);
  }
  return t;
}

std::vector<DerivedColumn> derived_columns(const Column& column, const TypeDecision& d, const Options& options) {
  std::string base = parse_mssql_type(column.declared_type).base;
  if (base == "sql_variant" && d.rule == "mssql.sql_variant_text")
    return {{"base_type", "_type",
             decision("text", ValueKind::text, "mssql.sql_variant_type",
                      fmt::format("the base type of {} (SQL_VARIANT_PROPERTY BaseType: int, decimal, nvarchar, ...)",
                                  column.name))}};
  if (base == "datetimeoffset" && d.rule == "mssql.datetimeoffset" && options.keep_offset)
    return {{"offset", "_offset",
             decision("smallint", ValueKind::int16, "mssql.datetimeoffset_offset_column",
                      fmt::format("the offset of each {} value in minutes east of UTC (-840..840; --keep-offset)",
                                  column.name))}};
  return {};
}

TypeDecision map_type(const Column& column, const CastRule* cast) {
  if (cast != nullptr) return map_cast(column, *cast);
  MssqlType t = parse_mssql_type(column.declared_type);
  if (t.base == "time" || t.base == "datetime2" || (t.base == "datetimeoffset" && t.scale > 6)) return map_fraction(t);
  if (auto it = fixed_types().find(t.base); it != fixed_types().end()) return it->second;
  if (t.base == "decimal" || t.base == "numeric")
    return decision(fmt::format("numeric({},{})", t.precision, t.scale), ValueKind::decimal, "mssql.decimal", "exact");
  if (t.base == "char" || t.base == "varchar" || t.base == "nchar" || t.base == "nvarchar" || t.base == "binary" ||
      t.base == "varbinary")
    return map_string(t);
  TypeDecision d = decision("text", ValueKind::text, "mssql.unknown",
                            fmt::format("warning: unknown SQL Server type '{}', read as text", column.declared_type));
  d.lossy = true;
  return d;
}

}  // namespace cutover::mssql
