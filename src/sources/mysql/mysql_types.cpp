// The default MySQL -> PostgreSQL mapping (docs/types-mysql.md) and user casts.
#include "sources/mysql/mysql_types.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "sources/mysql/mysql_catalog.hpp"
#include "targets/postgres/pg_copy_encoder.hpp"
#include "util/text.hpp"

namespace cutover::mysql {
namespace {

TypeDecision decide(std::string target, ValueKind kind, std::string rule, std::string reason,
                    Decode decode = Decode::native) {
  TypeDecision d;
  d.target_type = std::move(target);
  d.kind = kind;
  d.decode = decode;
  d.rule = std::move(rule);
  d.reason = std::move(reason);
  return d;
}

int64_t arg(const MysqlType& t, size_t i, int64_t fallback) { return i < t.args.size() ? t.args[i] : fallback; }

// Unsigned integers widen one step: their range does not fit the signed
// PostgreSQL type of the same width (MySQL 8.0 reference, "Integer Types").
TypeDecision map_integer(const MysqlType& t, const std::string& declared) {
  struct Step { const char* base; const char* signed_pg; ValueKind sk; const char* unsigned_pg; ValueKind uk; };
  static constexpr Step k_steps[] = {
      {"tinyint", "smallint", ValueKind::int16, "smallint", ValueKind::int16},
      {"smallint", "smallint", ValueKind::int16, "integer", ValueKind::int32},
      {"mediumint", "integer", ValueKind::int32, "integer", ValueKind::int32},
      {"int", "integer", ValueKind::int32, "bigint", ValueKind::int64},
      {"bigint", "bigint", ValueKind::int64, "numeric(20,0)", ValueKind::decimal},
  };
  for (const auto& s : k_steps) {
    if (t.base != s.base) continue;
    if (!t.is_unsigned) return decide(s.signed_pg, s.sk, "mysql.integer", fmt::format("{} holds every {} value", s.signed_pg, declared));
    bool widened = std::string_view(s.signed_pg) != s.unsigned_pg || t.base == "bigint";
    return decide(s.unsigned_pg, s.uk, widened ? "mysql.unsigned_widen" : "mysql.integer",
                  fmt::format("{} holds every {} value{}", s.unsigned_pg, declared,
                              widened ? " (unsigned: one step wider than the signed type)" : ""));
  }
  return decide("bigint", ValueKind::int64, "mysql.integer", declared);
}

TypeDecision map_tinyint1(const Column& c, const ColumnProfile* p) {
  if (p == nullptr)
    return decide("smallint", ValueKind::int16, "mysql.tinyint1_smallint",
                  "tinyint(1) not profiled (--no-profile): smallint keeps every value; "
                  "--cast 'mysql:tinyint(1)=boolean' when it holds only 0/1");
  bool only01 = (!p->int_min || *p->int_min >= 0) && (!p->int_max || *p->int_max <= 1);
  if (only01)
    return decide("boolean", ValueKind::boolean, "mysql.tinyint1_boolean",
                  fmt::format("tinyint(1) holding only 0/1 in {} rows", p->rows), Decode::bool01);
  (void)c;
  return decide("smallint", ValueKind::int16, "mysql.tinyint1_smallint",
                fmt::format("tinyint(1) holds values outside 0/1 (range {}..{}), so not boolean", *p->int_min,
                            *p->int_max));
}

TypeDecision map_time(const MysqlType& t, const ColumnProfile* p) {
  int64_t fsp = arg(t, 0, 0);
  bool beyond_day = p != nullptr && ((p->int_min && *p->int_min < 0) || (p->int_max && *p->int_max >= 86'400));
  if (beyond_day)
    return decide("interval", ValueKind::interval, "mysql.time_interval",
                  fmt::format("time values outside 00:00..24:00 (seconds {}..{}): a duration, not a time of day",
                              *p->int_min, *p->int_max));
  return decide(fmt::format("time({})", fsp), ValueKind::time, "mysql.time",
                p ? "time values all within a day" : "not profiled: values outside a day will be rejected");
}

// Zero and partial dates ('0000-00-00', '2020-00-15') exist only in MySQL:
// they become NULL (rule mysql.zero_date, counted), and a NOT NULL column
// that holds them is created nullable. Real old dates stay as they are.
TypeDecision map_temporal(const MysqlType& t, const ColumnProfile* p) {
  int64_t fsp = arg(t, 0, 0);
  TypeDecision d;
  if (t.base == "date") d = decide("date", ValueKind::date, "mysql.date", "date");
  else if (t.base == "datetime")
    d = decide(fmt::format("timestamp({})", fsp), ValueKind::timestamp, "mysql.datetime",
               "datetime is a wall-clock time without zone: timestamp, no shift");
  else
    d = decide(fmt::format("timestamptz({})", fsp), ValueKind::timestamptz, "mysql.timestamp_utc",
               "timestamp is stored in UTC: timestamptz, read with time_zone '+00:00'");
  if (p != nullptr && p->invalid_dates > 0) {
    d.rule = "mysql.zero_date";
    d.lossy = true;
    d.relax_not_null = true;
    d.reason += fmt::format("; {} zero or partial dates become NULL", p->invalid_dates);
  }
  return d;
}

TypeDecision map_string(const MysqlType& t, const Column& c) {
  if (t.base == "char" || t.base == "varchar") {
    // CHAR: MySQL strips trailing spaces when reading, PostgreSQL char(n) would pad them back.
    return decide(fmt::format("varchar({})", arg(t, 0, 1)), ValueKind::text,
                  t.base == "char" ? "mysql.char_as_varchar" : "mysql.varchar",
                  t.base == "char" ? "char(n) read without trailing spaces (as MySQL returns it): varchar(n)"
                                   : "varchar(n) counts characters in both");
  }
  return decide("text", ValueKind::text, "mysql.text", fmt::format("{} in {}: text (UTF-8)", t.base, c.collation));
}

TypeDecision map_other(const MysqlType& t, const Column& c, const std::string& declared) {
  const std::string& b = t.base;
  if (b == "decimal" || b == "numeric" || b == "dec" || b == "fixed")
    return decide(fmt::format("numeric({},{})", arg(t, 0, 10), arg(t, 1, 0)), ValueKind::decimal, "mysql.decimal",
                  "exact digits, never through double");
  if (b == "float") return decide("real", ValueKind::float32, "mysql.float", "single precision, bit-exact");
  if (b == "double" || b == "real" || b == "double precision")
    return decide("double precision", ValueKind::float64, "mysql.double", "double precision, bit-exact");
  if (b == "bit") {
    if (arg(t, 0, 1) == 1) return decide("boolean", ValueKind::boolean, "mysql.bit1_boolean", "bit(1) is a flag", Decode::bool01);
    return decide(fmt::format("bit({})", arg(t, 0, 1)), ValueKind::text, "mysql.bit", "bit string of the same length");
  }
  if (b == "year") return decide("smallint", ValueKind::int16, "mysql.year", "year (1901..2155, 0) as a number");
  if (b == "enum") {
    auto d = decide("text", ValueKind::text, "mysql.enum_check", "enum label as text with CHECK (col IN (labels))");
    d.labels = t.labels;  // --enum-as type: the planner makes a PostgreSQL enum type of them
    return d;
  }
  // MySQL writes a set's members comma-separated in declaration order;
  // member names cannot contain a comma, so splitting is exact.
  if (b == "set")
    return decide("text[]", ValueKind::array, "mysql.set_as_array",
                  "set members as a text array in the set's declaration order: 'a,b' -> {a,b}, '' -> {}");
  if (b == "json") return decide("jsonb", ValueKind::json, "mysql.json", "json");
  if (b == "binary" || b == "varbinary" || b.ends_with("blob"))
    return decide("bytea", ValueKind::bytes, "mysql.binary", fmt::format("{}: bytes as stored", b));
  if (b == "char" || b == "varchar" || b.ends_with("text")) return map_string(t, c);
  static const char* k_spatial[] = {"geometry", "point", "linestring", "polygon", "multipoint",
                                    "multilinestring", "multipolygon", "geometrycollection", "geomcollection"};
  for (const char* s : k_spatial) {
    if (b != s) continue;
    auto wkb = decide("bytea", ValueKind::bytes, "mysql.spatial_wkb",
                      "spatial value as WKB bytea, SRID dropped (counted); PostGIS geometry when the target has it");
    wkb.lossy = true;
    return wkb;
  }
  auto d = decide("text", ValueKind::text, "mysql.unknown",
                  fmt::format("warning: unknown type {}, values copied as text", declared));
  d.lossy = true;
  return d;
}

TypeDecision map_cast(const Column& c, const CastRule& cast) {
  TypeDecision d;
  d.target_type = cast.target_type;
  d.rule = "cast";
  d.reason = fmt::format("cast rule '{}'", cast.text.empty() ? cast.target_type : cast.text);
  auto kind = kind_of_target(cast.target_type);
  d.kind = kind.value_or(ValueKind::text);
  if (!kind) d.reason += fmt::format("; warning: unknown target type '{}', values are sent as text", cast.target_type);
  if (d.kind == ValueKind::boolean) d.decode = Decode::bool01;
  (void)c;
  return d;
}

}  // namespace

MysqlType parse_mysql_type(std::string_view column_type) {
  MysqlType t;
  std::string l = ascii_lower(column_type);
  size_t end = l.find_first_of(" (");
  t.base = l.substr(0, end);
  if (t.base == "enum" || t.base == "set") {
    t.labels = enum_labels(column_type);
  } else if (end != std::string::npos && l[end] == '(') {
    size_t close = l.find(')', end);
    std::string inside = l.substr(end + 1, close - end - 1);
    for (size_t i = 0; i < inside.size();) {
      size_t comma = inside.find(',', i);
      t.args.push_back(std::stoll(inside.substr(i, comma - i)));
      i = comma == std::string::npos ? inside.size() : comma + 1;
    }
  }
  t.is_unsigned = l.find(" unsigned") != std::string::npos;
  return t;
}

ProfileNeed profile_need(const MysqlType& t) {
  if (t.base == "tinyint" && t.args.size() == 1 && t.args[0] == 1) return ProfileNeed::zero_one;
  if (t.base == "time") return ProfileNeed::time_range;
  if (t.base == "date" || t.base == "datetime" || t.base == "timestamp") return ProfileNeed::invalid_dates;
  return ProfileNeed::none;
}

std::optional<ValueKind> kind_of_target(std::string_view pg_type) {
  auto w = pg::wire_for_type(pg_type);
  if (!w) return std::nullopt;
  return pg::canonical_kind(*w);
}

TypeDecision map_type(const Column& column, const ColumnProfile* profile, const CastRule* cast) {
  if (cast != nullptr) return map_cast(column, *cast);
  MysqlType t = parse_mysql_type(column.declared_type);
  const std::string& b = t.base;
  if (profile_need(t) == ProfileNeed::zero_one) return map_tinyint1(column, profile);
  if (b == "tinyint" || b == "smallint" || b == "mediumint" || b == "int" || b == "integer" || b == "bigint") {
    if (b == "integer") t.base = "int";
    return map_integer(t, ascii_lower(column.declared_type));
  }
  if (b == "time") return map_time(t, profile);
  if (b == "date" || b == "datetime" || b == "timestamp") return map_temporal(t, profile);
  return map_other(t, column, ascii_lower(column.declared_type));
}

}  // namespace cutover::mysql
