// Date and time kinds of the SQLite value decoder. Texts are always read as
// ISO-8601 (SQLite's own date format); numbers as Unix epoch in the unit the
// decision chose, or as Julian days. Values before PostgreSQL's first
// timestamp (Julian day 0, 4714-11-24 BC) are refused.
#include <fmt/format.h>

#include <cmath>

#include "core/convert.hpp"
#include "sources/sqlite/sqlite_decode.hpp"

namespace cutover::sqlite {
namespace {

constexpr int64_t k_min_pg_micros = -210'866'803'200'000'000;  // 4714-11-24 00:00 BC
constexpr double k_int64_limit = 9.2e18;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::optional<int64_t> real_epoch_micros(double v, Decode d) {
  double scale = d == Decode::epoch_s ? 1e6 : d == Decode::epoch_ms ? 1e3 : 1.0;
  double m = std::round(v * scale);
  if (!std::isfinite(m) || std::fabs(m) > k_int64_limit) return std::nullopt;
  return static_cast<int64_t>(m);
}

EpochUnit unit_of(Decode d) {
  return d == Decode::epoch_s ? EpochUnit::seconds : d == Decode::epoch_ms ? EpochUnit::millis : EpochUnit::micros;
}

}  // namespace

std::optional<int64_t> ColumnDecoder::datetime_micros(const Stored& v, DecodeContext& ctx) const {
  if (v.type == SQLITE_TEXT) {
    auto dt = parse_iso8601(v.bytes);
    if (!dt) {
      refuse(v, ctx, "bad_datetime", fmt::format("text is not an ISO-8601 date-time (YYYY-MM-DD[ HH:MM[:SS[.ffffff]]]"
                                                 "[Z|+HH:MM]); {} keeps it", cast_hint(ctx, "text")));
      return std::nullopt;
    }
    if (kind_ == ValueKind::date && (dt->has_offset || dt->micros % k_micros_per_day != 0)) {
      refuse(v, ctx, "bad_datetime", fmt::format("has a time of day or zone, which date would drop; {} keeps it",
                                                 cast_hint(ctx, "timestamptz")));
      return std::nullopt;
    }
    if (dt->has_offset && kind_ == ValueKind::timestamp) ctx.fire(Fired::offset_to_utc);
    if (!dt->has_offset && kind_ == ValueKind::timestamptz) ctx.fire(Fired::naive_as_utc);
    return dt->has_offset ? dt->utc_micros() : dt->micros;
  }
  std::optional<int64_t> m;
  bool number = v.type == SQLITE_INTEGER || v.type == SQLITE_FLOAT;
  if (number && decode_ == Decode::julian_day)
    m = julian_day_to_micros(v.type == SQLITE_INTEGER ? static_cast<double>(v.i) : v.f);
  else if (v.type == SQLITE_INTEGER && decode_ != Decode::iso_datetime)
    m = epoch_to_micros(v.i, unit_of(decode_));
  else if (v.type == SQLITE_FLOAT && decode_ != Decode::iso_datetime)
    m = real_epoch_micros(v.f, decode_);
  if (!m) {
    const char* what = !number ? "blob is not a date-time"
                       : decode_ == Decode::iso_datetime ? "number in a column read as ISO-8601 texts"
                                                         : "number out of range";
    refuse(v, ctx, "bad_datetime", fmt::format("{}; {} keeps it", what, cast_hint(ctx, number ? "bigint" : "bytea")));
  }
  return m;
}

bool ColumnDecoder::datetime(const Stored& v, RowBatch& b, DecodeContext& ctx) const {
  auto m = datetime_micros(v, ctx);
  if (!m) return false;
  if (*m < k_min_pg_micros)
    return refuse(v, ctx, "out_of_range", fmt::format("before 4714-11-24 BC, PostgreSQL's earliest date; {} keeps it",
                                                      cast_hint(ctx, "text")));
  if (kind_ == ValueKind::timestamptz) {
    b.put_timestamptz(*m);
  } else if (kind_ == ValueKind::timestamp) {
    b.put_timestamp(*m);
  } else {
    if (*m % k_micros_per_day != 0)
      return refuse(v, ctx, "bad_datetime", fmt::format("has a time of day, which date would drop; {} keeps it",
                                                        cast_hint(ctx, "timestamp")));
    b.put_date(static_cast<int32_t>(floor_div(*m, k_micros_per_day)));
  }
  return true;
}

bool ColumnDecoder::time_of_day(const Stored& v, RowBatch& b, DecodeContext& ctx) const {
  if (v.type == SQLITE_TEXT) {
    if (auto t = parse_time_of_day(v.bytes)) {
      b.put_time(*t);
      return true;
    }
  }
  return refuse(v, ctx, "bad_time", fmt::format("not a time of day (HH:MM[:SS[.ffffff]]); {} keeps it",
                                                cast_hint(ctx, "text")));
}

}  // namespace cutover::sqlite
