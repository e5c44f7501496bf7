// SQL Server's order of values for a column type (select.hpp, compare_values).
#include <algorithm>
#include <cctype>

#include "scalars.hpp"
#include "select.hpp"

namespace tdstest {

namespace {

int guid_compare(const std::string& a, const std::string& b) {
  static const int order[] = {10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3};
  std::string x = guid_bytes(a), y = guid_bytes(b);
  for (int i : order) {
    auto p = static_cast<unsigned char>(x[static_cast<std::size_t>(i)]);
    auto q = static_cast<unsigned char>(y[static_cast<std::size_t>(i)]);
    if (p != q) return p < q ? -1 : 1;
  }
  return 0;
}

template <class T>
int three_way(const T& a, const T& b) {
  return a < b ? -1 : b < a ? 1 : 0;
}

std::int64_t instant(const std::string& s) {
  Temporal t = parse_temporal(s);
  return t.days * 864'000'000'000 + t.ticks - t.offset_minutes * 600'000'000LL;
}

std::string folded(std::string s) {
  std::ranges::transform(s, s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

int compare_values(const Value& a, const Value& b, const ColumnType& t) {
  if (is_null(a) || is_null(b)) return is_null(a) ? (is_null(b) ? 0 : -1) : 1;
  auto* ia = std::get_if<std::int64_t>(&a);
  auto* ib = std::get_if<std::int64_t>(&b);
  if (ia && ib) return three_way(*ia, *ib);
  auto* sa = std::get_if<std::string>(&a);
  auto* sb = std::get_if<std::string>(&b);
  if (sa && sb) {
    switch (t.wire) {
      case k_guid: return guid_compare(*sa, *sb);
      case k_decimaln: case k_numericn: case k_money: case k_money4: case k_moneyn:
        return three_way(std::stold(*sa), std::stold(*sb));
      case k_daten: case k_timen: case k_datetime2n: case k_datetimeoffsetn: case k_datetime:
      case k_datetim4: case k_datetimn:
        return three_way(instant(*sa), instant(*sb));
      case k_bigvarbinary: case k_bigbinary: return three_way(*sa, *sb);
      default: return three_way(folded(*sa), folded(*sb));
    }
  }
  return three_way(std::stold(value_text(a)), std::stold(value_text(b)));
}

}  // namespace tdstest
