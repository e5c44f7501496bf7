#include "sources/mysql/mysql_decode.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/convert.hpp"
#include "core/ewkb.hpp"
#include "core/nul_policy.hpp"
#include "core/text_array.hpp"
#include "sources/mysql/mysql_session.hpp"

namespace cutover::mysql {
namespace {

bool is_integer_base(const std::string& b) {
  return b == "tinyint" || b == "smallint" || b == "mediumint" || b == "int" || b == "integer" ||
         b == "bigint" || b == "year";
}

bool in_range(int64_t v, ValueKind k) {
  if (k == ValueKind::int16) return v >= INT16_MIN && v <= INT16_MAX;
  if (k == ValueKind::int32) return v >= INT32_MIN && v <= INT32_MAX;
  return true;
}

void put_integer(int64_t v, ValueKind k, RowBatch& b) {
  if (k == ValueKind::int16) b.put_int16(static_cast<int16_t>(v));
  else if (k == ValueKind::int32) b.put_int32(static_cast<int32_t>(v));
  else b.put_int64(v);
}

}  // namespace

const char* rule_name(Fired f) {
  static constexpr const char* k_names[] = {"mysql.zero_date", "nul_in_text.strip", "nul_in_text.replace",
                                              "mysql.spatial_wkb"};
  static_assert(std::size(k_names) == static_cast<size_t>(Fired::count));
  return k_names[static_cast<size_t>(f)];
}

std::optional<int64_t> parse_mysql_time(std::string_view s) {
  bool neg = !s.empty() && s[0] == '-';
  if (neg) s.remove_prefix(1);
  int64_t h = 0, m = 0, sec = 0, frac = 0;
  size_t c1 = s.find(':');
  if (c1 == std::string_view::npos || s.size() < c1 + 6 || s[c1 + 3] != ':') return std::nullopt;
  auto num = [](std::string_view d, int64_t& out) {
    auto [p, ec] = std::from_chars(d.data(), d.data() + d.size(), out);
    return ec == std::errc{} && p == d.data() + d.size();
  };
  if (!num(s.substr(0, c1), h) || !num(s.substr(c1 + 1, 2), m) || !num(s.substr(c1 + 4, 2), sec)) return std::nullopt;
  std::string_view rest = s.substr(c1 + 6);
  if (!rest.empty()) {
    if (rest[0] != '.' || rest.size() > 7 || !num(rest.substr(1), frac)) return std::nullopt;
    for (size_t i = rest.size() - 1; i < 6; ++i) frac *= 10;
  }
  int64_t micros = ((h * 60 + m) * 60 + sec) * k_micros_per_second + frac;
  return neg ? -micros : micros;
}

bool is_zero_or_partial_date(std::string_view s) {
  return s.size() >= 10 && (s.substr(5, 2) == "00" || s.substr(8, 2) == "00");
}

uint64_t bits_value(std::string_view raw) {
  uint64_t v = 0;
  for (unsigned char c : raw) v = (v << 8) | c;
  return v;
}

ColumnDecoder::ColumnDecoder(const ColumnPlan& plan, const Column& source)
    : source_name_(plan.source_name), target_type_(plan.type.target_type), kind_(plan.type.kind) {
  MysqlType t = parse_mysql_type(source.declared_type);
  const std::string& b = t.base;
  if (is_integer_base(b)) form_ = Form::integer;
  else if (b == "decimal" || b == "numeric") form_ = Form::decimal;
  else if (b == "float" || b == "double" || b == "real") form_ = Form::floating;
  else if (b == "bit") form_ = Form::bits, bit_width_ = t.args.empty() ? 1 : static_cast<int>(t.args[0]);
  else if (b == "date" || b == "datetime" || b == "timestamp") form_ = Form::temporal;
  else if (b == "time") form_ = Form::time;
  else if (b == "binary" || b == "varbinary" || b.ends_with("blob")) form_ = Form::binary;
  else if (plan.type.rule == "mysql.spatial_wkb") form_ = Form::spatial;
  else if (plan.type.rule == "mysql.spatial_postgis") form_ = Form::ewkb;
  else form_ = Form::text;
}

std::string ColumnDecoder::select_expr() const {
  std::string q = quote_identifier(source_name_);
  if (form_ == Form::floating) return fmt::format("({} + 0e0)", q);  // the exact double of a float
  return q;
}

std::string ColumnDecoder::cast_hint(const DecodeContext& ctx, std::string_view type) const {
  return fmt::format("--cast '{}.{}={}'", ctx.table, source_name_, type);
}

namespace {

// "a,b" -> the canonical array {a,b}; "" -> {}.
void put_set_members(std::string_view v, RowBatch& b, DecodeContext& ctx) {
  ctx.elements.clear();
  while (!v.empty()) {
    size_t comma = std::min(v.find(','), v.size());
    append_array_element(ctx.elements, v.substr(0, comma));
    v.remove_prefix(std::min(comma + 1, v.size()));
  }
  b.put_var(ValueKind::array, ctx.elements);
}

}  // namespace

bool ColumnDecoder::refuse(std::string_view v, DecodeContext& ctx, std::string rule, std::string reason) const {
  ctx.reject = {std::move(rule), std::move(reason), display_value(v)};
  return false;
}

std::string ColumnDecoder::bit_string(std::string_view raw) const {
  uint64_t v = bits_value(raw);
  std::string out(static_cast<size_t>(bit_width_), '0');
  for (int i = 0; i < bit_width_; ++i)
    if ((v >> (bit_width_ - 1 - i)) & 1U) out[static_cast<size_t>(i)] = '1';
  return out;
}

bool ColumnDecoder::decode(const char* data, size_t len, RowBatch& b, DecodeContext& ctx) const {
  if (data == nullptr) {
    b.put_null();
    return true;
  }
  std::string_view v(data, len);
  switch (kind_) {
    case ValueKind::boolean: return boolean(v, b, ctx);
    case ValueKind::int16:
    case ValueKind::int32:
    case ValueKind::int64: return integer(v, b, ctx);
    case ValueKind::float32:
    case ValueKind::float64: return floating(v, b, ctx);
    case ValueKind::decimal: return decimal(v, b, ctx);
    case ValueKind::bytes: return bytes(v, b, ctx);
    case ValueKind::date:
    case ValueKind::timestamp:
    case ValueKind::timestamptz: return temporal(v, b, ctx);
    case ValueKind::time:
    case ValueKind::interval: return time_of_day(v, b, ctx);
    case ValueKind::uuid: return uuid(v, b, ctx);
    default: return text(v, b, ctx);
  }
}

bool ColumnDecoder::boolean(std::string_view v, RowBatch& b, DecodeContext& ctx) const {
  uint64_t n = form_ == Form::bits ? bits_value(v) : 2;
  if (form_ != Form::bits) {
    if (v == "0") n = 0;
    else if (v == "1") n = 1;
  }
  if (n > 1)
    return refuse(v, ctx, "mysql.not_boolean",
                  fmt::format("value is not 0 or 1; {} keeps it", cast_hint(ctx, "smallint")));
  b.put_bool(n == 1);
  return true;
}

bool ColumnDecoder::integer(std::string_view v, RowBatch& b, DecodeContext& ctx) const {
  int64_t n = 0;
  if (form_ == Form::bits) {
    uint64_t u = bits_value(v);
    if (u > static_cast<uint64_t>(INT64_MAX))
      return refuse(v, ctx, "out_of_range", fmt::format("bit value too large; {} keeps it", cast_hint(ctx, "numeric")));
    n = static_cast<int64_t>(u);
  } else {
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc{} || p != v.data() + v.size())
      return refuse(v, ctx, "not_integer", fmt::format("not an integer in range; {} keeps it", cast_hint(ctx, "numeric")));
  }
  if (!in_range(n, kind_))
    return refuse(v, ctx, "out_of_range", fmt::format("does not fit {}; {} keeps it", target_type_, cast_hint(ctx, "bigint")));
  put_integer(n, kind_, b);
  return true;
}

bool ColumnDecoder::floating(std::string_view v, RowBatch& b, DecodeContext& ctx) const {
  double d = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc{} || p != v.data() + v.size())
    return refuse(v, ctx, "not_number", fmt::format("not a number; {} keeps it", cast_hint(ctx, "text")));
  if (kind_ == ValueKind::float32) {
    float f = static_cast<float>(d);
    if (static_cast<double>(f) != d && std::isfinite(d))
      return refuse(v, ctx, "float_inexact", fmt::format("not exact in real; {} keeps it", cast_hint(ctx, "double precision")));
    b.put_float32(f);
  } else {
    b.put_float64(d);
  }
  return true;
}

bool ColumnDecoder::decimal(std::string_view v, RowBatch& b, DecodeContext& ctx) const {
  if (form_ == Form::bits) {
    ctx.scratch = std::to_string(bits_value(v));
    b.put_decimal(ctx.scratch);
    return true;
  }
  if (form_ == Form::floating) {
    double d = 0;
    std::from_chars(v.data(), v.data() + v.size(), d);
    ctx.scratch = decimal_from_double(d);
    b.put_decimal(ctx.scratch);
    return true;
  }
  auto n = normalize_decimal(v);
  if (!n) return refuse(v, ctx, "not_number", fmt::format("not a number; {} keeps it", cast_hint(ctx, "text")));
  b.put_decimal(*n);
  return true;
}

namespace {

// MySQL's internal geometry (a little-endian SRID, then WKB) as PostGIS
// EWKB (core/ewkb.hpp). SRID 0 is plain WKB, as PostGIS itself writes it.
std::string_view mysql_geometry_to_ewkb(std::string_view v, std::string& out) {
  if (v.size() < 9) return v.substr(std::min<size_t>(4, v.size()));
  return wkb_to_ewkb(v.substr(4), wkb_word32(v.data(), true), out);
}

}  // namespace

bool ColumnDecoder::bytes(std::string_view v, RowBatch& b, DecodeContext& ctx) const {
  // MySQL's internal geometry: 4-byte SRID, then WKB.
  if (form_ == Form::spatial && v.size() >= 4) {
    if (v.substr(0, 4) != std::string_view("\0\0\0\0", 4)) ctx.fire(Fired::srid_dropped);
    v.remove_prefix(4);
  }
  if (form_ == Form::ewkb) v = mysql_geometry_to_ewkb(v, ctx.scratch);
  b.put_bytes(v);
  return true;
}

bool ColumnDecoder::text(std::string_view v, RowBatch& b, DecodeContext& ctx) const {
  if (form_ == Form::bits) {
    ctx.scratch = bit_string(v);
    b.put_text(ctx.scratch);
    return true;
  }
  if ((form_ == Form::binary || form_ == Form::spatial) && !is_valid_utf8(v))
    return refuse(v, ctx, "invalid_utf8",
                  fmt::format("binary value is not UTF-8 text; {} keeps the bytes", cast_hint(ctx, "bytea")));
  if (std::memchr(v.data(), '\0', v.size()) != nullptr) {
    if (ctx.nul_policy == NulPolicy::reject) return refuse(v, ctx, "nul_in_text", std::string(k_nul_reject_reason));
    remove_nuls(v, ctx.nul_policy, ctx.nul_replacement, ctx.scratch);
    ctx.fire(ctx.nul_policy == NulPolicy::strip ? Fired::nul_strip : Fired::nul_replace);
    v = ctx.scratch;
  }
  if (kind_ == ValueKind::json) b.put_json(v);
  else if (kind_ == ValueKind::array) put_set_members(v, b, ctx);
  else b.put_text(v);
  return true;
}

bool ColumnDecoder::temporal(std::string_view v, RowBatch& b, DecodeContext& ctx) const {
  auto parsed = parse_iso8601(v);
  if (!parsed) {
    if (is_zero_or_partial_date(v)) {
      ctx.fire(Fired::zero_date);
      b.put_null();
      return true;
    }
    return refuse(v, ctx, "mysql.invalid_date",
                  fmt::format("not a valid date (MySQL ALLOW_INVALID_DATES?); {} keeps it as text", cast_hint(ctx, "text")));
  }
  if (kind_ == ValueKind::date) {
    if (parsed->has_time && parsed->micros % k_micros_per_day != 0)
      return refuse(v, ctx, "time_in_date", fmt::format("has a time of day; {} keeps it", cast_hint(ctx, "timestamp")));
    int64_t days = parsed->micros / k_micros_per_day - (parsed->micros % k_micros_per_day < 0 ? 1 : 0);
    b.put_date(static_cast<int32_t>(days));
  } else if (kind_ == ValueKind::timestamp) {
    b.put_timestamp(parsed->micros);
  } else {
    b.put_timestamptz(parsed->utc_micros());  // TIMESTAMP read with time_zone '+00:00'; DATETIME taken as UTC
  }
  return true;
}

bool ColumnDecoder::time_of_day(std::string_view v, RowBatch& b, DecodeContext& ctx) const {
  auto micros = parse_mysql_time(v);
  if (!micros) return refuse(v, ctx, "not_time", fmt::format("not a time; {} keeps it", cast_hint(ctx, "text")));
  if (kind_ == ValueKind::interval) {
    b.put_interval({0, 0, *micros});
    return true;
  }
  if (*micros < 0 || *micros > k_micros_per_day)
    return refuse(v, ctx, "mysql.time_out_of_day",
                  fmt::format("time outside 00:00..24:00; {} keeps it as a duration", cast_hint(ctx, "interval")));
  b.put_time(*micros);
  return true;
}

bool ColumnDecoder::uuid(std::string_view v, RowBatch& b, DecodeContext& ctx) const {
  if (v.size() == 16 && form_ == Form::binary) {
    b.put_uuid(reinterpret_cast<const uint8_t*>(v.data()));
    return true;
  }
  auto u = parse_uuid(v);
  if (!u) return refuse(v, ctx, "not_uuid", fmt::format("not a UUID; {} keeps it", cast_hint(ctx, "text")));
  b.put_uuid(u->data());
  return true;
}

}  // namespace cutover::mysql

namespace cutover::mysql {
namespace {

// Microseconds since 1970-01-01 of a valid DATE/DATETIME; nullopt for zero
// and partial dates and year 0 (decoded from text, by the named policy).
std::optional<int64_t> native_micros(const MYSQL_TIME& t) {
  if (t.year == 0 || t.month == 0 || t.day == 0) return std::nullopt;
  auto days = days_from_civil(t.year, static_cast<int>(t.month), static_cast<int>(t.day));
  if (!days) return std::nullopt;
  int64_t clock = (int64_t{t.hour} * 60 + t.minute) * 60 + t.second;
  return *days * k_micros_per_day + clock * k_micros_per_second + static_cast<int64_t>(t.second_part);
}

}  // namespace

std::optional<bool> ColumnDecoder::decode_native(const Native& n, RowBatch& b, DecodeContext&) const {
  using Tag = Native::Tag;
  switch (n.tag) {
    case Tag::int_signed:
    case Tag::int_unsigned: return native_integer(n, b);
    case Tag::floating: return native_floating(n.d, b);
    case Tag::date:
    case Tag::datetime: return native_temporal(*n.time, b);
    case Tag::time: break;
  }
  return std::nullopt;
}

std::optional<bool> ColumnDecoder::native_integer(const Native& n, RowBatch& b) const {
  if (form_ != Form::integer || (n.tag == Native::Tag::int_unsigned && n.u > static_cast<uint64_t>(INT64_MAX)))
    return std::nullopt;
  int64_t v = n.tag == Native::Tag::int_signed ? n.i : static_cast<int64_t>(n.u);
  if (kind_ == ValueKind::boolean && (v == 0 || v == 1)) {
    b.put_bool(v == 1);
    return true;
  }
  bool integer_kind = kind_ == ValueKind::int16 || kind_ == ValueKind::int32 || kind_ == ValueKind::int64;
  if (!integer_kind || !in_range(v, kind_)) return std::nullopt;
  put_integer(v, kind_, b);
  return true;
}

std::optional<bool> ColumnDecoder::native_floating(double d, RowBatch& b) const {
  float f = static_cast<float>(d);
  if (kind_ == ValueKind::float64) b.put_float64(d);
  else if (kind_ == ValueKind::float32 && static_cast<double>(f) == d) b.put_float32(f);
  else return std::nullopt;
  return true;
}

std::optional<bool> ColumnDecoder::native_temporal(const MYSQL_TIME& t, RowBatch& b) const {
  auto micros = native_micros(t);
  if (!micros) return std::nullopt;
  if (kind_ == ValueKind::date && *micros % k_micros_per_day == 0)
    b.put_date(static_cast<int32_t>(*micros / k_micros_per_day));
  else if (kind_ == ValueKind::timestamp) b.put_timestamp(*micros);
  else if (kind_ == ValueKind::timestamptz) b.put_timestamptz(*micros);  // read in UTC
  else return std::nullopt;
  return true;
}

}  // namespace cutover::mysql
