// Small parsers and formatters behind the test oracle (canonical.hpp). They
// are written for the tests, not taken from src/, so the product is checked
// against an independent reading of each value.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cutover::it {

// std::from_chars over the whole text (what the product accepts as a number in text).
template <class T>
bool parse_whole(std::string_view s, T& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool digit(char c);
// The run of digits at `i` (possibly empty); `i` moves past it.
std::string take_digits(std::string_view s, size_t& i);
std::string lower(std::string_view s);
std::vector<int64_t> type_args(std::string_view type_name);  // "numeric(10,2)" -> {10, 2}
std::string float_bits(float v);

// Decimal text without exponent: "1.5e3" -> "1500", ".5" -> "0.5", "+007" -> "7".
// Trailing fractional zeros are kept. nullopt for anything else.
std::optional<std::string> plain_decimal(std::string_view text);
// Without trailing fractional zeros or point; "-0" -> "0".
std::string strip_decimal(std::string s);
// "-0.00" -> "0.00" (numeric has no negative zero); other texts unchanged.
std::string unsigned_zero(std::string s);
// A stripped decimal padded to `scale` fraction digits, as numeric(p,s) prints it.
std::string with_scale(std::string s, int scale);
// {integer digits, fraction digits} of a stripped decimal ("0.5" -> {0, 1}).
std::pair<int, int> decimal_shape(std::string_view stripped);
// The shortest round-trip digits of a finite double, without exponent.
std::string shortest_plain(double v);
// A REAL stored into a text column: shortest digits, ".0" on integral values, Inf/-Inf.
std::string real_as_text(double v);

bool valid_utf8(std::string_view s);
int64_t utf8_length(std::string_view s);

std::optional<int64_t> epoch_integer_micros(int64_t v, const std::string& decode);
std::optional<int64_t> time_micros(std::string_view text);  // "HH:MM[:SS[.ffffff]]"

std::optional<std::string> parse_uuid_text(std::string_view text);  // -> 16 bytes
std::string format_uuid(std::string_view bytes16);
std::string canonical_json(std::string_view text);

}  // namespace cutover::it
