#include "verify/totals.hpp"

#include <string_view>

namespace cutover {

namespace {

constexpr Int128 k_limit = static_cast<Int128>(1) << 120;

// Multiplies by 10^n; false on overflow.
bool times_pow10(Int128& v, int n) {
  for (int i = 0; i < n; ++i) {
    if (v > k_limit / 10 || v < -k_limit / 10) return false;
    v *= 10;
  }
  return true;
}

}  // namespace

std::string int128_to_decimal(Int128 mantissa, int scale) {
  bool neg = mantissa < 0;
  UInt128 m = neg ? static_cast<UInt128>(-mantissa)
                            : static_cast<UInt128>(mantissa);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  } while (m != 0);
  while (static_cast<int>(digits.size()) <= scale) digits.insert(digits.begin(), '0');
  if (scale > 0) digits.insert(digits.end() - scale, '.');
  return neg ? "-" + digits : digits;
}

ColumnTotals::ColumnTotals(const std::vector<ValueKind>& kinds) {
  for (size_t i = 0; i < kinds.size(); ++i)
    if (summable(kinds[i])) acc_[i] = Acc{};
}

bool ColumnTotals::summable(ValueKind k) {
  return k == ValueKind::int16 || k == ValueKind::int32 || k == ValueKind::int64 ||
         k == ValueKind::uint64 || k == ValueKind::decimal;
}

void ColumnTotals::add_decimal(Acc& acc, std::string_view d) {
  if (d == "NaN" || acc.overflow) {
    acc.overflow = true;
    return;
  }
  bool neg = !d.empty() && d[0] == '-';
  if (neg) d.remove_prefix(1);
  Int128 v = 0;
  int scale = 0;
  bool frac = false;
  for (char ch : d) {
    if (ch == '.') { frac = true; continue; }
    if (v > k_limit / 10) { acc.overflow = true; return; }
    v = v * 10 + (ch - '0');
    if (frac) ++scale;
  }
  if (neg) v = -v;
  if (scale > acc.scale) {
    if (!times_pow10(acc.mantissa, scale - acc.scale)) { acc.overflow = true; return; }
    acc.scale = scale;
  } else if (!times_pow10(v, acc.scale - scale)) {
    acc.overflow = true;
    return;
  }
  acc.mantissa += v;
  acc.any = true;
  if (acc.mantissa > k_limit || acc.mantissa < -k_limit) acc.overflow = true;
}

void ColumnTotals::add(const RowBatch& batch) { add(batch, {}); }

void ColumnTotals::add(const RowBatch& batch, const std::vector<bool>& skip) {
  for (auto& [col, acc] : acc_) {
    for (size_t r = 0; r < batch.rows(); ++r) {
      if (!skip.empty() && skip[r]) continue;
      const Cell& c = batch.at(r, col);
      switch (c.kind) {
        case ValueKind::null: break;
        case ValueKind::uint64: acc.mantissa += static_cast<Int128>(c.u); acc.any = true; break;
        case ValueKind::decimal: add_decimal(acc, batch.payload(c)); break;
        case ValueKind::int16:
        case ValueKind::int32:
        case ValueKind::int64:
          // Integers are at scale 0; the accumulator may carry a larger scale.
          if (acc.scale == 0) {
            acc.mantissa += c.i;
            acc.any = true;
          } else {
            add_decimal(acc, std::to_string(c.i));
          }
          break;
        default: break;
      }
    }
  }
}

void ColumnTotals::merge(const ColumnTotals& other) {
  for (const auto& [col, text] : other.sums()) add_text(col, text);
}

void ColumnTotals::add_text(size_t column, const std::string& sum) {
  Acc& acc = acc_[column];
  if (sum == "overflow") acc.overflow = true;
  else if (sum != "null") add_decimal(acc, sum);
}

std::map<size_t, std::string> ColumnTotals::sums() const {
  std::map<size_t, std::string> out;
  for (const auto& [col, acc] : acc_)
    out[col] = acc.overflow ? "overflow" : acc.any ? int128_to_decimal(acc.mantissa, acc.scale) : "null";
  return out;
}

}  // namespace cutover
