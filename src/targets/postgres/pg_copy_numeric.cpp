// PostgreSQL binary numeric (numeric_send/numeric_recv layout):
//   int16 ndigits, int16 weight, int16 sign, int16 dscale, ndigits x int16
// base-10000 digits, most significant first. Digit groups are aligned on the
// decimal point; group `weight` holds the units. Leading and trailing zero
// groups are not sent; dscale is the number of fractional decimal digits as
// written. Zero is ndigits 0, weight 0, sign positive.
#include <fmt/format.h>

#include "core/convert.hpp"
#include "targets/postgres/pg_copy_internal.hpp"

namespace cutover::pg {
namespace {

using detail::CellFault;

constexpr uint16_t k_numeric_pos = 0x0000;
constexpr uint16_t k_numeric_neg = 0x4000;
constexpr uint16_t k_numeric_nan = 0xC000;
constexpr uint16_t k_numeric_pinf = 0xD000;  // PostgreSQL 14+
constexpr uint16_t k_numeric_ninf = 0xF000;  // PostgreSQL 14+
constexpr int64_t k_max_dscale = 0x3FFF;     // NUMERIC_DSCALE_MAX
constexpr int64_t k_max_weight = 0x7FFF;     // NUMERIC_WEIGHT_MAX
constexpr int64_t k_max_ndigits = 3000;      // NUMERIC_MAX_PRECISION + NUMERIC_MAX_RESULT_SCALE

bool iequals(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if ((a[i] | 0x20) != lower[i]) return false;
  }
  return true;
}

// Resizes `out` for a numeric of `ndigits` groups (plus the field length when
// asked) and writes the 8-byte header; returns where the digits go.
char* put_header(std::string& out, bool with_length, int64_t ndigits, int64_t weight, uint16_t sign,
                 int64_t dscale) {
  size_t payload = 8 + 2 * static_cast<size_t>(ndigits);
  size_t at = out.size();
  out.resize(at + payload + (with_length ? 4 : 0));
  char* p = out.data() + at;
  if (with_length) {
    detail::store_be32(p, static_cast<uint32_t>(payload));
    p += 4;
  }
  detail::store_be16(p, static_cast<uint16_t>(ndigits));
  detail::store_be16(p + 2, static_cast<uint16_t>(static_cast<int16_t>(weight)));
  detail::store_be16(p + 4, sign);
  detail::store_be16(p + 6, static_cast<uint16_t>(dscale));
  return p + 8;
}

// NaN, Infinity, inf with an optional sign; false when `s` is not one.
bool append_special(std::string_view s, std::string& out, bool with_length) {
  bool negative = !s.empty() && s[0] == '-';
  std::string_view word = !s.empty() && (s[0] == '-' || s[0] == '+') ? s.substr(1) : s;
  if (iequals(word, "nan")) {
    put_header(out, with_length, 0, 0, k_numeric_nan, 0);
  } else if (iequals(word, "infinity") || iequals(word, "inf")) {
    put_header(out, with_length, 0, 0, negative ? k_numeric_ninf : k_numeric_pinf, 0);
  } else {
    return false;
  }
  return true;
}

int64_t floor_div4(int64_t x) { return x >= 0 ? x / 4 : -((-x + 3) / 4); }

// The mantissa digits of a DecimalParts as one sequence, with the decimal
// point after `point` of them (point may lie outside the sequence).
struct Mantissa {
  std::string_view a, b;  // integer digits, then fraction digits
  int64_t point;
  int64_t size() const { return static_cast<int64_t>(a.size() + b.size()); }
  int at(int64_t i) const {
    if (i < 0 || i >= size()) return 0;
    auto n = static_cast<int64_t>(a.size());
    return (i < n ? a[i] : b[i - n]) - '0';
  }
  // Digit at decimal exponent x (0 = units, -1 = tenths).
  int digit(int64_t x) const { return at(point - 1 - x); }
};

}  // namespace

namespace detail {

CellFault append_numeric_payload(std::string_view text, std::string& out, bool with_length) {
  if (append_special(text, out, with_length)) return CellFault::none;
  auto parts = split_decimal(text);
  if (!parts) return CellFault::bad_number;
  Mantissa m{parts->int_digits, parts->frac_digits,
             static_cast<int64_t>(parts->int_digits.size()) + parts->exponent};
  int64_t dscale = std::max<int64_t>(0, m.size() - m.point);
  if (dscale > k_max_dscale) return CellFault::numeric_limit;
  int64_t first = 0, last = m.size() - 1;
  while (first < m.size() && m.at(first) == 0) ++first;
  if (first == m.size()) {  // zero: no digits, positive, scale as written
    put_header(out, with_length, 0, 0, k_numeric_pos, dscale);
    return CellFault::none;
  }
  while (m.at(last) == 0) --last;
  int64_t weight = floor_div4(m.point - 1 - first);
  int64_t last_group = floor_div4(m.point - 1 - last);
  int64_t ndigits = weight - last_group + 1;
  if (weight > k_max_weight || last_group < -k_max_weight || ndigits > k_max_ndigits) {
    return CellFault::numeric_limit;
  }
  char* p = put_header(out, with_length, ndigits, weight,
                       parts->negative ? k_numeric_neg : k_numeric_pos, dscale);
  for (int64_t g = weight; g >= last_group; --g, p += 2) {
    int64_t x = 4 * g;
    detail::store_be16(p, static_cast<uint16_t>(m.digit(x + 3) * 1000 + m.digit(x + 2) * 100 +
                                                m.digit(x + 1) * 10 + m.digit(x)));
  }
  return CellFault::none;
}

}  // namespace detail

Status append_numeric(std::string_view digits, std::string& out) {
  size_t start = out.size();
  switch (detail::append_numeric_payload(digits, out, false)) {
    case CellFault::none: return {};
    case CellFault::numeric_limit:
      out.resize(start);
      return fail(ErrorKind::data,
                  fmt::format("'{}' exceeds PostgreSQL numeric limits", display_value(digits)),
                  "map the column to text");
    default:
      out.resize(start);
      return fail(ErrorKind::data, fmt::format("'{}' is not a valid number", display_value(digits)),
                  "clean the source value or map the column to text");
  }
}

}  // namespace cutover::pg
