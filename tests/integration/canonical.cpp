#include "canonical.hpp"

#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

#include "canonical_util.hpp"

namespace cutover::it {

namespace {

using Canon = SourceCanon;
Canon reject() { return {true, std::nullopt}; }
Canon value(std::string s) { return {false, std::move(s)}; }

Canon integer_value(const SqlValue& v, const TargetType& t) {
  int64_t x = 0;
  if (v.type == SQLITE_INTEGER) {
    x = v.i;
  } else if (v.type == SQLITE_FLOAT) {
    if (!std::isfinite(v.f) || v.f != std::trunc(v.f) || v.f < -0x1p63 || v.f >= 0x1p63)
      return reject();
    x = static_cast<int64_t>(v.f);
  } else if (v.type != SQLITE_TEXT || !parse_whole(v.bytes, x)) {
    return reject();
  }
  if (x < t.int_min || x > t.int_max) return reject();
  return value(std::to_string(x));
}

Canon float_value(const SqlValue& v, const TargetType& t) {
  double x = v.f;
  if (v.type == SQLITE_INTEGER) {
    if (v.i > (int64_t{1} << 53) || v.i < -(int64_t{1} << 53)) return reject();
    x = static_cast<double>(v.i);
  } else if (v.type == SQLITE_TEXT) {
    if (!parse_whole(v.bytes, x)) return reject();
  } else if (v.type != SQLITE_FLOAT) {
    return reject();
  }
  if (t.kind == TypeKind::float8) return value(double_bits(x));
  if (std::isfinite(x) && std::fabs(x) > FLT_MAX) return reject();
  return value(float_bits(static_cast<float>(x)));
}

Canon numeric_value(const SqlValue& v, const TargetType& t) {
  std::optional<std::string> digits;
  if (v.type == SQLITE_INTEGER)
    digits = std::to_string(v.i);
  else if (v.type == SQLITE_FLOAT && std::isnan(v.f))
    return value("NaN");
  else if (v.type == SQLITE_FLOAT && std::isfinite(v.f))
    digits = shortest_plain(v.f);
  else if (v.type == SQLITE_TEXT)
    digits = plain_decimal(v.bytes);
  if (!digits) return reject();
  std::string n = strip_decimal(*digits);  // the value; *digits keeps the scale as written
  if (!t.precision) return value(unsigned_zero(*digits));
  auto [int_digits, scale] = decimal_shape(n);
  if (scale > *t.scale || int_digits > *t.precision - *t.scale) return reject();
  return value(with_scale(n, *t.scale));
}

Canon text_value(const SqlValue& v, const TargetType& t, const NulHandling& nul) {
  std::string s;
  if (v.type == SQLITE_INTEGER)
    s = std::to_string(v.i);
  else if (v.type == SQLITE_FLOAT)
    s = real_as_text(v.f);
  else if (!valid_utf8(v.bytes))
    return reject();
  else
    s = v.bytes;
  if (s.find('\0') != std::string::npos) {
    if (nul.policy == "reject") return reject();
    std::string out;
    for (char c : s)
      out += c != '\0' ? std::string(1, c) : nul.policy == "replace" ? nul.replacement : "";
    s = out;
  }
  if (t.max_chars && utf8_length(s) > *t.max_chars) return reject();
  return value(s);
}

Canon bytea_value(const SqlValue& v) {
  if (v.type == SQLITE_INTEGER) return value(hex(std::to_string(v.i)));
  if (v.type == SQLITE_FLOAT) return value(hex(real_as_text(v.f)));
  return value(hex(v.bytes));
}

Canon boolean_value(const SqlValue& v) {
  if (v.type == SQLITE_INTEGER && (v.i == 0 || v.i == 1)) return value(v.i ? "t" : "f");
  if (v.type == SQLITE_FLOAT && (v.f == 0.0 || v.f == 1.0)) return value(v.f == 1.0 ? "t" : "f");
  if (v.type == SQLITE_TEXT) {
    std::string w = lower(v.bytes);
    if (w == "1" || w == "t" || w == "true") return value("t");
    if (w == "0" || w == "f" || w == "false") return value("f");
  }
  return reject();
}

// PostgreSQL's earliest timestamp, 4714-11-24 00:00 BC, in Unix microseconds.
constexpr int64_t k_min_pg_micros = -210'866'803'200'000'000;

std::optional<int64_t> number_micros(const SqlValue& v, const std::string& decode) {
  if (v.type == SQLITE_INTEGER && decode != "julian_day") return epoch_integer_micros(v.i, decode);
  double x = v.type == SQLITE_INTEGER ? static_cast<double>(v.i) : v.f;
  double scale = decode == "epoch_s" ? 1e6 : decode == "epoch_ms" ? 1e3 : 1.0;
  double m = decode == "julian_day" ? (x - 2440587.5) * 86400e6 : x * scale;
  if (!std::isfinite(m) || std::fabs(m) > 9.2e18) return std::nullopt;
  return std::llround(m);
}

Canon datetime_value(const SqlValue& v, const TargetType& t) {
  std::optional<int64_t> m;
  bool has_time = false, has_offset = false;
  if (v.type == SQLITE_TEXT) {
    m = iso_micros(v.bytes, &has_time, &has_offset);
    if (t.kind == TypeKind::date && (has_time || has_offset)) return reject();
  } else if ((v.type == SQLITE_INTEGER || v.type == SQLITE_FLOAT) && t.decode != "iso_datetime") {
    m = number_micros(v, t.decode);
  }
  if (!m || *m < k_min_pg_micros) return reject();
  if (t.kind == TypeKind::date && *m % 86'400'000'000 != 0) return reject();
  return value(std::to_string(*m));
}

Canon uuid_value(const SqlValue& v) {
  if (v.type == SQLITE_BLOB && v.bytes.size() == 16) return value(format_uuid(v.bytes));
  if (v.type == SQLITE_TEXT)
    if (auto u = parse_uuid_text(v.bytes)) return value(format_uuid(*u));
  return reject();
}

Canon json_value(const SqlValue& v, const TargetType& t) {
  if (v.type == SQLITE_INTEGER) return value(canonical_json(std::to_string(v.i)));
  if (v.type == SQLITE_FLOAT && std::isfinite(v.f))
    return value(canonical_json(shortest_plain(v.f)));
  if (v.type != SQLITE_TEXT || !valid_utf8(v.bytes) || !nlohmann::json::accept(v.bytes))
    return reject();
  if (t.jsonb && v.bytes.find("\\u0000") != std::string::npos) return reject();
  return value(canonical_json(v.bytes));
}

Canon time_value(const SqlValue& v) {
  if (v.type != SQLITE_TEXT) return reject();
  auto m = time_micros(v.bytes);
  if (!m) return reject();
  return value(std::to_string(*m));
}

}  // namespace

TargetType parse_target_type(const std::string& name, const std::string& decode) {
  TargetType t;
  t.name = name;
  t.decode = decode;
  std::string n = lower(name);
  std::string base = n.substr(0, n.find('('));
  while (!base.empty() && base.back() == ' ') base.pop_back();
  std::vector<int64_t> args = type_args(n);
  auto ints = [&](TypeKind k, int64_t lo, int64_t hi) {
    t.kind = k;
    t.int_min = lo;
    t.int_max = hi;
  };
  if (base == "bigint" || base == "int8")
    ints(TypeKind::integer, INT64_MIN, INT64_MAX);
  else if (base == "integer" || base == "int" || base == "int4")
    ints(TypeKind::integer, INT32_MIN, INT32_MAX);
  else if (base == "smallint" || base == "int2")
    ints(TypeKind::integer, INT16_MIN, INT16_MAX);
  else if (base == "double precision" || base == "float8")
    t.kind = TypeKind::float8;
  else if (base == "real" || base == "float4")
    t.kind = TypeKind::float4;
  else if (base == "numeric" || base == "decimal")
    t.kind = TypeKind::numeric;
  else if (base == "text")
    t.kind = TypeKind::text;
  else if (base == "varchar" || base == "character varying")
    t.kind = TypeKind::text;
  else if (base == "bytea")
    t.kind = TypeKind::bytea;
  else if (base == "boolean" || base == "bool")
    t.kind = TypeKind::boolean;
  else if (base == "timestamp" || base == "timestamptz" || base == "timestamp with time zone")
    t.kind = TypeKind::timestamp;
  else if (base == "date")
    t.kind = TypeKind::date;
  else if (base == "time")
    t.kind = TypeKind::time;
  else if (base == "uuid")
    t.kind = TypeKind::uuid;
  else if (base == "json" || base == "jsonb")
    t.kind = TypeKind::json;
  else
    throw std::runtime_error("the test oracle does not know the type " + name);
  if (t.kind == TypeKind::numeric && !args.empty()) {
    t.precision = static_cast<int>(args[0]);
    t.scale = args.size() > 1 ? static_cast<int>(args[1]) : 0;
  }
  if (t.kind == TypeKind::text && args.size() == 1) t.max_chars = args[0];
  t.jsonb = base == "jsonb";
  t.tz = base == "timestamptz" || base == "timestamp with time zone";
  return t;
}

namespace {

constexpr int64_t k_pg_epoch_days = 10'957;  // 2000-01-01 in days since 1970-01-01
constexpr int64_t k_pg_epoch_micros = k_pg_epoch_days * 86'400'000'000;

// A big-endian two's complement integer from hex digits (timestamp_send, date_send).
int64_t be_integer(const std::string& hex_digits) {
  uint64_t u = std::stoull(hex_digits, nullptr, 16);
  size_t bits = hex_digits.size() * 4;
  if (bits < 64 && (u >> (bits - 1)) != 0) u |= ~uint64_t{0} << bits;
  return static_cast<int64_t>(u);
}

std::string unix_micros(int64_t pg_micros) {
  int64_t out = 0;
  if (__builtin_add_overflow(pg_micros, k_pg_epoch_micros, &out))
    throw std::runtime_error("timestamp beyond int64 Unix microseconds from PostgreSQL");
  return std::to_string(out);
}

}  // namespace

SourceCanon canonical_source(const SqlValue& v, const TargetType& t, const NulHandling& nul) {
  if (v.type == SQLITE_NULL) return {false, std::nullopt};
  switch (t.kind) {
    case TypeKind::integer: return integer_value(v, t);
    case TypeKind::float8:
    case TypeKind::float4: return float_value(v, t);
    case TypeKind::numeric: return numeric_value(v, t);
    case TypeKind::text: return text_value(v, t, nul);
    case TypeKind::bytea: return bytea_value(v);
    case TypeKind::boolean: return boolean_value(v);
    case TypeKind::timestamp:
    case TypeKind::date: return datetime_value(v, t);
    case TypeKind::time: return time_value(v);
    case TypeKind::uuid: return uuid_value(v);
    case TypeKind::json: return json_value(v, t);
  }
  return reject();
}

std::string select_expression(const std::string& c, const TargetType& t) {
  switch (t.kind) {
    // The binary send forms are exact over the whole range (extract(epoch)
    // falls back to float8 near the ends).
    case TypeKind::timestamp:
      return fmt::format("{}_send({})::text", t.tz ? "timestamptz" : "timestamp", c);
    case TypeKind::date: return fmt::format("date_send({})::text", c);
    default: return c + "::text";
  }
}

Cell canonical_target(const Cell& pg, const TargetType& t) {
  if (!pg) return std::nullopt;
  const std::string& s = *pg;
  double d = 0;
  switch (t.kind) {
    case TypeKind::float8:
      if (!parse_whole(s, d)) throw std::runtime_error("unparsable float8 from PostgreSQL: " + s);
      return double_bits(d);
    case TypeKind::float4:
      if (!parse_whole(s, d)) throw std::runtime_error("unparsable real from PostgreSQL: " + s);
      return float_bits(static_cast<float>(d));
    case TypeKind::bytea: return s.substr(2);
    case TypeKind::boolean: return s == "true" ? "t" : s == "false" ? "f" : s;
    case TypeKind::json: return canonical_json(s);
    case TypeKind::time: return std::to_string(time_micros(s).value_or(-1));
    case TypeKind::timestamp: return unix_micros(be_integer(s.substr(2)));
    case TypeKind::date:
      return std::to_string((k_pg_epoch_days + be_integer(s.substr(2))) * 86'400'000'000);
    default: return s;
  }
}

}  // namespace cutover::it
