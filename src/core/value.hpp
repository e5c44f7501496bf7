// The canonical value model (DESIGN.md §2): every source decodes into these
// kinds and every target encodes from them, so an adapter pair never needs to
// know about each other.
#pragma once

#include <cstdint>

namespace cutover {

enum class ValueKind : uint8_t {
  null,
  boolean,
  int16,
  int32,
  int64,
  uint64,
  float32,
  float64,     // NaN, ±Infinity and -0.0 are kept bit for bit
  decimal,     // exact digits as text: "-123.4500", "NaN"; never through double
  text,        // UTF-8; NUL bytes handled by an explicit policy before this point
  bytes,
  date,         // days since 1970-01-01, proleptic Gregorian
  time,         // microseconds since midnight
  timestamp,    // microseconds since 1970-01-01 00:00:00, no zone
  timestamptz,  // microseconds since 1970-01-01 00:00:00 UTC
  interval,     // Interval below
  uuid,         // 16 bytes, RFC 4122 byte order
  json,         // UTF-8 JSON text
  enum_label,   // UTF-8 label
  array,        // reserved for sources with arrays (PostgreSQL)
};

const char* to_string(ValueKind kind);

// True for kinds whose payload lives in the batch's byte arena.
constexpr bool is_variable_length(ValueKind k) {
  return k == ValueKind::decimal || k == ValueKind::text || k == ValueKind::bytes ||
         k == ValueKind::interval || k == ValueKind::uuid || k == ValueKind::json ||
         k == ValueKind::enum_label || k == ValueKind::array;
}

struct Interval {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;
};

// Microsecond and day constants shared by decoders and encoders.
inline constexpr int64_t k_micros_per_second = 1'000'000;
inline constexpr int64_t k_micros_per_day = 86'400LL * k_micros_per_second;
// Days from 1970-01-01 to 2000-01-01 (PostgreSQL's epoch).
inline constexpr int32_t k_days_1970_to_2000 = 10'957;

}  // namespace cutover
