#include "scalars.hpp"

#include <cctype>
#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

namespace tdstest {

namespace {

__extension__ typedef unsigned __int128 UInt128;

constexpr std::int64_t k_ticks_per_day = 864'000'000'000;
constexpr std::int64_t k_days_to_1900 = 693'595;  // 0001-01-01 .. 1900-01-01

[[noreturn]] void bad(std::string_view what, std::string_view text) {
  throw std::invalid_argument(fmt::format("bad {} value '{}'", what, text));
}

int number(std::string_view s, std::string_view text) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) bad("date/time", text);
  return v;
}

std::string le_bytes(std::uint64_t v, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  return out;
}

std::int64_t parse_time(std::string_view s, std::string_view text) {
  if (s.size() < 8 || s[2] != ':' || s[5] != ':') bad("time", text);
  std::int64_t secs = number(s.substr(0, 2), text) * 3600LL + number(s.substr(3, 2), text) * 60LL +
                      number(s.substr(6, 2), text);
  std::int64_t frac = 0;
  if (s.size() > 8) {
    std::string_view f = s.substr(9);
    if (s[8] != '.' || f.empty() || f.size() > 7) bad("time", text);
    frac = number(f, text);
    for (std::size_t i = f.size(); i < 7; ++i) frac *= 10;
  }
  return secs * 10'000'000 + frac;
}

int parse_offset(std::string_view s, std::string_view text) {
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') bad("offset", text);
  int minutes = number(s.substr(1, 2), text) * 60 + number(s.substr(4, 2), text);
  if (minutes > 14 * 60) bad("offset", text);
  return s[0] == '-' ? -minutes : minutes;
}

std::int64_t pow10(int n) {
  std::int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// Digits of a decimal text scaled to `scale` places; throws on excess places.
UInt128 scaled_magnitude(std::string_view text, int scale, bool& negative) {
  std::string_view s = text;
  negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  UInt128 v = 0;
  int places = -1;
  for (char c : s) {
    if (c == '.' && places < 0) {
      places = 0;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) bad("decimal", text);
    v = v * 10 + static_cast<unsigned>(c - '0');
    if (places >= 0) ++places;
  }
  if (s.empty()) bad("decimal", text);
  places = places < 0 ? 0 : places;
  if (places > scale) bad("decimal (more fractional digits than the scale)", text);
  for (int i = places; i < scale; ++i) v *= 10;
  return v;
}

// Days since 1970-01-01 (H. Hinnant's days_from_civil).
std::int64_t civil_days(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  return civil_days(y, m, d) - civil_days(1, 1, 1);
}

Temporal parse_temporal(std::string_view text) {
  Temporal t;
  std::string_view s = text;
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
    int y = number(s.substr(0, 4), text);
    int m = number(s.substr(5, 2), text);
    int d = number(s.substr(8, 2), text);
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31) bad("date", text);
    t.days = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
    s.remove_prefix(s.size() > 10 ? 11 : 10);
  }
  std::size_t space = s.find(' ');
  if (!s.empty()) t.ticks = parse_time(s.substr(0, space), text);
  if (space != std::string_view::npos) {
    t.offset_minutes = parse_offset(s.substr(space + 1), text);
    t.has_offset = true;
  }
  return t;
}

std::string date_bytes(const Temporal& t) { return le_bytes(static_cast<std::uint64_t>(t.days), 3); }

std::string time_bytes(std::int64_t ticks, int scale) {
  std::int64_t unit = pow10(7 - scale);
  if (ticks % unit != 0) {
    throw std::invalid_argument(fmt::format("time has more digits than scale {}", scale));
  }
  int n = scale <= 2 ? 3 : scale <= 4 ? 4 : 5;
  return le_bytes(static_cast<std::uint64_t>(ticks / unit), n);
}

std::string datetime2_bytes(const Temporal& t, int scale) {
  return time_bytes(t.ticks, scale) + date_bytes(t);
}

std::string datetimeoffset_bytes(Temporal t, int scale) {
  std::int64_t total = t.days * k_ticks_per_day + t.ticks -
                       static_cast<std::int64_t>(t.offset_minutes) * 600'000'000;
  if (total < 0) throw std::invalid_argument("datetimeoffset before 0001-01-01 UTC");
  Temporal utc;
  utc.days = total / k_ticks_per_day;
  utc.ticks = total % k_ticks_per_day;
  auto offset = static_cast<std::uint16_t>(static_cast<std::int16_t>(t.offset_minutes));
  return datetime2_bytes(utc, scale) + le_bytes(offset, 2);
}

std::string datetime_bytes(const Temporal& t) {
  std::int64_t days = t.days - k_days_to_1900;
  std::int64_t ticks300 = (t.ticks * 3 + 50'000) / 100'000;  // nearest 1/300 s
  if (ticks300 >= 300LL * 86400) {
    ticks300 -= 300LL * 86400;
    ++days;
  }
  return le_bytes(static_cast<std::uint32_t>(static_cast<std::int32_t>(days)), 4) +
         le_bytes(static_cast<std::uint64_t>(ticks300), 4);
}

std::string smalldatetime_bytes(const Temporal& t) {
  std::int64_t days = t.days - k_days_to_1900;
  std::int64_t minutes = (t.ticks + 300'000'000) / 600'000'000;  // nearest minute
  if (days < 0 || days > 65535) throw std::invalid_argument("smalldatetime out of range");
  return le_bytes(static_cast<std::uint64_t>(days), 2) +
         le_bytes(static_cast<std::uint64_t>(minutes), 2);
}

std::string decimal_bytes(std::string_view text, int scale, int length) {
  bool negative = false;
  UInt128 v = scaled_magnitude(text, scale, negative);
  std::string out(1, negative ? '\0' : '\1');
  for (int i = 0; i < length - 1; ++i) {
    out.push_back(static_cast<char>(static_cast<std::uint8_t>(v & 0xFF)));
    v >>= 8;
  }
  if (v != 0) bad("decimal (too many digits)", text);
  return out;
}

std::int64_t money_units(std::string_view text) {
  bool negative = false;
  UInt128 v = scaled_magnitude(text, 4, negative);
  UInt128 limit = negative ? (UInt128{1} << 63) : (UInt128{1} << 63) - 1;
  if (v > limit) bad("money", text);
  return negative ? static_cast<std::int64_t>(-static_cast<UInt128>(v))
                  : static_cast<std::int64_t>(v);
}

std::string money_bytes(std::string_view text, int length) {
  std::int64_t units = money_units(text);
  if (length == 4) {
    if (units < INT32_MIN || units > INT32_MAX) bad("smallmoney", text);
    return le_bytes(static_cast<std::uint32_t>(static_cast<std::int32_t>(units)), 4);
  }
  auto u = static_cast<std::uint64_t>(units);
  return le_bytes(u >> 32, 4) + le_bytes(u & 0xFFFFFFFF, 4);  // high half first
}

std::string guid_bytes(std::string_view text) {
  std::string hex;
  for (char c : text) {
    if (c != '-') hex.push_back(c);
  }
  if (hex.size() != 32 || text.size() != 36) bad("uniqueidentifier", text);
  std::string raw;
  for (std::size_t i = 0; i < 32; i += 2) {
    unsigned v = 0;
    auto [p, ec] = std::from_chars(hex.data() + i, hex.data() + i + 2, v, 16);
    if (ec != std::errc() || p != hex.data() + i + 2) bad("uniqueidentifier", text);
    raw.push_back(static_cast<char>(v));
  }
  // Data1 (4 bytes), Data2 and Data3 (2 each) are little-endian on the wire.
  std::string out{raw[3], raw[2], raw[1], raw[0], raw[5], raw[4], raw[7], raw[6]};
  return out + raw.substr(8);
}

}  // namespace tdstest
