// Canonical text -> wire bytes for the scalar types whose value model is
// text: dates and times ([MS-TDS] 2.2.5.5.1.7-8), decimals (2.2.5.5.1.6),
// money (2.2.5.5.1.4) and GUIDs (2.2.5.5.1.3 byte order). Bad text throws
// std::invalid_argument naming the value: fixtures are checked when served.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tdstest {

struct Temporal {
  std::int64_t days = 0;   // since 0001-01-01 (proleptic Gregorian)
  std::int64_t ticks = 0;  // 100 ns units since midnight
  int offset_minutes = 0;
  bool has_offset = false;
};

// "YYYY-MM-DD", "hh:mm:ss[.fffffff]", "YYYY-MM-DD hh:mm:ss[.fffffff] [+|-hh:mm]".
Temporal parse_temporal(std::string_view text);
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);  // since 0001-01-01

std::string date_bytes(const Temporal& t);                    // DATEN: 3 bytes
std::string time_bytes(std::int64_t ticks, int scale);        // TIMEN: 3-5 bytes
std::string datetime2_bytes(const Temporal& t, int scale);    // time + date
std::string datetimeoffset_bytes(Temporal t, int scale);      // UTC time + date + offset
std::string datetime_bytes(const Temporal& t);                // DATETIME: 8 bytes
std::string smalldatetime_bytes(const Temporal& t);           // DATETIM4: 4 bytes

// "-123.45" with scale 4 -> sign byte + little-endian magnitude of `bytes` - 1 bytes.
std::string decimal_bytes(std::string_view text, int scale, int length);
std::int64_t money_units(std::string_view text);  // scaled by 10^4, exact
std::string money_bytes(std::string_view text, int length);
std::string guid_bytes(std::string_view text);

}  // namespace tdstest
