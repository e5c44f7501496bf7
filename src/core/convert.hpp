// Pure conversions between stored representations and canonical values.
// No I/O, no allocation beyond returned strings; every function is total
// (returns nullopt instead of throwing) so decoders can reject cleanly.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cutover {

// Days since 1970-01-01 for a proleptic Gregorian date; nullopt when the date
// does not exist (2023-02-29, month 13, day 0).
std::optional<int32_t> days_from_civil(int64_t year, int month, int day);
struct CivilDate { int64_t year; int month; int day; };
CivilDate civil_from_days(int64_t days);

struct ParsedDateTime {
  int64_t micros = 0;         // since 1970-01-01 00:00 in the written clock (offset NOT applied)
  bool has_time = false;      // false for a bare date "2024-05-01"
  bool has_offset = false;    // "Z", "+02:00", "+0200", "-05"
  int32_t offset_seconds = 0; // east of UTC
  int64_t utc_micros() const { return micros - int64_t{offset_seconds} * 1'000'000; }
};

// ISO-8601 / SQLite date-time text: "YYYY-MM-DD", "YYYY-MM-DD HH:MM",
// "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DDTHH:MM:SS.ffffff" (1-9 fraction digits;
// digits past microseconds must be zero or the value is rejected, never
// rounded silently), optional "Z" or ±HH, ±HHMM, ±HH:MM. Years 0000-9999.
// Leading/trailing spaces are not accepted.
std::optional<ParsedDateTime> parse_iso8601(std::string_view text);

// A time of day "HH:MM[:SS[.ffffff]]" to microseconds since midnight
// (same fraction rule; "24:00:00" is accepted as PostgreSQL's time does).
std::optional<int64_t> parse_time_of_day(std::string_view text);

// Julian day number (as SQLite's julianday()) to microseconds since 1970,
// rounded to the nearest microsecond; nullopt for non-finite input. Where
// the double cannot resolve microseconds (about 40 µs near the present) and
// lies within that resolution of a whole millisecond, the millisecond is
// returned: SQLite computes julian days from milliseconds.
std::optional<int64_t> julian_day_to_micros(double jd);

enum class EpochUnit { seconds, millis, micros };
// Picks the unit of an epoch column from its largest magnitude: below 1e11 is
// seconds (until year 5138), below 1e14 milliseconds, else microseconds.
EpochUnit epoch_unit_for(int64_t max_abs);
// Scales an epoch value to microseconds; nullopt on overflow.
std::optional<int64_t> epoch_to_micros(int64_t value, EpochUnit unit);

// "0f8fad5b-d9cb-469f-a165-70867728950e" (any case, also with braces, or as
// 32 hex digits without hyphens) -> bytes. format_uuid writes lower case.
std::optional<std::array<uint8_t, 16>> parse_uuid(std::string_view text);
std::string format_uuid(const uint8_t bytes[16]);

// Exact decimal normalisation: accepts "+1.50", "-0.001", ".5", "1e3",
// "1.5E-2", "NaN"; returns plain digits without exponent and without
// redundant leading zeros, keeping trailing fractional zeros as written
// ("1.50" stays "1.50"; "1e3" -> "1000"; ".5" -> "0.5"; "-0" -> "0").
// nullopt for anything that is not a number (including "inf").
std::optional<std::string> normalize_decimal(std::string_view text);

// A decimal literal split without copying: "-12.5e3" -> {true, "12", "5", 3}.
// Accepts what normalize_decimal accepts except NaN; exponents beyond
// ±1,000,000 are rejected. The views point into `text`.
struct DecimalParts {
  bool negative = false;
  std::string_view int_digits;   // may be empty (".5")
  std::string_view frac_digits;  // may be empty ("5", "5.")
  int64_t exponent = 0;
};
std::optional<DecimalParts> split_decimal(std::string_view text);

// Shortest decimal text that reads back to exactly the same double, without
// exponent ("0.1", "1e+20" -> "100000000000000000000"). Requires finite v.
std::string decimal_from_double(double v);
// Fast path of the shortest round-trip text for the common case of a double
// holding a short decimal (at most 15 significant digits and 8 decimal
// places, e.g. 19.99): writes the same plain text fmt's shortest form gives
// and returns true; false (out untouched) when the slow path must decide.
bool short_decimal_from_double(double v, std::string& out);

// Digits before and after the point of a normalized decimal ("-12.340" -> {2,3}).
// A lone leading zero is not an integer digit: "0.5" -> {0,1}, "0" -> {0,0},
// so integer_digits + scale is the precision numeric(p,s) needs. "NaN" -> {0,0}.
struct DecimalShape { int integer_digits; int scale; };
DecimalShape decimal_shape(std::string_view normalized);

// Human forms for messages and reports. Years before 1 are astronomical with
// a sign ("-0044-03-15" is 45 BC); the fraction has no trailing zeros.
std::string format_date(int32_t days);           // "2024-05-01"
std::string format_timestamp(int64_t micros);    // "2024-05-01 13:45:00.25"
std::string format_time_of_day(int64_t micros);  // "13:45:00.25"; 86400000000 -> "24:00:00"

bool is_valid_utf8(std::string_view text);
// True when every byte is in 0x01..0x7F: valid UTF-8 without NUL bytes, one
// character per byte. Checks eight bytes at a time (the hot path of text).
bool is_plain_ascii(std::string_view text);

// Shortens a value for an error message: at most max_bytes, on a UTF-8
// boundary, non-printable bytes escaped, "…(N bytes)" appended when cut.
std::string display_value(std::string_view value, size_t max_bytes = 80);

}  // namespace cutover
