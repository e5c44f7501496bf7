// Date and time parsing of the test oracle (canonical_util.hpp, canonical.hpp):
// ISO-8601 texts and times of day, written for the tests.
#include <string>

#include "canonical.hpp"
#include "canonical_util.hpp"

namespace cutover::it {

namespace {

// Reads exactly `n` digits at `i`.
std::optional<int> fixed_digits(std::string_view s, size_t& i, size_t n) {
  if (i + n > s.size()) return std::nullopt;
  int v = 0;
  for (size_t k = 0; k < n; ++k, ++i) {
    if (!digit(s[i])) return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// "HH:MM[:SS[.ffffff]]" at `i`; microseconds since midnight.
std::optional<int64_t> clock_at(std::string_view s, size_t& i) {
  auto h = fixed_digits(s, i, 2);
  if (!h || i >= s.size() || s[i++] != ':') return std::nullopt;
  auto m = fixed_digits(s, i, 2);
  if (!m) return std::nullopt;
  int64_t sec = 0, frac = 0;
  if (i < s.size() && s[i] == ':') {
    ++i;
    auto ss = fixed_digits(s, i, 2);
    if (!ss) return std::nullopt;
    sec = *ss;
    if (i < s.size() && s[i] == '.') {
      ++i;
      std::string f = take_digits(s, i);
      if (f.empty() || f.size() > 6) return std::nullopt;
      frac = std::stoll(f + std::string(6 - f.size(), '0'));
    }
  }
  if (*h > 23 || *m > 59 || sec > 59) return std::nullopt;
  return ((*h * 60 + *m) * 60 + sec) * 1'000'000 + frac;
}

// Howard Hinnant's days_from_civil.
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int days_in_month(int y, int m) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : k_days[m - 1];
}

// "Z", "+HH", "+HHMM", "+HH:MM" at `i`: offset in microseconds east of UTC.
std::optional<int64_t> offset_at(std::string_view s, size_t& i) {
  if (s[i] == 'Z' || s[i] == 'z') {
    ++i;
    return 0;
  }
  if (s[i] != '+' && s[i] != '-') return std::nullopt;
  int sign = s[i++] == '-' ? -1 : 1;
  auto h = fixed_digits(s, i, 2);
  if (!h) return std::nullopt;
  int m = 0;
  if (i < s.size() && s[i] == ':') ++i;
  if (i < s.size()) {
    auto mm = fixed_digits(s, i, 2);
    if (!mm) return std::nullopt;
    m = *mm;
  }
  return sign * (int64_t{*h} * 60 + m) * 60'000'000;
}

}  // namespace

std::optional<int64_t> epoch_integer_micros(int64_t v, const std::string& decode) {
  int64_t scale = decode == "epoch_s" ? 1'000'000 : decode == "epoch_ms" ? 1000 : 1;
  int64_t out = 0;
  if (__builtin_mul_overflow(v, scale, &out)) return std::nullopt;
  return out;
}

std::optional<int64_t> time_micros(std::string_view text) {
  size_t i = 0;
  auto m = clock_at(text, i);
  if (!m || i != text.size()) return std::nullopt;
  return m;
}

std::optional<int64_t> iso_micros(const std::string& s, bool* has_time, bool* has_offset) {
  size_t i = 0;
  auto y = fixed_digits(s, i, 4);
  if (!y || i >= s.size() || s[i++] != '-') return std::nullopt;
  auto mo = fixed_digits(s, i, 2);
  if (!mo || i >= s.size() || s[i++] != '-') return std::nullopt;
  auto d = fixed_digits(s, i, 2);
  if (!d || *mo < 1 || *mo > 12 || *d < 1 || *d > days_in_month(*y, *mo)) return std::nullopt;
  int64_t micros = days_from_civil(*y, *mo, *d) * 86'400'000'000;
  bool timed = false, offset = false;
  if (i < s.size() && (s[i] == 'T' || s[i] == ' ')) {
    auto clock = clock_at(s, ++i);
    if (!clock) return std::nullopt;
    micros += *clock;
    timed = true;
  }
  if (i < s.size()) {
    auto off = offset_at(s, i);
    if (!off) return std::nullopt;
    micros -= *off;
    offset = true;
  }
  if (i != s.size()) return std::nullopt;
  if (has_time) *has_time = timed;
  if (has_offset) *has_offset = offset;
  return micros;
}

}  // namespace cutover::it
