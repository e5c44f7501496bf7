// Calendar and clock conversions of convert.hpp. Decimal text lives in
// convert_decimal.cpp, UUID/UTF-8/display helpers in convert_text.cpp.
#include "core/convert.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/value.hpp"

namespace cutover {
namespace {

constexpr int64_t k_max_year = 5'000'000;  // keeps every day count inside int32

bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int64_t year, int month) {
  static constexpr int k_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : k_days[month - 1];
}

// Reads exactly `n` ASCII digits at `pos`, advancing it.
std::optional<int> read_digits(std::string_view s, size_t& pos, size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  pos += n;
  return v;
}

bool at(std::string_view s, size_t pos, char c) { return pos < s.size() && s[pos] == c; }

// "HH:MM[:SS[.fffffffff]]" at `pos`; digits past microseconds must be zero.
std::optional<int64_t> read_clock(std::string_view s, size_t& pos, int max_hour) {
  auto hh = read_digits(s, pos, 2);
  if (!hh || !at(s, pos++, ':')) return std::nullopt;
  auto mm = read_digits(s, pos, 2);
  if (!mm || *hh > max_hour || *mm > 59) return std::nullopt;
  int64_t seconds = 0, micros = 0;
  if (at(s, pos, ':')) {
    ++pos;
    auto ss = read_digits(s, pos, 2);
    if (!ss || *ss > 59) return std::nullopt;
    seconds = *ss;
    if (at(s, pos, '.')) {
      size_t n = 0;
      for (++pos; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, ++n) {
        if (n < 6) micros = micros * 10 + (s[pos] - '0');
        else if (s[pos] != '0') return std::nullopt;  // never round silently
      }
      if (n == 0 || n > 9) return std::nullopt;
      for (; n < 6; ++n) micros *= 10;
    }
  }
  int64_t total = ((int64_t{*hh} * 60 + *mm) * 60 + seconds) * k_micros_per_second + micros;
  if (*hh == 24 && total != k_micros_per_day) return std::nullopt;  // only 24:00:00
  return total;
}

// "Z", "±HH", "±HHMM" or "±HH:MM" running to the end of `s`.
std::optional<int32_t> read_offset(std::string_view s, size_t pos) {
  if (s.substr(pos) == "Z" || s.substr(pos) == "z") return 0;
  if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) return std::nullopt;
  int sign = s[pos++] == '-' ? -1 : 1;
  auto hh = read_digits(s, pos, 2);
  if (!hh || *hh > 23) return std::nullopt;
  int mm = 0;
  if (pos < s.size()) {
    if (s[pos] == ':') ++pos;
    auto m = read_digits(s, pos, 2);
    if (!m || *m > 59) return std::nullopt;
    mm = *m;
  }
  if (pos != s.size()) return std::nullopt;
  return sign * (*hh * 3600 + mm * 60);
}

}  // namespace

std::optional<int32_t> days_from_civil(int64_t year, int month, int day) {
  if (year < -k_max_year || year > k_max_year || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month)) {
    return std::nullopt;
  }
  // Howard Hinnant's days_from_civil: years start on March 1st.
  int64_t y = year - (month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int32_t>(era * 146097 + doe - 719468);
}

CivilDate civil_from_days(int64_t days) {
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

std::optional<ParsedDateTime> parse_iso8601(std::string_view text) {
  size_t pos = 0;
  auto year = read_digits(text, pos, 4);
  if (!year || !at(text, pos++, '-')) return std::nullopt;
  auto month = read_digits(text, pos, 2);
  if (!month || !at(text, pos++, '-')) return std::nullopt;
  auto day = read_digits(text, pos, 2);
  if (!day) return std::nullopt;
  auto days = days_from_civil(*year, *month, *day);
  if (!days) return std::nullopt;
  ParsedDateTime out;
  out.micros = int64_t{*days} * k_micros_per_day;
  if (pos == text.size()) return out;
  if (text[pos] != ' ' && text[pos] != 'T' && text[pos] != 't') return std::nullopt;
  ++pos;
  auto clock = read_clock(text, pos, 23);
  if (!clock) return std::nullopt;
  out.micros += *clock;
  out.has_time = true;
  if (pos == text.size()) return out;
  auto offset = read_offset(text, pos);
  if (!offset) return std::nullopt;
  out.has_offset = true;
  out.offset_seconds = *offset;
  return out;
}

std::optional<int64_t> parse_time_of_day(std::string_view text) {
  size_t pos = 0;
  auto clock = read_clock(text, pos, 24);
  if (!clock || pos != text.size()) return std::nullopt;
  return clock;
}

std::optional<int64_t> julian_day_to_micros(double jd) {
  if (!std::isfinite(jd)) return std::nullopt;
  // Days before/after the epoch; exact for jd within a factor 2 of the epoch.
  double days = jd - 2440587.5;
  if (std::fabs(days) > 100'000'000.0) return std::nullopt;  // beyond int64 micros
  double micros = days * static_cast<double>(k_micros_per_day);
  auto rounded = static_cast<int64_t>(std::llround(micros));
  // SQLite keeps julian days in milliseconds; when the double cannot tell
  // microseconds apart (about 20 µs near the present), snap to the millisecond
  // the value came from instead of inventing sub-millisecond noise.
  double ulp_micros =
      (std::nextafter(std::fabs(jd), HUGE_VAL) - std::fabs(jd)) * static_cast<double>(k_micros_per_day);
  auto ms = static_cast<int64_t>(std::llround(micros / 1000.0)) * 1000;
  if (ulp_micros >= 1.0 && static_cast<double>(std::llabs(rounded - ms)) <= ulp_micros) return ms;
  return rounded;
}

EpochUnit epoch_unit_for(int64_t max_abs) {
  if (max_abs < 0) max_abs = std::numeric_limits<int64_t>::max();  // |INT64_MIN|
  if (max_abs < 100'000'000'000LL) return EpochUnit::seconds;
  if (max_abs < 100'000'000'000'000LL) return EpochUnit::millis;
  return EpochUnit::micros;
}

std::optional<int64_t> epoch_to_micros(int64_t value, EpochUnit unit) {
  int64_t scale = unit == EpochUnit::seconds ? 1'000'000 : unit == EpochUnit::millis ? 1'000 : 1;
  int64_t out = 0;
  if (__builtin_mul_overflow(value, scale, &out)) return std::nullopt;
  return out;
}

std::string format_date(int32_t days) {
  CivilDate d = civil_from_days(days);
  return fmt::format("{}{:04d}-{:02d}-{:02d}", d.year < 0 ? "-" : "",
                     d.year < 0 ? -d.year : d.year, d.month, d.day);
}

std::string format_timestamp(int64_t micros) {
  int64_t days = micros / k_micros_per_day;
  int64_t rest = micros % k_micros_per_day;
  if (rest < 0) {
    rest += k_micros_per_day;
    --days;
  }
  return format_date(static_cast<int32_t>(days)) + " " + format_time_of_day(rest);
}

std::string format_time_of_day(int64_t micros) {
  int64_t secs = micros / k_micros_per_second;
  std::string out = fmt::format("{:02d}:{:02d}:{:02d}", secs / 3600, secs / 60 % 60, secs % 60);
  if (int64_t frac = micros % k_micros_per_second; frac != 0) {
    std::string digits = fmt::format("{:06d}", frac);
    digits.erase(digits.find_last_not_of('0') + 1);
    out += '.';
    out += digits;
  }
  return out;
}

}  // namespace cutover
