#include "sources/mssql/mssql_decode.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstring>
#include <utility>

#include "core/convert.hpp"
#include "core/ewkb.hpp"
#include "core/nul_policy.hpp"

namespace cutover::mssql {
namespace {

bool digits(std::string_view s, int64_t& out) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size();
}

// ".fffffff" (1-7 digits, or empty) -> microseconds, half up.
std::optional<int64_t> fraction_micros(std::string_view f) {
  if (f.empty()) return 0;
  if (f[0] != '.' || f.size() > 8) return std::nullopt;
  std::string d(f.substr(1));
  d.resize(7, '0');
  int64_t ticks = 0;  // 100 ns
  if (!digits(d, ticks)) return std::nullopt;
  return round_nanos(ticks * 100);
}

// True when time text has a 7th fractional digit other than 0, which
// microseconds cannot keep (it is rounded half up).
bool rounds_seventh_digit(std::string_view v) {
  size_t dot = v.find('.');
  return dot != std::string_view::npos && dot + 7 < v.size() && v[dot + 7] >= '1' && v[dot + 7] <= '9';
}

// "HH:MM:SS" -> seconds since midnight.
std::optional<int64_t> clock_seconds(std::string_view s) {
  int64_t h = 0, m = 0, sec = 0;
  if (s.size() != 8 || s[2] != ':' || s[5] != ':') return std::nullopt;
  if (!digits(s.substr(0, 2), h) || !digits(s.substr(3, 2), m) || !digits(s.substr(6, 2), sec)) return std::nullopt;
  if (h > 23 || m > 59 || sec > 59) return std::nullopt;
  return (h * 60 + m) * 60 + sec;
}


}  // namespace

const char* rule_name(Fired f) {
  static constexpr const char* k_names[] = {"nul_in_text.strip",      "nul_in_text.replace",
                                            "mssql.fraction_rounded", "mssql.sql_variant_text",
                                            "mssql.datetimeoffset_offset", "mssql.spatial_wkb"};
  static_assert(std::size(k_names) == static_cast<size_t>(Fired::count));
  return k_names[static_cast<size_t>(f)];
}

int64_t round_nanos(int64_t nanos) { return (nanos + 500) / 1000; }

std::optional<int64_t> parse_mssql_time(std::string_view s) {
  auto secs = clock_seconds(s.substr(0, 8));
  auto frac = s.size() >= 8 ? fraction_micros(s.substr(8)) : std::nullopt;
  if (!secs || !frac) return std::nullopt;
  return *secs * k_micros_per_second + *frac;
}

std::optional<int16_t> parse_mssql_offset_minutes(std::string_view s) {
  int64_t oh = 0, om = 0;
  std::string_view off = s.size() >= 7 && s[s.size() - 7] == ' ' ? s.substr(s.size() - 6) : std::string_view{};
  if (off.size() != 6 || (off[0] != '+' && off[0] != '-') || off[3] != ':' || !digits(off.substr(1, 2), oh) ||
      !digits(off.substr(4, 2), om) || om > 59 || oh * 60 + om > 840)
    return std::nullopt;
  return static_cast<int16_t>((oh * 60 + om) * (off[0] == '-' ? -1 : 1));
}

std::optional<int64_t> parse_mssql_offset(std::string_view s) {
  size_t dash = s.find('-', 1);
  size_t space = s.find(' ');
  size_t zone = s.rfind(' ');
  if (dash == std::string_view::npos || space == std::string_view::npos || zone == space || space < dash + 6)
    return std::nullopt;
  int64_t y = 0, mo = 0, d = 0, oh = 0, om = 0;
  if (!digits(s.substr(0, dash), y) || s[dash + 3] != '-' || !digits(s.substr(dash + 1, 2), mo) ||
      !digits(s.substr(dash + 4, space - dash - 4), d))
    return std::nullopt;
  auto days = days_from_civil(y, static_cast<int>(mo), static_cast<int>(d));
  auto clock = parse_mssql_time(s.substr(space + 1, zone - space - 1));
  std::string_view off = s.substr(zone + 1);
  if (!days || !clock || off.size() != 6 || (off[0] != '+' && off[0] != '-') || off[3] != ':' ||
      !digits(off.substr(1, 2), oh) || !digits(off.substr(4, 2), om))
    return std::nullopt;
  int64_t offset = (oh * 60 + om) * 60 * k_micros_per_second * (off[0] == '-' ? -1 : 1);
  return *days * k_micros_per_day + *clock - offset;
}

ColumnDecoder::ColumnDecoder(const ColumnPlan& plan, const Column& source)
    : source_name_(source.name),
      source_base_(parse_mssql_type(source.declared_type).base),
      kind_(plan.type.kind),
      form_(Form::text),
      derived_(plan.derived) {
  const std::string& b = source_base_;
  variant_ = b == "sql_variant" && derived_.empty();
  postgis_ = plan.type.rule == "mssql.spatial_postgis";
  if (derived_ == "offset") form_ = Form::offset_minutes;
  else if (postgis_ || plan.type.rule == "mssql.spatial_wkb") form_ = Form::spatial;
  else if (kind_ == ValueKind::text || kind_ == ValueKind::json) form_ = Form::text;
  else if (b == "bit" || b == "tinyint" || b == "smallint" || b == "int" || b == "bigint") form_ = Form::integer;
  else if (b == "real") form_ = Form::real;
  else if (b == "float") form_ = Form::floating;
  else if (b == "decimal" || b == "numeric" || b == "money" || b == "smallmoney") form_ = Form::decimal;
  else if (b == "date") form_ = Form::date;
  else if (b == "datetime" || b == "smalldatetime" || b == "datetime2") form_ = Form::timestamp;
  else if (b == "time") form_ = Form::time;
  else if (b == "datetimeoffset") form_ = Form::offset;
  else if (b == "uniqueidentifier") form_ = Form::uuid;
  else if (kind_ == ValueKind::bytes) form_ = Form::binary;
}

namespace {

// sql_variant as text without losing digits: CONVERT's default style shows
// datetime to the minute ("Mar  1 2024  9:30AM"), money with 2 decimals and
// float with 6 digits, so those base types are cast back and converted with
// an exact style (121: milliseconds, 2: 4 decimals, 3: 17 digits, SQL
// Server 2016 and later); the others' default text is exact.
std::string variant_text(const std::string& q) {
  static constexpr std::pair<const char*, int> k_styled[] = {
      {"datetime", 121}, {"smalldatetime", 120}, {"money", 2}, {"smallmoney", 2}, {"float", 3}, {"real", 3}};
  std::string out = fmt::format("CASE CAST(SQL_VARIANT_PROPERTY({}, 'BaseType') AS nvarchar(128))", q);
  for (auto [type, style] : k_styled)
    out += fmt::format(" WHEN '{0}' THEN CONVERT(nvarchar(max), CAST({1} AS {0}), {2})", type, q, style);
  return out + fmt::format(" ELSE CONVERT(nvarchar(max), {}) END", q);
}

}  // namespace

void ColumnDecoder::derived_kept(const std::string& derived) {
  if (derived == "base_type") variant_ = false;
  if (derived == "offset") offset_kept_ = true;
}

std::string ColumnDecoder::select_expr() const {
  std::string q = quote_identifier(source_name_);
  if (derived_ == "base_type")
    return fmt::format("CAST(SQL_VARIANT_PROPERTY({}, 'BaseType') AS nvarchar(128)) AS {}", q,
                       quote_identifier(source_name_ + "_type"));
  if (derived_ == "offset") return q;  // the offset is read from the value's text
  if (form_ == Form::spatial)  // AsBinaryZM (SQL Server 2012): STAsBinary drops Z and M
    return fmt::format("{0}.AsBinaryZM() AS {0}, {0}.STSrid AS {1}", q, quote_identifier(source_name_ + "_srid"));
  if (source_base_ == "sql_variant") return fmt::format("{} AS {}", variant_text(q), q);
  if (source_base_ == "hierarchyid") return fmt::format("CAST({} AS nvarchar(4000)) AS {}", q, q);  // ToString()
  return q;
}

bool ColumnDecoder::refuse(std::string_view v, DecodeContext& ctx, std::string rule, std::string reason) const {
  ctx.reject = {std::move(rule), std::move(reason), display_value(v)};
  return false;
}

bool ColumnDecoder::put_integer(int64_t v, RowBatch& b) const {
  switch (kind_) {
    case ValueKind::boolean: b.put_bool(v != 0); break;
    case ValueKind::int16: b.put_int16(static_cast<int16_t>(v)); break;
    case ValueKind::int32: b.put_int32(static_cast<int32_t>(v)); break;
    case ValueKind::decimal: b.put_decimal(std::to_string(v)); break;
    default: b.put_int64(v);
  }
  return true;
}

bool ColumnDecoder::text(std::string_view v, RowBatch& b, DecodeContext& ctx) const {
  if (std::memchr(v.data(), '\0', v.size()) != nullptr) {
    if (ctx.nul_policy == NulPolicy::reject) return refuse(v, ctx, "nul_in_text", std::string(k_nul_reject_reason));
    remove_nuls(v, ctx.nul_policy, ctx.nul_replacement, ctx.scratch);
    ctx.fire(ctx.nul_policy == NulPolicy::strip ? Fired::nul_strip : Fired::nul_replace);
    v = ctx.scratch;
  }
  if (variant_) ctx.fire(Fired::variant_as_text);
  if (kind_ == ValueKind::json) b.put_json(v);
  else b.put_text(v);
  return true;
}

bool ColumnDecoder::from_text(std::string_view v, RowBatch& b, DecodeContext& ctx) const {
  switch (form_) {
    case Form::decimal: {
      auto d = normalize_decimal(v);
      if (!d) return refuse(v, ctx, "mssql.decimal", "the driver's decimal text is not a number");
      b.put_decimal(*d);
      return true;
    }
    case Form::time: {
      auto t = parse_mssql_time(v);
      if (!t) return refuse(v, ctx, "mssql.time", "the driver's time text is not HH:MM:SS[.fffffff]");
      if (rounds_seventh_digit(v)) ctx.fire(Fired::fraction_rounded);
      b.put_time(*t);
      return true;
    }
    case Form::offset: {
      auto t = parse_mssql_offset(v);
      if (!t) return refuse(v, ctx, "mssql.datetimeoffset", "the driver's datetimeoffset text is malformed");
      if (rounds_seventh_digit(v)) ctx.fire(Fired::fraction_rounded);
      if (!offset_kept_ && !v.ends_with("+00:00") && !v.ends_with("-00:00")) ctx.fire(Fired::offset_dropped);
      b.put_timestamptz(*t);
      return true;
    }
    case Form::offset_minutes: {
      auto m = parse_mssql_offset_minutes(v);
      if (!m) return refuse(v, ctx, "mssql.datetimeoffset", "the driver's datetimeoffset text has no +HH:MM offset");
      b.put_int16(*m);
      return true;
    }
    case Form::uuid: {
      auto u = parse_uuid(v);
      if (!u) return refuse(v, ctx, "mssql.uniqueidentifier", "the driver's uniqueidentifier text is malformed");
      b.put_uuid(u->data());
      return true;
    }
    case Form::binary: b.put_bytes(v); return true;
    default: return text(v, b, ctx);
  }
}

Result<bool> ColumnDecoder::decode_text(Statement& st, int col, RowBatch& b, DecodeContext& ctx) const {
  auto v = st.pieces(col, form_ == Form::binary ? SQL_C_BINARY : SQL_C_CHAR);
  if (!v) return fail(v.error().in_column(source_name_));
  if (!*v) {
    b.put_null();
    return true;
  }
  return from_text(**v, b, ctx);
}

// WKB, then the SRID: EWKB for PostGIS, or the WKB alone (an SRID other
// than 0 counted as dropped).
Result<bool> ColumnDecoder::decode_spatial(Statement& st, int col, RowBatch& b, DecodeContext& ctx) const {
  auto wkb = st.pieces(col, SQL_C_BINARY);
  if (!wkb) return fail(wkb.error().in_column(source_name_));
  auto srid = st.integer(col + 1);
  if (!srid) return fail(srid.error().in_column(source_name_));
  if (!*wkb) {
    b.put_null();
    return true;
  }
  auto id = static_cast<uint32_t>(srid->value_or(0));
  if (!postgis_ && id != 0) ctx.fire(Fired::srid_dropped);
  b.put_bytes(postgis_ ? wkb_to_ewkb(**wkb, id, ctx.scratch) : std::string_view(**wkb));
  return true;
}

Result<bool> ColumnDecoder::decode(Statement& st, int col, RowBatch& b, DecodeContext& ctx) const {
  auto null_or = [&](auto& r, auto put) -> Result<bool> {
    if (!r) return fail(r.error().in_column(source_name_));
    if (!*r) {
      b.put_null();
      return true;
    }
    return put(**r);
  };
  switch (form_) {
    case Form::integer: {
      auto r = st.integer(col);
      return null_or(r, [&](int64_t v) { return put_integer(v, b); });
    }
    case Form::real: {
      auto r = st.fixed<float>(col, SQL_C_FLOAT);
      return null_or(r, [&](float v) { return b.put_float32(v), true; });
    }
    case Form::floating: {
      auto r = st.fixed<double>(col, SQL_C_DOUBLE);
      return null_or(r, [&](double v) { return b.put_float64(v), true; });
    }
    case Form::date: {
      auto r = st.fixed<SQL_DATE_STRUCT>(col, SQL_C_TYPE_DATE);
      return null_or(r, [&](const SQL_DATE_STRUCT& d) {
        b.put_date(days_from_civil(d.year, d.month, d.day).value_or(0));
        return true;
      });
    }
    case Form::timestamp: {
      auto r = st.fixed<SQL_TIMESTAMP_STRUCT>(col, SQL_C_TYPE_TIMESTAMP);
      return null_or(r, [&](const SQL_TIMESTAMP_STRUCT& t) {
        int64_t days = days_from_civil(t.year, t.month, t.day).value_or(0);
        int64_t secs = (t.hour * 60 + t.minute) * 60 + t.second;
        if (t.fraction % 1000 != 0) ctx.fire(Fired::fraction_rounded);
        b.put_timestamp(days * k_micros_per_day + secs * k_micros_per_second + round_nanos(t.fraction));
        return true;
      });
    }
    case Form::spatial: return decode_spatial(st, col, b, ctx);
    default: return decode_text(st, col, b, ctx);
  }
}

}  // namespace cutover::mssql
