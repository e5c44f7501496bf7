// Exact decimal text of convert.hpp: string manipulation only, never a double
// in between (except decimal_from_double, whose input already is one).
#include <cmath>

#include <fmt/format.h>

#include "core/convert.hpp"

namespace cutover {
namespace {

// Longest plain-digit result normalize_decimal produces (sign and point excluded).
constexpr int64_t k_max_decimal_digits = 1000;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if ((a[i] | 0x20) != b[i]) return false;
  }
  return true;
}

std::optional<int64_t> parse_exponent(std::string_view s) {
  size_t pos = 0;
  bool negative = false;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) negative = s[pos++] == '-';
  if (pos == s.size()) return std::nullopt;
  int64_t v = 0;
  for (; pos < s.size(); ++pos) {
    if (!is_digit(s[pos])) return std::nullopt;
    v = v * 10 + (s[pos] - '0');
    if (v > 1'000'000) return std::nullopt;  // far past any result we accept
  }
  return negative ? -v : v;
}

}  // namespace

std::optional<DecimalParts> split_decimal(std::string_view s) {
  DecimalParts p;
  size_t pos = 0;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) p.negative = s[pos++] == '-';
  size_t start = pos;
  while (pos < s.size() && is_digit(s[pos])) ++pos;
  p.int_digits = s.substr(start, pos - start);
  if (pos < s.size() && s[pos] == '.') {
    start = ++pos;
    while (pos < s.size() && is_digit(s[pos])) ++pos;
    p.frac_digits = s.substr(start, pos - start);
  }
  if (p.int_digits.empty() && p.frac_digits.empty()) return std::nullopt;
  if (pos < s.size()) {
    if (s[pos] != 'e' && s[pos] != 'E') return std::nullopt;
    auto e = parse_exponent(s.substr(pos + 1));
    if (!e) return std::nullopt;
    p.exponent = *e;
  }
  return p;
}

namespace {

// Digit i of the mantissa (integer digits then fraction digits).
char mantissa_digit(const DecimalParts& p, int64_t i) {
  auto n = static_cast<int64_t>(p.int_digits.size());
  return i < n ? p.int_digits[i] : p.frac_digits[i - n];
}

}  // namespace

std::optional<std::string> normalize_decimal(std::string_view text) {
  if (iequals(text, "nan")) return std::string("NaN");
  auto p = split_decimal(text);
  if (!p) return std::nullopt;
  auto total = static_cast<int64_t>(p->int_digits.size() + p->frac_digits.size());
  // The point sits after `point` mantissa digits; scale as written minus exponent.
  int64_t point = static_cast<int64_t>(p->int_digits.size()) + p->exponent;
  int64_t scale = std::max<int64_t>(0, total - point);
  int64_t first = 0;  // first significant integer digit
  while (first < std::min(point, total) && mantissa_digit(*p, first) == '0') ++first;
  if (first == total) first = std::max(first, point);  // "0e5": no integer digit
  int64_t int_len = std::max<int64_t>(point - first, 0);
  if (int_len + scale > k_max_decimal_digits) return std::nullopt;
  std::string out;
  out.reserve(static_cast<size_t>(int_len + scale + 3));
  if (p->negative) out += '-';
  if (int_len == 0) out += '0';
  for (int64_t i = first; i < point; ++i) out += i < total ? mantissa_digit(*p, i) : '0';
  if (scale > 0) {
    out += '.';
    for (int64_t i = point; i < total; ++i) out += i < 0 ? '0' : mantissa_digit(*p, i);
  }
  if (p->negative && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
  return out;
}

bool short_decimal_from_double(double v, std::string& out) {
  // If r / 10^s (one correctly rounded division of two exact doubles) gives
  // back v, the decimal r·10^-s reads back to v. Decimals of at most 15
  // significant digits never share a double, so the first such s gives the
  // shortest text, the one fmt's "{}" writes.
  static constexpr double k_pow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
  if (!std::isfinite(v) || v == 0) return false;
  for (int s = 0; s < 9; ++s) {
    double r = std::nearbyint(v * k_pow10[s]);
    if (std::fabs(r) >= 1e15) return false;
    if (r / k_pow10[s] != v) continue;
    auto digits = static_cast<int64_t>(std::fabs(r));
    char buf[32];
    char* end = buf + sizeof buf;
    char* p = end;
    for (int k = 0; k <= s || digits > 0; ++k) {
      if (k == s && s > 0) *--p = '.';
      *--p = static_cast<char>('0' + digits % 10);
      digits /= 10;
    }
    if (r < 0) *--p = '-';
    out.assign(p, end);
    return true;
  }
  return false;
}

std::string decimal_from_double(double v) {
  std::string fast;
  if (short_decimal_from_double(v, fast)) return fast;
  // fmt's "{}" is the shortest text that reads back to the same double.
  auto plain = normalize_decimal(fmt::format("{}", v));
  return plain ? *plain : std::string("NaN");  // only for non-finite input
}

DecimalShape decimal_shape(std::string_view normalized) {
  if (!normalized.empty() && (normalized[0] == '-' || normalized[0] == '+')) {
    normalized.remove_prefix(1);
  }
  if (!normalized.empty() && !is_digit(normalized[0]) && normalized[0] != '.') return {0, 0};
  size_t dot = normalized.find('.');
  std::string_view int_part = normalized.substr(0, dot);
  int scale = dot == std::string_view::npos ? 0 : static_cast<int>(normalized.size() - dot - 1);
  size_t first = int_part.find_first_not_of('0');
  int integer_digits = first == std::string_view::npos ? 0 : static_cast<int>(int_part.size() - first);
  return {integer_digits, scale};
}

}  // namespace cutover
